/* SPDX-License-Identifier: EUPL-1.2 */
/* The kiosk API, exactly as kiosk-sync speaks it (README "Protocol"): each
 * kiosk's group's latest bundle with ETag, 304 and gzip; assets by SHA-256;
 * response uploads, each response checked against the survey version it names
 * and the batch committed before the receipt is sent; the status heartbeat.
 * Every request carries the kiosk's own bearer token. */
#ifndef CENTRAL_KIOSK_API_H
#define CENTRAL_KIOSK_API_H

#include "central/config.h"
#include "central/db.h"
#include "central/server.h"

struct kiosk_api;

/* The API over db; both stay the caller's. NULL when out of memory. */
struct kiosk_api *kiosk_api_create(const struct central_config *cfg, struct db *db);
void kiosk_api_destroy(struct kiosk_api *api);

/* Its routes, for server_start with the api as ctx. */
extern const struct server_route kiosk_api_routes[];
extern const int kiosk_api_nroutes;

#endif
