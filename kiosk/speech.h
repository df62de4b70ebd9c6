/* SPDX-License-Identifier: EUPL-1.2 */
/* Speech: what a screen says to a visitor who cannot see it, and the engine that
 * says it. The engine is espeak-ng run as a child process, one at a time, fed
 * through a non-blocking pipe; the kiosk never waits on it, and a missing or
 * crashed engine only leaves the screen silent. */
#ifndef KIOSK_SPEECH_H
#define KIOSK_SPEECH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct app;
struct app_item;

#define SPEECH_UTTERANCES_MAX 72   /* the title, then at most APP_ITEMS_MAX items */
#define SPEECH_TEXT_MAX	      4096 /* a promise's 1500 characters, in any script */

/* One thing to say, in a language the engine knows by its code ("sv"). */
struct speech_utterance {
	char lang[16];
	char text[SPEECH_TEXT_MAX];
};

/* The current screen as it is spoken, into out (room for max): its title (the
 * first heading), then every item in reading order, each in the visitor's
 * language, a button's label with the word "button" in that language, a QR
 * code's with "QR code"; a button of the language choice says the language's
 * name in that language. Dates and numbers stay as written, for the engine to
 * read in the language. Items without words are left out. Returns how many. */
int speech_sequence(const struct app *app, struct speech_utterance *out, int max);

/* One item as it is spoken, into u; false for an item without words. */
bool speech_item(const struct app *app, const struct app_item *it, struct speech_utterance *u);

/* text as the engine is to read it in lang: a range of numbers gets the word
 * for "to" ("15–18" is "15 till 18" in Swedish), a whole hour loses its zeros
 * ("10:00" is "10"), and in Swedish a decimal comma is read "komma". out has room
 * for size bytes and is cut short there, never mid-character;
 * SPEECH_SPOKEN_GROWTH times the text's length always suffices. Returns out. */
#define SPEECH_SPOKEN_GROWTH 8
char *speech_spoken_form(const char *lang, const char *text, char *out, size_t size);

/* Writes the sequence to path, one utterance a line: "LANG<TAB>TEXT". False on
 * failure (logged). */
bool speech_write(const struct speech_utterance *u, int n, const char *path);

enum speech_status {
	SPEECH_READY,	 /* nothing to say, the engine is there */
	SPEECH_SPEAKING, /* an engine process is running */
	SPEECH_MISSING,	 /* the engine's program cannot be started */
	SPEECH_CRASHED,	 /* the last engine process died without finishing */
};

struct speech_config {
	const char *program; /* NULL: "espeak-ng", looked up in PATH */
	const char *wav;     /* NULL: the sound card; else every utterance writes this file */
};

struct speech;

/* Starts the engine: at once it asks the program for its voices, in the
 * background. Never fails for a missing program (the status says so); NULL only
 * when memory runs out. Ignores SIGPIPE for the whole process, so that writing to
 * an engine that died is an error, not the end of the kiosk. */
struct speech *speech_create(const struct speech_config *cfg);

/* Stops what is being said and waits for the engine process to go. Accepts NULL. */
void speech_destroy(struct speech *s);

/* Says the n utterances in order, after stopping whatever was being said (its
 * process is killed). An utterance in a language without a voice is replaced by
 * a notice in English ("There is no voice for Persian."), once per run of that
 * language; the rest of that run is left out. Returns at once. */
void speech_say(struct speech *s, const struct speech_utterance *u, int n);

/* The voice's loudness (espeak-ng's amplitude, 0..200) and words per minute, for
 * what is said from now on. */
void speech_set_voice(struct speech *s, int volume, int rate);

/* Stops speaking at once. */
void speech_stop(struct speech *s);

/* Does what is due without blocking: reads the voice list, feeds the engine,
 * reaps an engine that finished and starts the next utterance. Returns in how
 * many ms it wants to run again, 0 when it has nothing left to do. */
uint64_t speech_poll(struct speech *s);

enum speech_status speech_status(const struct speech *s);
const char *speech_status_text(enum speech_status status);

/* Whether the engine has a voice for lang; true while the voice list is not known
 * yet. */
bool speech_has_voice(const struct speech *s, const char *lang);

/* The process id of the engine speaking now, 0 when none (for tests). */
int speech_pid(const struct speech *s);

#endif
