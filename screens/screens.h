/* SPDX-License-Identifier: EUPL-1.2 */
/* The screens, each in its own file with the same small interface (kiosk/app.h). */
#ifndef KIOSK_SCREENS_H
#define KIOSK_SCREENS_H

#include "kiosk/app.h"

extern const struct screen attract_screen;
extern const struct screen promise_screen;
extern const struct screen links_screen;
extern const struct screen survey_screen;
extern const struct screen thanks_screen;
extern const struct screen closed_screen;
extern const struct screen pin_screen;
extern const struct screen staff_screen;
extern const struct screen results_screen;
extern const struct screen access_screen;

/* Whether the bundle has results to show (the results screen and its button). */
bool results_available(const struct content *c);

/* Where a visitor is in the survey screen, kept in app->survey.stage; a new app
 * starts at SURVEY_CHOOSE. */
enum survey_stage { SURVEY_CHOOSE, SURVEY_INTRO, SURVEY_QUESTION, SURVEY_FAILED };

/* Every screen, in the order screenshots are made. */
extern const struct screen *const screens_all[];
extern const int screens_count;

#endif
