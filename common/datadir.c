/* SPDX-License-Identifier: EUPL-1.2 */
/* Paths inside the data directory, named once for kiosk and kiosk-sync. */
#include "datadir.h"

#include <stdio.h>
#include <unistd.h>

bool datadir_content(const char *data_dir, const char *name, char *path, size_t size)
{
	int n = name ? snprintf(path, size, "%s/%s/%s", data_dir, DATADIR_CONTENT, name)
		     : snprintf(path, size, "%s/%s", data_dir, DATADIR_CONTENT);
	return n > 0 && (size_t)n < size;
}

bool datadir_synced_bundle(const char *data_dir, char *path, size_t size)
{
	return datadir_content(data_dir, DATADIR_CURRENT "/" DATADIR_BUNDLE, path, size) &&
	       access(path, R_OK) == 0;
}
