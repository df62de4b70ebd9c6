/* SPDX-License-Identifier: EUPL-1.2 */
/* The tone: a sine of 880 Hz with soft ends, queued on an SDL audio device that
 * is opened for it and closed when it has played. SDL's audio runs only as long
 * as the tone: its device watch would otherwise wake the kiosk ten times a
 * second. */
#include "tone.h"
#include "common/log.h"

#include <SDL2/SDL.h>
#include <math.h>
#include <stdlib.h>

#define TONE_RATE 22050
#define TONE_HZ	  880.0
#define TONE_FADE 0.02 /* seconds of fade in and out, so that it does not click */

struct tone {
	SDL_AudioDeviceID dev;
	bool started; /* it started SDL's audio, which it stops again: idle is asleep */
	uint64_t close_at;
	bool told;
};

struct tone *tone_create(void)
{
	return calloc(1, sizeof(struct tone));
}

static void close_device(struct tone *t)
{
	if (!t->dev)
		return;
	SDL_CloseAudioDevice(t->dev);
	t->dev = 0;
	if (t->started)
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	t->started = false;
}

void tone_destroy(struct tone *t)
{
	if (!t)
		return;
	close_device(t);
	free(t);
}

static bool open_device(struct tone *t)
{
	SDL_AudioSpec want = {
		.freq = TONE_RATE, .format = AUDIO_S16SYS, .channels = 1, .samples = 1024
	};
	SDL_AudioSpec have;

	if (!SDL_WasInit(SDL_INIT_AUDIO)) {
		if (SDL_InitSubSystem(SDL_INIT_AUDIO) < 0) {
			if (!t->told)
				log_warn("no tone: cannot start SDL audio: %s", SDL_GetError());
			t->told = true;
			return false;
		}
		t->started = true;
	}
	t->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
	if (!t->dev) {
		if (t->started)
			SDL_QuitSubSystem(SDL_INIT_AUDIO);
		t->started = false;
		if (!t->told)
			log_warn("no tone: cannot open the sound card: %s", SDL_GetError());
		t->told = true;
		return false;
	}
	return true;
}

bool tone_play(struct tone *t, uint64_t now)
{
	enum { N = TONE_RATE * TONE_MS / 1000 };
	static Sint16 samples[N];

	if (!t)
		return false;
	close_device(t);
	if (!open_device(t))
		return false;
	for (int i = 0; i < N; i++) {
		double s = (double)i / TONE_RATE, end = (double)(N - i) / TONE_RATE;
		double env = fmin(1.0, fmin(s, end) / TONE_FADE);
		samples[i] = (Sint16)(12000.0 * env * sin(2 * M_PI * TONE_HZ * s));
	}
	SDL_QueueAudio(t->dev, samples, sizeof samples);
	SDL_PauseAudioDevice(t->dev, 0);
	t->close_at = now + TONE_MS + 100;
	return true;
}

uint64_t tone_poll(struct tone *t, uint64_t now)
{
	if (!t || !t->dev)
		return 0;
	/* The queue empties into the card's buffer before the sound is over. */
	if (now < t->close_at)
		return t->close_at;
	close_device(t);
	return 0;
}
