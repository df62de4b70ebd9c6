/* SPDX-License-Identifier: EUPL-1.2 */
/* The content lifecycle without a window: what the kiosk starts with, taking the
 * bundle kiosk-sync makes current only between visitors, keeping the old one when
 * a new one is refused, and the staff reload. */
#include "helpers.h"
#include "kiosk/bundle.h"
#include "screens/screens.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#define DEMO SOURCE_DIR "/config/content.json"
#define DEMO_VERSION "2026-11-20.1"

/* A stand-in for the app: says whether a visitor is there and counts shows. */
struct view {
	bool visitor;
	int shows;
	struct content *shown;
};

static bool between(void *ctx)
{
	return !((struct view *)ctx)->visitor;
}

static void show(void *ctx, struct content *c)
{
	struct view *v = ctx;
	v->shows++;
	v->shown = c;
}

struct env {
	char dir[64];
	struct view view;
	struct bundle_view bv;
};

static struct env *env_create(void)
{
	struct env *e = calloc(1, sizeof *e);
	assert_non_null(e);
	snprintf(e->dir, sizeof e->dir, "/tmp/kiosk-bundle-XXXXXX");
	assert_non_null(mkdtemp(e->dir));
	e->bv = (struct bundle_view){ &e->view, between, show };
	return e;
}

static void env_destroy(struct env *e)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", e->dir);
	assert_int_equal(system(cmd), 0);
	free(e);
}

static struct bundle *open_bundle(struct env *e, const char *configured)
{
	struct bundle_sources src = { e->dir, configured, DEMO };
	return bundle_create(&src);
}

static void starts_with_the_synced_bundle_else_configured_else_demo(void **state)
{
	(void)state;
	struct env *e = env_create();

	struct bundle *b = open_bundle(e, DEMO);
	assert_non_null(b);
	assert_string_equal(bundle_content(b)->version, DEMO_VERSION);
	assert_string_equal(bundle_problem(b), "");
	bundle_destroy(b);

	/* A configured bundle that is refused gives way to the demo, and says why. */
	b = open_bundle(e, SOURCE_DIR "/tests/data/does-not-exist.json");
	assert_non_null(b);
	assert_string_equal(bundle_content(b)->version, DEMO_VERSION);
	assert_non_null(strstr(bundle_problem(b), "does-not-exist.json"));
	bundle_destroy(b);

	put_synced_bundle(e->dir, "v1", "2026-12-01.1");
	b = open_bundle(e, DEMO);
	assert_string_equal(bundle_content(b)->version, "2026-12-01.1");
	bundle_destroy(b);

	/* A synced bundle that is refused: the configured one. */
	put_synced_bundle(e->dir, "v2", NULL);
	b = open_bundle(e, DEMO);
	assert_string_equal(bundle_content(b)->version, DEMO_VERSION);
	assert_non_null(strstr(bundle_problem(b), "v2/content.json"));
	bundle_destroy(b);

	/* Nothing at all to show. */
	struct bundle_sources none = { e->dir, "/nonexistent/a.json", "/nonexistent/b.json" };
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s/content'", e->dir);
	assert_int_equal(system(cmd), 0);
	assert_null(bundle_create(&none));
	env_destroy(e);
}

static void new_content_is_taken_only_between_visitors(void **state)
{
	(void)state;
	struct env *e = env_create();
	struct bundle *b = open_bundle(e, DEMO);

	/* Nothing was said to have changed: nothing is read. */
	put_synced_bundle(e->dir, "v1", "2026-12-01.1");
	assert_false(bundle_follow(b, &e->bv));
	assert_int_equal(e->view.shows, 0);

	/* Told of it while a visitor is in a survey: it waits. */
	bundle_changed(b);
	e->view.visitor = true;
	assert_false(bundle_follow(b, &e->bv));
	assert_false(bundle_follow(b, &e->bv));
	assert_int_equal(e->view.shows, 0);
	assert_string_equal(bundle_content(b)->version, DEMO_VERSION);

	/* The visitor leaves: the new bundle goes on show, once. */
	e->view.visitor = false;
	assert_true(bundle_follow(b, &e->bv));
	assert_int_equal(e->view.shows, 1);
	assert_ptr_equal(e->view.shown, bundle_content(b));
	assert_string_equal(e->view.shown->version, "2026-12-01.1");
	bundle_changed(b);
	assert_false(bundle_follow(b, &e->bv));
	assert_int_equal(e->view.shows, 1);

	bundle_destroy(b);
	env_destroy(e);
}

