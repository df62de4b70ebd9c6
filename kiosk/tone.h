/* SPDX-License-Identifier: EUPL-1.2 */
/* A short tone that says "accessibility mode is on" before the speech starts,
 * played through SDL's audio. The sound card is opened only while the tone
 * plays, so the speech engine finds it free afterwards. */
#ifndef KIOSK_TONE_H
#define KIOSK_TONE_H

#include <stdbool.h>
#include <stdint.h>

#define TONE_MS 220 /* how long the tone lasts; speech starts after it */

struct tone;

/* Never fails for want of a sound card (the tone is then silent, logged once);
 * NULL only when memory runs out. */
struct tone *tone_create(void);

/* Closes the sound card if it is open. Accepts NULL. */
void tone_destroy(struct tone *t);

/* Starts the tone at now (ms) and returns at once. False when there is no sound
 * card to play it on. */
bool tone_play(struct tone *t, uint64_t now);

/* Closes the sound card once the tone is over. Returns when to call it again, 0
 * for no need. */
uint64_t tone_poll(struct tone *t, uint64_t now);

#endif
