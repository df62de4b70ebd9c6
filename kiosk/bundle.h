/* SPDX-License-Identifier: EUPL-1.2 */
/* The content the kiosk shows and where it comes from: the bundle kiosk-sync made
 * current (content/current in the data directory), else the configured one, else
 * the demo that ships with the kiosk. A new current bundle is taken only between
 * visitors; one the parser refuses leaves the old one on show, and the reason is
 * kept for the staff panel. */
#ifndef KIOSK_BUNDLE_H
#define KIOSK_BUNDLE_H

#include "app.h"
#include "common/content.h"

#include <stdbool.h>
#include <stddef.h>

struct bundle;

/* Where bundles come from. The strings are copied. */
struct bundle_sources {
	const char *data_dir;	/* content/current under it, from kiosk-sync */
	const char *configured; /* kiosk.conf's content */
	const char *demo;	/* the demo bundle, when the configured one is refused */
};

/* What shows the content: the app (bundle_app_view), or a test's stand-in. */
struct bundle_view {
	void *ctx;
	/* Whether new content may be shown now: no visitor is in the middle of
	 * something. */
	bool (*between_visitors)(void *ctx);
	/* Shows c, which stays valid until the next show or bundle_destroy. */
	void (*show)(void *ctx, struct content *c);
};

/* Loads the first bundle: the synced one, else the configured one, else the demo.
 * NULL (logged with every problem) when none of them loads. */
struct bundle *bundle_create(const struct bundle_sources *src);
void bundle_destroy(struct bundle *b);

/* The bundle on show; owned by b, valid until the next show or bundle_destroy. */
struct content *bundle_content(const struct bundle *b);

/* Why the last bundle offered was not taken ("path: first problem"), or "" when
 * it was. Valid until the next call into b. */
const char *bundle_problem(const struct bundle *b);

/* Tells b that content/current may name another version now (an inotify event,
 * or a poll). Cheap: nothing is read until bundle_follow. */
void bundle_changed(struct bundle *b);

/* After bundle_changed, once the view is between visitors: when content/current
 * names a version not tried yet, loads it and shows it. True when new content
 * went on show; false when nothing changed, it is not yet time, or the new bundle
 * was refused (then bundle_problem says why and the old one stays). */
bool bundle_follow(struct bundle *b, const struct bundle_view *v);

/* The staff panel's "reload content": the synced bundle if there is one, else the
 * configured one, read again now whatever the view is doing. True when it went
 * on show; false when it was refused (bundle_problem says why). */
bool bundle_reload(struct bundle *b, const struct bundle_view *v);

/* Logs every problem of a parse, each prefixed with the file. */
void bundle_log_diag(const struct content_diag *d, const char *file);

/* What the app asks of b (struct app_host): the staff panel's reload, answered
 * in the app's language, and why the last bundle was refused. */
struct app_host bundle_app_host(struct bundle *b);

/* The view that shows bundles in the app: between visitors is app_at_safe_point,
 * show is app_set_content. */
struct bundle_view bundle_app_view(struct app *app);

#endif
