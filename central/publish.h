/* Publishing a bundle: checked with the kiosk's own parser, its assets checked
 * against their sizes and SHA-256 and stored by hash, their URLs pointed at this
 * service, then kept as the group's latest bundle. */
#ifndef CENTRAL_PUBLISH_H
#define CENTRAL_PUBLISH_H

#include "central/config.h"
#include "central/db.h"

#include <stdio.h>

/* Publishes the bundle in file to group; assets_dir (may be NULL) holds the
 * files its assets name. Problems go to err, each as "file: error: path:
 * message" as kiosk --check-content prints them. 0 on success, else 1. */
int publish_bundle(const struct central_config *cfg, struct db *db, const char *file,
		   const char *group, const char *assets_dir, FILE *err);

#endif
