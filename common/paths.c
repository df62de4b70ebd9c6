/* SPDX-License-Identifier: EUPL-1.2 */
/* Finds the kiosk's shared files relative to the running executable, so the same
 * binary works from the source tree (build/kiosk) and once installed (bin/kiosk). */
#include "paths.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef KIOSK_SHARE_DIR
#define KIOSK_SHARE_DIR "/usr/local/share/kiosk"
#endif

static int exists(const char *path)
{
	return access(path, R_OK) == 0;
}

void paths_find(struct paths *p)
{
	char exe[1024], probe[1200];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	const char *env = getenv("KIOSK_SHARE_DIR");

	if (env && *env) {
		snprintf(p->share, sizeof p->share, "%s", env);
		snprintf(p->strings, sizeof p->strings, "%s/strings", env);
		snprintf(p->fonts, sizeof p->fonts, "%s/fonts.ini", env);
		return;
	}
	if (n > 0) {
		exe[n] = '\0';
		char *dir = dirname(exe);
		/* The source tree: <root>/build/kiosk (or build/test/kiosk) beside
		 * <root>/config and <root>/fonts. */
		static const char *const ups[] = { "..", "../.." };
		for (int i = 0; i < 2; i++) {
			snprintf(probe, sizeof probe, "%s/%s/config/strings/sv.ini", dir, ups[i]);
			if (exists(probe)) {
				snprintf(p->share, sizeof p->share, "%s/%s/config", dir, ups[i]);
				snprintf(p->strings, sizeof p->strings, "%s/%s/config/strings", dir,
					 ups[i]);
				snprintf(p->fonts, sizeof p->fonts, "%s/%s/fonts/fonts.ini", dir,
					 ups[i]);
				return;
			}
		}
		snprintf(probe, sizeof probe, "%s/../share/kiosk/strings/sv.ini", dir);
		if (exists(probe)) {
			snprintf(p->share, sizeof p->share, "%s/../share/kiosk", dir);
			snprintf(p->strings, sizeof p->strings, "%s/../share/kiosk/strings", dir);
			snprintf(p->fonts, sizeof p->fonts, "%s/../share/kiosk/fonts.ini", dir);
			return;
		}
	}
	snprintf(p->share, sizeof p->share, "%s", KIOSK_SHARE_DIR);
	snprintf(p->strings, sizeof p->strings, "%s/strings", KIOSK_SHARE_DIR);
	snprintf(p->fonts, sizeof p->fonts, "%s/fonts.ini", KIOSK_SHARE_DIR);
}
