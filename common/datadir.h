/* SPDX-License-Identifier: EUPL-1.2 */
/* The layout of the data directory that kiosk and kiosk-sync share: kiosk.db, and
 * content/<version>/ with content/current a symlink to the version in use. The
 * content parser knows nothing of it; only the two programs on the kiosk do. */
#ifndef KIOSK_DATADIR_H
#define KIOSK_DATADIR_H

#include <stdbool.h>
#include <stddef.h>

#define DATADIR_CONTENT "content"      /* under data_dir: the bundles' versions */
#define DATADIR_CURRENT "current"      /* under content/: link to the version shown */
#define DATADIR_BUNDLE	"content.json" /* in a version directory: the bundle */
#define DATADIR_ETAG	"etag"	       /* under content/: the current bundle's ETag */

/* data_dir/content/name (name NULL: data_dir/content) into path; false when it
 * does not fit. */
bool datadir_content(const char *data_dir, const char *name, char *path, size_t size);

/* The bundle kiosk-sync put in place (content/current/content.json) into path;
 * false when there is none, or it cannot be read. */
bool datadir_synced_bundle(const char *data_dir, char *path, size_t size);

#endif
