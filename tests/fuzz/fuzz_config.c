/* SPDX-License-Identifier: EUPL-1.2 */
/* Fuzz target for the kiosk.conf parser. config_load reads a path, so each input
 * goes into an in-memory file (memfd) that is opened by its /proc name. Whatever
 * the file holds, the values that come out are within their documented ranges. */
#define _GNU_SOURCE
#include "fuzz.h"
#include "common/config.h"
#include "common/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int memfd = -1;

static void check_string(const char *s, size_t size)
{
	FUZZ_CHECK(memchr(s, '\0', size) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	char path[64];

	if (memfd < 0) {
		log_set_level(LOG_LEVEL_ERROR);
		memfd = memfd_create("kiosk.conf", 0);
		FUZZ_CHECK(memfd >= 0);
	}
	FUZZ_CHECK(ftruncate(memfd, 0) == 0);
	FUZZ_CHECK(pwrite(memfd, data, size, 0) == (ssize_t)size);
	snprintf(path, sizeof path, "/proc/self/fd/%d", memfd);

	config_defaults(&cfg, "/usr/share/kiosk");
	FUZZ_CHECK(config_load(&cfg, path));
	check_string(cfg.id, sizeof cfg.id);
	check_string(cfg.data_dir, sizeof cfg.data_dir);
	check_string(cfg.language, sizeof cfg.language);
	check_string(cfg.content, sizeof cfg.content);
	check_string(cfg.qr_source, sizeof cfg.qr_source);
	check_string(cfg.url, sizeof cfg.url);
	check_string(cfg.pin_hash, sizeof cfg.pin_hash);
	FUZZ_CHECK(strspn(cfg.qr_source, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
					 "0123456789._~-") == strlen(cfg.qr_source));
	FUZZ_CHECK(cfg.rotation == 0 || cfg.rotation == 90 || cfg.rotation == 180 ||
		   cfg.rotation == 270);
	FUZZ_CHECK((cfg.width == 0 && cfg.height == 0) || (cfg.width >= 320 && cfg.height >= 240));
	FUZZ_CHECK(cfg.dpi == 0 || (cfg.dpi >= 50 && cfg.dpi <= 1000));
	FUZZ_CHECK(cfg.cooldown_s >= 0 && cfg.cooldown_s <= 600);
	FUZZ_CHECK(cfg.sync_interval_s >= 5 && cfg.sync_interval_s <= 86400);
	FUZZ_CHECK(cfg.nproblems >= 0 && cfg.nproblems <= CONFIG_PROBLEMS_MAX);
	for (int i = 0; i < cfg.nproblems; i++)
		check_string(cfg.problems[i], sizeof cfg.problems[i]);
	return 0;
}
