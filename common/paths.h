/* SPDX-License-Identifier: EUPL-1.2 */
/* Where the kiosk's own files are: string catalogs, the font table, the demo
 * bundle. In a source tree they sit beside the build directory; installed, under
 * PREFIX/share/kiosk; KIOSK_SHARE_DIR in the environment overrides both. */
#ifndef KIOSK_PATHS_H
#define KIOSK_PATHS_H

#include <stddef.h>

struct paths {
	char share[1024];   /* holds content.json and strings/ */
	char strings[1100]; /* string catalogs */
	char fonts[1100];   /* the font table */
};

void paths_find(struct paths *p);

#endif
