/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of kiosk.conf: defaults, every key read, and problems reported with
 * file:line while the kiosk keeps its defaults and starts. */
#include "common/config.h"
#include "common/log.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

static char path[64];

/* Writes text to a temporary file and loads it over the defaults. */
static bool load(struct config *cfg, const char *text)
{
	strcpy(path, "/tmp/kiosk-conf-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	config_defaults(cfg, "/usr/share/kiosk");
	bool ok = config_load(cfg, path);
	unlink(path);
	return ok;
}

static bool has_problem(const struct config *cfg, int line, const char *needle)
{
	char prefix[96];
	snprintf(prefix, sizeof prefix, "%s:%d: ", path, line);
	for (int i = 0; i < cfg->nproblems; i++)
		if (!strncmp(cfg->problems[i], prefix, strlen(prefix)) &&
		    strstr(cfg->problems[i], needle))
			return true;
	for (int i = 0; i < cfg->nproblems; i++)
		print_message("problem: %s\n", cfg->problems[i]);
	return false;
}

static void defaults_run_the_demo(void **state)
{
	(void)state;
	struct config cfg;
	setenv("XDG_STATE_HOME", "/tmp/state", 1);
	config_defaults(&cfg, "/usr/share/kiosk");
	assert_string_equal(cfg.content, "/usr/share/kiosk/content.json");
	assert_string_equal(cfg.data_dir, "/tmp/state/kiosk");
	assert_string_equal(cfg.language, "sv");
	assert_true(cfg.fullscreen);
	assert_int_equal(cfg.rotation, 0);
	assert_string_equal(cfg.url, "");
	assert_int_equal(cfg.sync_interval_s, 60);
}

static void the_example_config_is_clean(void **state)
{
	(void)state;
	struct config cfg;
	config_defaults(&cfg, "/usr/share/kiosk");
	assert_true(config_load(&cfg, SOURCE_DIR "/config/kiosk.conf"));
	assert_int_equal(cfg.nproblems, 0);
	assert_string_equal(cfg.id, "stadsbiblioteket-1");
	assert_string_equal(cfg.data_dir, "/var/lib/kiosk");
}

static void every_key_is_read(void **state)
{
	(void)state;
	struct config cfg;
	assert_true(load(&cfg, "[kiosk]\n"
			       "id = bibl-2\n"
			       "data_dir = /srv/kiosk\n"
			       "language = ar\n"
			       "content = /srv/demo.json\n"
			       "qr_source = bibl-2\n"
			       "[display]\n"
			       "size = 800x480\n"
			       "rotation = 270\n"
			       "fullscreen = false\n"
			       "dpi = 133.5\n"
			       "renderer = software ; the Pi's GPU is busy\n"
			       "[central]\n"
			       "url = https://central.example/api/v1\n"
			       "token_file = /etc/kiosk/tok\n"
			       "ca_file = /etc/kiosk/ca.pem\n"
			       "client_cert = /etc/kiosk/c.pem\n"
			       "client_key = /etc/kiosk/k.pem\n"
			       "proxy = http://proxy:3128\n"
			       "sync_interval_s = 30\n"
			       "status_interval_s = 600\n"
			       "[staff]\n"
			       "pin_hash = $y$j9T$salt$hash\n"));
	assert_int_equal(cfg.nproblems, 0);
	assert_string_equal(cfg.id, "bibl-2");
	assert_string_equal(cfg.data_dir, "/srv/kiosk");
	assert_string_equal(cfg.language, "ar");
	assert_string_equal(cfg.content, "/srv/demo.json");
	assert_string_equal(cfg.qr_source, "bibl-2");
	assert_int_equal(cfg.width, 800);
	assert_int_equal(cfg.height, 480);
	assert_int_equal(cfg.rotation, 270);
	assert_false(cfg.fullscreen);
	assert_float_equal(cfg.dpi, 133.5, 0.001);
	assert_int_equal(cfg.renderer, CONFIG_RENDERER_SOFTWARE);
	assert_string_equal(cfg.url, "https://central.example/api/v1");
	assert_string_equal(cfg.token_file, "/etc/kiosk/tok");
	assert_string_equal(cfg.ca_file, "/etc/kiosk/ca.pem");
	assert_string_equal(cfg.client_cert, "/etc/kiosk/c.pem");
	assert_string_equal(cfg.client_key, "/etc/kiosk/k.pem");
	assert_string_equal(cfg.proxy, "http://proxy:3128");
	assert_int_equal(cfg.sync_interval_s, 30);
	assert_int_equal(cfg.status_interval_s, 600);
	assert_string_equal(cfg.pin_hash, "$y$j9T$salt$hash");
}

static void problems_name_the_line_and_keep_defaults(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int line;
		const char *message;
	} cases[] = {
		{ "[kiosk]\nlangauge = en\n", 2, "unknown key [kiosk] langauge" },
		{ "[display]\nrotation = 45\n", 2, "0, 90, 180 or 270" },
		{ "[display]\nsize = big\n", 2, "WxH" },
		{ "[display]\nsize = 10x10\n", 2, "WxH" },
		{ "[display]\nfullscreen = maybe\n", 2, "true or false" },
		{ "[display]\ndpi = -3\n", 2, "50 to 1000" },
		{ "[display]\nrenderer = vulkan\n", 2, "opengles2" },
		{ "[central]\n\nsync_interval_s = 0\n", 3, "whole number" },
		{ "[central]\nsync_interval_s = 10s\n", 2, "whole number" },
		{ "[kiosk]\nqr_source = a b\n", 2, "A-Z" },
		{ "[kiosk]\nqr_source = stadsbiblioteket-nummer-ett\n", 2, "at most 24" },
		{ "[kisok]\nid = x\n", 2, "unknown key [kisok] id" },
		{ "[kiosk]\nthis line has no equals sign\n", 2, "cannot parse" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct config cfg, defaults;
		assert_true(load(&cfg, cases[i].text));
		if (!has_problem(&cfg, cases[i].line, cases[i].message))
			fail_msg("case %zu: no problem at line %d mentioning \"%s\"", i,
				 cases[i].line, cases[i].message);
		config_defaults(&defaults, "/usr/share/kiosk");
		assert_int_equal(cfg.rotation, defaults.rotation);
		assert_int_equal(cfg.width, defaults.width);
		assert_int_equal(cfg.sync_interval_s, defaults.sync_interval_s);
		assert_string_equal(cfg.qr_source, defaults.qr_source);
		assert_string_equal(cfg.language, defaults.language);
	}
}

static void a_long_line_is_reported_not_misread(void **state)
{
	(void)state;
	struct config cfg;
	char text[600];
	snprintf(text, sizeof text, "[kiosk]\ncontent = /%0400d\nid = after-long\n", 0);
	assert_true(load(&cfg, text));
	assert_true(has_problem(&cfg, 2, "too long"));
	assert_string_equal(cfg.id, "after-long");
	assert_string_equal(cfg.content, "/usr/share/kiosk/content.json");
}

static void a_missing_file_is_an_error(void **state)
{
	(void)state;
	struct config cfg;
	config_defaults(&cfg, "/usr/share/kiosk");
	assert_false(config_load(&cfg, "/nonexistent/kiosk.conf"));
}

int main(void)
{
	log_set_level(LOG_LEVEL_ERROR);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_run_the_demo),
		cmocka_unit_test(the_example_config_is_clean),
		cmocka_unit_test(every_key_is_read),
		cmocka_unit_test(problems_name_the_line_and_keep_defaults),
		cmocka_unit_test(a_long_line_is_reported_not_misread),
		cmocka_unit_test(a_missing_file_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
