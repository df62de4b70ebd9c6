/* SPDX-License-Identifier: EUPL-1.2 */
/* The staff JSON API on staff_listen, for the staff web UI: log in and out,
 * passwords, users, drafts, previews, publish, history and rollback, the fleet,
 * results and exports. Every request but the login needs a session of the
 * endpoint's role, and every change its CSRF token (header X-CSRF-Token). */
#ifndef CENTRAL_STAFF_API_H
#define CENTRAL_STAFF_API_H

#include "central/config.h"
#include "central/db.h"
#include "central/server.h"

struct staff_api;

struct staff_api *staff_api_create(const struct central_config *cfg, struct db *db);
void staff_api_destroy(struct staff_api *a);

extern const struct server_route staff_api_routes[];
extern const int staff_api_nroutes;

#endif