static void a_refused_bundle_keeps_the_old_one(void **state)
{
	(void)state;
	struct env *e = env_create();
	struct bundle *b = open_bundle(e, DEMO);

	put_synced_bundle(e->dir, "v1", "2026-12-01.1");
	bundle_changed(b);
	assert_true(bundle_follow(b, &e->bv));

	put_synced_bundle(e->dir, "v2", NULL);
	bundle_changed(b);
	assert_false(bundle_follow(b, &e->bv));
	assert_int_equal(e->view.shows, 1);
	assert_string_equal(bundle_content(b)->version, "2026-12-01.1");
	assert_non_null(strstr(bundle_problem(b), "v2/content.json"));
	/* It is not read again and again while it stays current. */
	bundle_changed(b);
	assert_false(bundle_follow(b, &e->bv));
	assert_non_null(strstr(bundle_problem(b), "v2/content.json"));

	/* The next good one is taken and the problem is gone. */
	put_synced_bundle(e->dir, "v3", "2026-12-02.1");
	bundle_changed(b);
	assert_true(bundle_follow(b, &e->bv));
	assert_string_equal(bundle_content(b)->version, "2026-12-02.1");
	assert_string_equal(bundle_problem(b), "");

	bundle_destroy(b);
	env_destroy(e);
}

static void staff_reload_reads_again_even_with_a_visitor(void **state)
{
	(void)state;
	struct env *e = env_create();
	struct bundle *b = open_bundle(e, DEMO);

	/* With no synced bundle, the configured one is read again. */
	e->view.visitor = true;
	assert_true(bundle_reload(b, &e->bv));
	assert_int_equal(e->view.shows, 1);
	assert_string_equal(bundle_content(b)->version, DEMO_VERSION);

	put_synced_bundle(e->dir, "v1", "2026-12-01.1");
	assert_true(bundle_reload(b, &e->bv));
	assert_string_equal(bundle_content(b)->version, "2026-12-01.1");
	/* It counts as taken: a change notice for the same link reads nothing. */
	bundle_changed(b);
	e->view.visitor = false;
	assert_false(bundle_follow(b, &e->bv));
	assert_int_equal(e->view.shows, 2);

	put_synced_bundle(e->dir, "v2", NULL);
	assert_false(bundle_reload(b, &e->bv));
	assert_string_equal(bundle_content(b)->version, "2026-12-01.1");
	assert_non_null(strstr(bundle_problem(b), "v2/content.json"));

	bundle_destroy(b);
	env_destroy(e);
}

/* With the real app: the promise on show is followed by its id, and a bundle
 * without it sends its screen home. */
static void a_vanished_promise_sends_its_screen_home(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(800, 480, "sv", 0, 96);
	struct bundle_sources src = { f->dir, DEMO, NULL };
	struct bundle *b = bundle_create(&src);
	struct bundle_view view = bundle_app_view(f->app);
	char path[200];

	assert_non_null(b);
	f->app->promise = 1;
	app_switch(f->app, &promise_screen);
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "promise");
	const char *id = f->content->promises[1].id;

	/* Between visitors only: a visitor reading a promise keeps it. */
	put_synced_bundle(f->dir, "v1", "2026-12-01.1");
	bundle_changed(b);
	assert_false(bundle_follow(b, &view));
	assert_string_equal(fixture_screen(f), "promise");

	/* The same bundle without that promise, read now (as staff reload does). */
	snprintf(path, sizeof path, "%s/content/v1/content.json", f->dir);
	char cmd[600];
	snprintf(cmd, sizeof cmd,
		 "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); "
		 "d[\"promises\"]=[p for p in d[\"promises\"] if p[\"id\"]!=sys.argv[2]]; "
		 "json.dump(d,open(sys.argv[1],\"w\"))' '%s' '%s'",
		 path, id);
	assert_int_equal(system(cmd), 0);
	assert_true(bundle_reload(b, &view));
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "attract");
	assert_ptr_equal(f->app->content, bundle_content(b));
	for (int i = 0; i < f->app->content->npromises; i++)
		assert_string_not_equal(f->app->content->promises[i].id, id);

	fixture_destroy(f);
	bundle_destroy(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(starts_with_the_synced_bundle_else_configured_else_demo),
		cmocka_unit_test(new_content_is_taken_only_between_visitors),
		cmocka_unit_test(a_refused_bundle_keeps_the_old_one),
		cmocka_unit_test(staff_reload_reads_again_even_with_a_visitor),
		cmocka_unit_test(a_vanished_promise_sends_its_screen_home),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
