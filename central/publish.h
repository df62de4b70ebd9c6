/* SPDX-License-Identifier: EUPL-1.2 */
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

/* A publish from text: name is what messages call it, by the staff user ("" on
 * the command line), assets_dir NULL when every asset must be stored already. */
struct publish_request {
	const char *name, *group, *by, *assets_dir;
};

/* Publishes text (len bytes) to p->group as publish_bundle does; a line saying
 * what was published goes to out (may be NULL). */
int publish_text(const struct central_config *cfg, struct db *db, const struct publish_request *p,
		 const char *text, size_t len, FILE *out, FILE *err);

/* Stores data as the asset with this SHA-256 (it is checked); false with a
 * message in err. */
bool publish_asset(const struct central_config *cfg, const char *data, size_t len, char *sha256_out,
		   FILE *err);

#endif
