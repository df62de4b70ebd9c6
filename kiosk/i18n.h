/* SPDX-License-Identifier: EUPL-1.2 */
/* The kiosk's own words (buttons, labels, month names) in each language, from the
 * string catalogs config/strings/<code>.ini. Content texts come from the bundle. */
#ifndef KIOSK_I18N_H
#define KIOSK_I18N_H

#include <stdbool.h>

struct i18n;

/* Loads every <code>.ini in dir. NULL (logged) if dir has no catalog at all. */
struct i18n *i18n_create(const char *dir);
void i18n_destroy(struct i18n *i);

/* The string for key in lang, falling back to English, then Swedish, then the key
 * itself, so the screen never shows an empty label. The pointer lives as long as
 * the i18n. */
const char *i18n_get(const struct i18n *i, const char *lang, const char *key);

/* Whether a catalog exists for lang, and whether it is written right to left. */
bool i18n_has(const struct i18n *i, const char *lang);
bool i18n_rtl(const struct i18n *i, const char *lang);

/* Keys of the Swedish catalog, the reference every other catalog must cover. */
int i18n_key_count(const struct i18n *i, const char *lang);
const char *i18n_key_at(const struct i18n *i, const char *lang, int index);

#endif
