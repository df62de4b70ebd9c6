/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of the string catalogs: every language has every string the screens use,
 * so no visitor meets a raw key or an empty button. */
#include "kiosk/i18n.h"
#include "common/log.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static const char *const langs[] = { "sv", "en", "ar" };

static void every_catalog_has_every_key(void **state)
{
	(void)state;
	struct i18n *i = i18n_create(SOURCE_DIR "/config/strings");
	assert_non_null(i);
	int n = i18n_key_count(i, "sv");
	assert_true(n > 30);
	for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
		assert_true(i18n_has(i, langs[l]));
		assert_int_equal(i18n_key_count(i, langs[l]), n);
		for (int k = 0; k < n; k++) {
			const char *key = i18n_key_at(i, "sv", k);
			const char *v = i18n_get(i, langs[l], key);
			if (v == key || !*v)
				fail_msg("%s: no \"%s\"", langs[l], key);
		}
	}
	i18n_destroy(i);
}

static void direction_and_fallbacks(void **state)
{
	(void)state;
	struct i18n *i = i18n_create(SOURCE_DIR "/config/strings");
	assert_false(i18n_rtl(i, "sv"));
	assert_true(i18n_rtl(i, "ar"));
	assert_string_equal(i18n_get(i, "ar", "language_name"), "العربية");
	/* A language without a catalog gets English, then the key itself. */
	assert_false(i18n_has(i, "ti"));
	assert_string_equal(i18n_get(i, "ti", "back"), "Back");
	assert_string_equal(i18n_get(i, "sv", "no_such_key"), "no_such_key");
	/* Quoted values keep their spaces. */
	assert_string_equal(i18n_get(i, "sv", "list_separator"), ", ");
	i18n_destroy(i);
}

static void a_missing_directory_is_reported(void **state)
{
	(void)state;
	assert_null(i18n_create("/nonexistent"));
}

int main(void)
{
	log_set_level(LOG_LEVEL_ERROR);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_catalog_has_every_key),
		cmocka_unit_test(direction_and_fallbacks),
		cmocka_unit_test(a_missing_directory_is_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
