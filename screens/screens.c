/* SPDX-License-Identifier: EUPL-1.2 */
/* The list of screens, for screenshots and tests that visit each one. */
#include "screens.h"

const struct screen *const screens_all[] = { &attract_screen, &promise_screen, &links_screen,
					     &survey_screen,  &thanks_screen,  &closed_screen,
					     &pin_screen,     &staff_screen,   &results_screen,
					     &access_screen };
const int screens_count = sizeof screens_all / sizeof screens_all[0];
