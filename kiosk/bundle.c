/* SPDX-License-Identifier: EUPL-1.2 */
/* The content lifecycle: which bundle is on show, taking the one kiosk-sync makes
 * current between visitors, and reading it again when staff ask. The old bundle
 * is freed only after the view shows the new one. */
#include "bundle.h"

#include "app.h"
#include "common/config.h"
#include "common/datadir.h"
#include "common/log.h"
#include "common/notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct bundle {
	struct content *content;
	char data_dir[CONFIG_PATH_MAX];
	char configured[CONFIG_PATH_MAX];
	char demo[CONFIG_PATH_MAX];
	char target[CONFIG_PATH_MAX]; /* the version directory content/current named */
	bool stale;		      /* content/current may have changed */
	char problem[512];
};

void bundle_log_diag(const struct content_diag *d, const char *file)
{
	char line[512];

	for (int i = 0; i < d->n; i++) {
		snprintf(line, sizeof line, "%s: %s: %s", file, d->items[i].path,
			 d->items[i].message);
		if (d->items[i].error)
			log_error("%s", line);
		else
			log_warn("%s", line);
	}
	if (d->nerrors + d->nwarnings > d->n)
		log_error("%s: ... and %d more", file, d->nerrors + d->nwarnings - d->n);
}

/* The version directory content/current points to, into out ("" if none). */
static void current_target(const struct bundle *b, char *out, size_t size)
{
	char link[CONFIG_PATH_MAX + 32];
	ssize_t n = -1;

	if (b->data_dir[0] && datadir_content(b->data_dir, DATADIR_CURRENT, link, sizeof link))
		n = readlink(link, out, size - 1);
	out[n > 0 ? n : 0] = '\0';
}

/* The bundle in the version directory target, into path; false when there is
 * none or it cannot be read. Staff see which version it was. */
static bool version_bundle(const struct bundle *b, const char *target, char *path, size_t size)
{
	char name[CONFIG_PATH_MAX + 32];

	if (strchr(target, '/'))
		return datadir_synced_bundle(b->data_dir, path, size);
	snprintf(name, sizeof name, "%s/%s", target, DATADIR_BUNDLE);
	return datadir_content(b->data_dir, name, path, size) && access(path, R_OK) == 0;
}

/* Loads path; on refusal logs why and keeps the first problem for the panel. */
static struct content *load(struct bundle *b, const char *path, const char *why)
{
	struct content_diag diag;
	struct content *c = content_load_file(path, &diag);
	char first[400] = "unreadable";

	if (c)
		return c;
	log_error("%s %s rejected; %s", why, path,
		  b->content ? "the old content stays" : "trying the next");
	bundle_log_diag(&diag, path);
	if (diag.n > 0)
		content_diag_format(&diag, 0, first, sizeof first);
	if (snprintf(b->problem, sizeof b->problem, "%s: %s", path, first) >=
	    (int)sizeof b->problem)
		log_debug("the content problem is cut short on the staff panel");
	return NULL;
}

/* Puts c on show and frees the one it replaces. */
static void show(struct bundle *b, const struct bundle_view *v, struct content *c)
{
	struct content *old = b->content;

	v->show(v->ctx, c);
	b->content = c;
	b->problem[0] = '\0';
	content_destroy(old);
	notify_status("showing content %s", c->version);
}

static void copy(char *dst, const char *src)
{
	snprintf(dst, CONFIG_PATH_MAX, "%s", src ? src : "");
}

struct bundle *bundle_create(const struct bundle_sources *src)
{
	struct bundle *b = calloc(1, sizeof *b);
	char synced[CONFIG_PATH_MAX + 64];

	if (!b)
		return NULL;
	copy(b->data_dir, src->data_dir);
	copy(b->configured, src->configured);
	copy(b->demo, src->demo);
	current_target(b, b->target, sizeof b->target);
	if (b->target[0] && version_bundle(b, b->target, synced, sizeof synced))
		b->content = load(b, synced, "synced content");
	if (!b->content && b->configured[0])
		b->content = load(b, b->configured, "content");
	if (!b->content && b->demo[0] && strcmp(b->demo, b->configured))
		b->content = load(b, b->demo, "demo content");
	if (!b->content) {
		log_error("no content to show");
		free(b);
		return NULL;
	}
	return b;
}

void bundle_destroy(struct bundle *b)
{
	if (!b)
		return;
	content_destroy(b->content);
	free(b);
}

struct content *bundle_content(const struct bundle *b)
{
	return b->content;
}

const char *bundle_problem(const struct bundle *b)
{
	return b->problem;
}

void bundle_changed(struct bundle *b)
{
	b->stale = true;
}

bool bundle_follow(struct bundle *b, const struct bundle_view *v)
{
	char target[CONFIG_PATH_MAX], path[CONFIG_PATH_MAX + 64];

	if (!b->stale || !v->between_visitors(v->ctx))
		return false;
	b->stale = false;
	current_target(b, target, sizeof target);
	if (!target[0] || !strcmp(target, b->target))
		return false;
	/* Tried once: a refused version is not read again until another comes. */
	memcpy(b->target, target, sizeof b->target);
	if (!version_bundle(b, target, path, sizeof path))
		return false;
	struct content *c = load(b, path, "new content");
	if (!c)
		return false;
	log_info("showing content %s", c->version);
	show(b, v, c);
	return true;
}

bool bundle_reload(struct bundle *b, const struct bundle_view *v)
{
	char path[CONFIG_PATH_MAX + 64];

	b->stale = false;
	current_target(b, b->target, sizeof b->target);
	if (!b->target[0] || !version_bundle(b, b->target, path, sizeof path))
		snprintf(path, sizeof path, "%s", b->configured);
	struct content *c = load(b, path, "staff reload:");
	if (!c)
		return false;
	log_info("staff reload: showing content %s from %s", c->version, path);
	show(b, v, c);
	return true;
}

static bool app_between_visitors(void *ctx)
{
	return app_at_safe_point(ctx);
}

static void app_show(void *ctx, struct content *c)
{
	app_set_content(ctx, c);
}

struct bundle_view bundle_app_view(struct app *app)
{
	return (struct bundle_view){ app, app_between_visitors, app_show };
}

static void host_reload(void *ctx, struct app *app, char *msg, size_t size)
{
	struct bundle *b = ctx;
	struct bundle_view view = bundle_app_view(app);
	const char *const names[] = { "version", "error" };
	bool ok = bundle_reload(b, &view);
	const char *const values[] = { b->content->version, b->problem };

	app_format_vars(app, ok ? "staff_reloaded" : "staff_reload_failed", names, values, 2, msg,
			size);
}

static const char *host_content_problem(void *ctx)
{
	return bundle_problem(ctx);
}

struct app_host bundle_app_host(struct bundle *b)
{
	return (struct app_host){ b, host_reload, host_content_problem };
}
