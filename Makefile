# Medborgarlöften kiosk. `make run` starts it on the demo content, `make test` runs
# every test under AddressSanitizer and UndefinedBehaviorSanitizer. Both install
# missing Debian packages first (tools/deps.sh).

VERSION = 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
SHAREDIR = $(PREFIX)/share/kiosk
SYSCONFDIR ?= /etc
UNITDIR = $(PREFIX)/lib/systemd/system
SYSUSERSDIR = $(PREFIX)/lib/sysusers.d

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = sdl2 SDL2_ttf SDL2_image libqrencode jansson inih sqlite3 libxcrypt libsystemd

WARNINGS = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
ifeq ($(CI),true)
WARNINGS += -Werror
endif
CFLAGS ?= -O2 -g
CPPFLAGS += -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
	-DKIOSK_VERSION=\"$(VERSION)\" -DKIOSK_SHARE_DIR=\"$(SHAREDIR)\"
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lm

CORE = kiosk/app.c kiosk/clock.c kiosk/config.c kiosk/content.c kiosk/i18n.c kiosk/log.c \
	kiosk/paths.c kiosk/pin.c kiosk/qr.c kiosk/store.c kiosk/survey.c kiosk/text.c kiosk/theme.c kiosk/ui.c \
	screens/attract.c screens/promise.c screens/links.c screens/survey.c screens/thanks.c \
	screens/closed.c screens/pin.c screens/staff.c screens/screens.c
HEADERS = $(wildcard kiosk/*.h screens/*.h)

BUILD = build
TEST_BUILD = build/test
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

TESTS = test_config test_content test_i18n test_store test_survey test_text test_theme test_qr test_ui test_staff

.PHONY: all run test install uninstall clean deps screenshots format soak fuzz

all: $(BUILD)/kiosk $(BUILD)/kiosk-sync

$(BUILD)/.deps-ok: tools/deps.sh
	@sh tools/deps.sh
	@mkdir -p $(BUILD) && touch $@

deps:
	@sh tools/deps.sh

MAIN = kiosk/main.c kiosk/notify.c

$(BUILD)/kiosk: $(CORE) $(MAIN) $(HEADERS) | $(BUILD)/.deps-ok
	$(CC) $(WARNINGS) $(CFLAGS) $(CPPFLAGS) $(PKG_CFLAGS) -o $@ $(CORE) $(MAIN) $(PKG_LIBS)

SYNC = kiosk/sync.c kiosk/sync_main.c kiosk/config.c kiosk/content.c kiosk/log.c kiosk/paths.c \
	kiosk/store.c kiosk/notify.c
SYNC_PKGS = jansson inih sqlite3 libcurl libcrypto libsystemd

$(BUILD)/kiosk-sync: $(SYNC) $(HEADERS) | $(BUILD)/.deps-ok
	$(CC) $(WARNINGS) $(CFLAGS) $(CPPFLAGS) $(shell $(PKG_CONFIG) --cflags $(SYNC_PKGS)) -o $@ $(SYNC) \
		$(shell $(PKG_CONFIG) --libs $(SYNC_PKGS))

$(TEST_BUILD)/kiosk-sync: $(SYNC) $(HEADERS) | $(BUILD)/.deps-ok
	@mkdir -p $(TEST_BUILD)
	$(CC) $(WARNINGS) -O1 -g $(SAN) $(CPPFLAGS) $(shell $(PKG_CONFIG) --cflags $(SYNC_PKGS)) -o $@ \
		$(SYNC) $(shell $(PKG_CONFIG) --libs $(SYNC_PKGS))

# The sanitised build of the same code, for the tests: the core is compiled once
# into objects that every test program links. KIOSK_TESTING adds hooks the tests
# use (a loop that stalls on request, for the watchdog test).
TEST_OBJ = $(TEST_BUILD)/obj
TEST_CORE = $(patsubst %.c,$(TEST_OBJ)/%.o,$(CORE))
TEST_CFLAGS = $(WARNINGS) -O1 -g $(SAN) $(CPPFLAGS) $(PKG_CFLAGS)

$(TEST_OBJ)/%.o: %.c $(HEADERS) | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -c -o $@ $<

$(TEST_OBJ)/helpers.o: tests/helpers.c tests/helpers.h $(HEADERS) | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -Wno-missing-prototypes -DSOURCE_DIR=\"$(CURDIR)\" -c -o $@ $<

$(TEST_BUILD)/kiosk: $(TEST_CORE) $(MAIN) $(HEADERS) | $(BUILD)/.deps-ok
	@mkdir -p $(TEST_BUILD)
	$(CC) $(TEST_CFLAGS) -DKIOSK_TESTING -o $@ $(TEST_CORE) $(MAIN) $(PKG_LIBS)

$(TEST_BUILD)/test_%: tests/test_%.c tests/helpers.h $(HEADERS) $(TEST_OBJ)/helpers.o \
		$(TEST_CORE) | $(BUILD)/.deps-ok
	@mkdir -p $(TEST_BUILD)
	$(CC) $(TEST_CFLAGS) -Wno-missing-prototypes -DSOURCE_DIR=\"$(CURDIR)\" -o $@ $< \
		$(TEST_OBJ)/helpers.o $(TEST_CORE) $(PKG_LIBS) -lcmocka

# The monkey (tests/soak.c): the real UI under seeded random input, with the
# sanitizers. SOAK_SEED replays a run; without it the seed is random and printed.
SOAK_EVENTS ?= 200000
SOAK_SEED ?=

$(TEST_BUILD)/soak: tests/soak.c tests/helpers.h $(HEADERS) $(TEST_OBJ)/helpers.o \
		$(TEST_CORE) | $(BUILD)/.deps-ok
	@mkdir -p $(TEST_BUILD)
	$(CC) $(TEST_CFLAGS) -Wno-missing-prototypes -DSOURCE_DIR=\"$(CURDIR)\" -o $@ $< \
		$(TEST_OBJ)/helpers.o $(TEST_CORE) $(PKG_LIBS) -lcmocka

soak: $(TEST_BUILD)/soak
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		$(TEST_BUILD)/soak --events $(SOAK_EVENTS) $(if $(SOAK_SEED),--seed $(SOAK_SEED))

# libFuzzer targets (tests/fuzz/) for the bundle, config and upload-receipt
# parsers. make fuzz runs each for FUZZ_SECONDS; what it finds is kept in
# tests/data/fuzz/<target>/, and make test replays those files with gcc builds.
FUZZ_TARGETS = content config receipt
FUZZ_SECONDS ?= 600
FUZZ_BUILD = build/fuzz
FUZZ_CC = clang
FUZZ_SRC_content = kiosk/content.c kiosk/log.c
FUZZ_SRC_config = kiosk/config.c kiosk/log.c
FUZZ_SRC_receipt = $(filter-out kiosk/sync_main.c,$(SYNC))
FUZZ_PKGS_content = jansson
FUZZ_PKGS_config = inih
FUZZ_PKGS_receipt = $(SYNC_PKGS)
FUZZ_DEPS = tests/fuzz/fuzz.h $(SYNC) kiosk/config.c $(HEADERS)

$(BUILD)/.deps-fuzz: tools/deps.sh
	@sh tools/deps.sh fuzz
	@mkdir -p $(BUILD) && touch $@

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_DEPS) | $(BUILD)/.deps-ok $(BUILD)/.deps-fuzz
	@mkdir -p $(FUZZ_BUILD)
	$(FUZZ_CC) $(WARNINGS) -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		$(CPPFLAGS) $(shell $(PKG_CONFIG) --cflags $(FUZZ_PKGS_$*)) -o $@ $< $(FUZZ_SRC_$*) \
		$(shell $(PKG_CONFIG) --libs $(FUZZ_PKGS_$*))

$(TEST_BUILD)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_DEPS) | $(BUILD)/.deps-ok
	@mkdir -p $(TEST_BUILD)
	$(CC) $(WARNINGS) -O1 -g $(SAN) $(CPPFLAGS) $(shell $(PKG_CONFIG) --cflags $(FUZZ_PKGS_$*)) \
		-o $@ $< tests/fuzz/replay.c $(FUZZ_SRC_$*) $(shell $(PKG_CONFIG) --libs $(FUZZ_PKGS_$*))

fuzz: $(addprefix $(FUZZ_BUILD)/fuzz_,$(FUZZ_TARGETS))
	@sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

run: $(BUILD)/kiosk
	$(BUILD)/kiosk --windowed --size 1280x800

test: $(addprefix $(TEST_BUILD)/,$(TESTS)) $(TEST_BUILD)/kiosk $(TEST_BUILD)/kiosk-sync \
	$(TEST_BUILD)/soak $(addprefix $(TEST_BUILD)/replay_,$(FUZZ_TARGETS))
	@sh tests/run.sh $(TEST_BUILD) $(TESTS)

screenshots: $(BUILD)/kiosk
	@for size in 800x480 1280x800 1920x1080 1080x1920; do \
		for lang in sv en ar; do \
			$(BUILD)/kiosk --screenshot screenshots/$$size-$$lang --size $$size --lang $$lang || exit 1; \
		done; \
	done; echo "screenshots in screenshots/"

# The units get this install's paths; the example config becomes
# SYSCONFDIR/kiosk/kiosk.conf unless one is there already.
UNIT_PATHS = -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g'

install: $(BUILD)/kiosk $(BUILD)/kiosk-sync
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)/strings $(DESTDIR)$(UNITDIR) \
		$(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(SYSCONFDIR)/kiosk
	install -m 755 $(BUILD)/kiosk $(BUILD)/kiosk-sync $(DESTDIR)$(BINDIR)/
	install -m 644 config/content.json $(DESTDIR)$(SHAREDIR)/content.json
	install -m 644 config/strings/*.ini $(DESTDIR)$(SHAREDIR)/strings/
	install -m 644 fonts/fonts.ini $(DESTDIR)$(SHAREDIR)/fonts.ini
	sed 's|/usr/local/share/kiosk|$(SHAREDIR)|' config/kiosk.conf >$(DESTDIR)$(SHAREDIR)/kiosk.conf.example
	chmod 644 $(DESTDIR)$(SHAREDIR)/kiosk.conf.example
	[ -e $(DESTDIR)$(SYSCONFDIR)/kiosk/kiosk.conf ] || \
		install -m 644 $(DESTDIR)$(SHAREDIR)/kiosk.conf.example $(DESTDIR)$(SYSCONFDIR)/kiosk/kiosk.conf
	for unit in kiosk kiosk-sync; do \
		sed $(UNIT_PATHS) systemd/$$unit.service.in >$(DESTDIR)$(UNITDIR)/$$unit.service && \
		chmod 644 $(DESTDIR)$(UNITDIR)/$$unit.service || exit 1; \
	done
	install -m 644 systemd/kiosk.sysusers $(DESTDIR)$(SYSUSERSDIR)/kiosk.conf

# Leaves SYSCONFDIR/kiosk (the device's config and token) and the data directory.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kiosk $(DESTDIR)$(BINDIR)/kiosk-sync
	rm -f $(DESTDIR)$(UNITDIR)/kiosk.service $(DESTDIR)$(UNITDIR)/kiosk-sync.service
	rm -f $(DESTDIR)$(SYSUSERSDIR)/kiosk.conf
	rm -rf $(DESTDIR)$(SHAREDIR)

format:
	clang-format -i kiosk/*.c kiosk/*.h screens/*.c screens/*.h tests/*.c tests/*.h

clean:
	rm -rf $(BUILD) screenshots
# Benchmarks (tests/bench/): optimised builds without sanitizers, measured against
# a minimal SDL2 program; see "Benchmarks" in README.md. BENCH_RUNS and
# BENCH_IDLE_S make a quicker run.
BENCH_BUILD = build/bench
BENCH_FLAGS = $(WARNINGS) -Wno-missing-prototypes -O2 -g $(CPPFLAGS)

$(BENCH_BUILD)/frames: tests/bench/frames.c tests/bench/bench.h $(CORE) $(HEADERS) | $(BUILD)/.deps-ok
	@mkdir -p $(BENCH_BUILD)
	$(CC) $(BENCH_FLAGS) $(PKG_CFLAGS) -DSOURCE_DIR=\"$(CURDIR)\" -o $@ $< $(CORE) $(PKG_LIBS)

$(BENCH_BUILD)/commit: tests/bench/commit.c tests/bench/bench.h kiosk/store.c kiosk/log.c $(HEADERS) | $(BUILD)/.deps-ok
	@mkdir -p $(BENCH_BUILD)
	$(CC) $(BENCH_FLAGS) $(shell $(PKG_CONFIG) --cflags jansson sqlite3) -o $@ $< kiosk/store.c \
		kiosk/log.c $(shell $(PKG_CONFIG) --libs jansson sqlite3)

$(BENCH_BUILD)/reference: tests/bench/reference.c | $(BUILD)/.deps-ok
	@mkdir -p $(BENCH_BUILD)
	$(CC) $(BENCH_FLAGS) $(shell $(PKG_CONFIG) --cflags sdl2 SDL2_ttf libqrencode) -o $@ $< \
		$(shell $(PKG_CONFIG) --libs sdl2 SDL2_ttf libqrencode)

.PHONY: bench
bench: $(BUILD)/kiosk $(BUILD)/kiosk-sync $(BENCH_BUILD)/frames $(BENCH_BUILD)/commit \
	$(BENCH_BUILD)/reference
	@sh tools/deps.sh bench
	@sh tests/bench/bench.sh $(BUILD) $(BENCH_BUILD)

