# SPDX-License-Identifier: EUPL-1.2
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
pc_cflags = $(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null)
pc_libs = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null)

# V=1 prints the compiler's command lines; without it, one short line a file.
ifeq ($(V),1)
Q =
say = @true
else
Q = @
say = @printf '  %-3s %s\n'
endif

WARNINGS = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
ifeq ($(CI),true)
WARNINGS += -Werror
endif
CFLAGS ?= -O2 -g
CPPFLAGS += -I. -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
	-DKIOSK_VERSION=\"$(VERSION)\" -DKIOSK_SHARE_DIR=\"$(SHAREDIR)\" -DKIOSK_BIN_DIR=\"$(BINDIR)\"

# The three parts and the libraries each needs. common/ is SDL-free code that
# every program links, as one static library; it is compiled without SDL's flags.
COMMON_PKGS = jansson inih sqlite3 libxcrypt libsystemd
KIOSK_PKGS = sdl2 SDL2_ttf SDL2_image libqrencode fribidi $(COMMON_PKGS)
SYNC_PKGS = libcurl libcrypto $(COMMON_PKGS)
CENTRAL_PKGS = libmicrohttpd zlib libcrypto $(COMMON_PKGS)

COMMON = $(wildcard common/*.c)
KIOSK = $(filter-out kiosk/main.c,$(wildcard kiosk/*.c)) $(wildcard screens/*.c)
SYNC = $(filter-out sync/main.c,$(wildcard sync/*.c))
CENTRAL = $(filter-out central/main.c,$(wildcard central/*.c))

# Flags by folder: SDL's only for the UI, curl's only for kiosk-sync.
PKG_CFLAGS_common = $(call pc_cflags,$(COMMON_PKGS))
PKG_CFLAGS_kiosk = $(call pc_cflags,$(KIOSK_PKGS))
PKG_CFLAGS_screens = $(PKG_CFLAGS_kiosk)
PKG_CFLAGS_sync = $(call pc_cflags,$(SYNC_PKGS))
PKG_CFLAGS_central = $(call pc_cflags,$(CENTRAL_PKGS))
PKG_CFLAGS_tests = $(PKG_CFLAGS_kiosk) $(PKG_CFLAGS_sync) $(PKG_CFLAGS_central)
folder_cflags = $(PKG_CFLAGS_$(firstword $(subst /, ,$(1))))
KIOSK_LIBS = $(call pc_libs,$(KIOSK_PKGS)) -lm
SYNC_LIBS = $(call pc_libs,$(SYNC_PKGS))
CENTRAL_LIBS = $(call pc_libs,$(CENTRAL_PKGS)) -lpthread

BUILD = build
TEST_BUILD = build/test
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

TESTS = test_bidi test_bundle test_central test_config test_content test_i18n test_store test_survey test_text test_theme test_qr test_ui test_staff test_items test_layout test_protocol test_response test_question test_speech test_access

.PHONY: all run demo test install uninstall clean deps screenshots format soak fuzz
# Objects are kept between builds, tests included.
.SECONDARY:

all: $(BUILD)/kiosk $(BUILD)/kiosk-sync $(BUILD)/kiosk-central

# Building installs what building and running need; the tests add their tools.
DEPS_SETS = build run
$(BUILD)/.deps-ok: tools/deps.sh
	@sh tools/deps.sh $(DEPS_SETS)
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/.deps-test: tools/deps.sh
	@sh tools/deps.sh build run test
	@mkdir -p $(BUILD) && touch $@

deps:
	@sh tools/deps.sh

# Objects, one per source, in two builds: the optimised one that is installed
# (build/obj) and the sanitised one the tests link (build/test/obj). KIOSK_TESTING
# adds hooks the tests use (a loop that stalls on request, for the watchdog test);
# only the test build of kiosk/main.c has it.
OBJ = $(BUILD)/obj
TEST_OBJ = $(TEST_BUILD)/obj
TEST_CFLAGS = $(WARNINGS) -O1 -g $(SAN)
DEPFLAGS = -MMD -MP

$(OBJ)/%.o: %.c | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) $(WARNINGS) $(CFLAGS) $(CPPFLAGS) $(DEPFLAGS) $(call folder_cflags,$<) -c -o $@ $<

$(TEST_OBJ)/%.o: %.c | $(BUILD)/.deps-test
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) $(TEST_CFLAGS) $(CPPFLAGS) $(DEPFLAGS) $(call folder_cflags,$<) \
		$(if $(filter tests/%,$<),-Wno-missing-prototypes -DSOURCE_DIR=\"$(CURDIR)\") \
		$(if $(filter kiosk/main.c,$<),-DKIOSK_TESTING) -c -o $@ $<

-include $(shell find $(BUILD) -path '$(BUILD)/deb*' -prune -o -name '*.d' -type f -print 2>/dev/null)

$(OBJ)/libcommon.a: $(COMMON:%.c=$(OBJ)/%.o)
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^
$(TEST_OBJ)/libcommon.a: $(COMMON:%.c=$(TEST_OBJ)/%.o)
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/kiosk: $(KIOSK:%.c=$(OBJ)/%.o) $(OBJ)/kiosk/main.o $(OBJ)/libcommon.a
	$(say) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(KIOSK_LIBS)

$(BUILD)/kiosk-sync: $(SYNC:%.c=$(OBJ)/%.o) $(OBJ)/sync/main.o $(OBJ)/libcommon.a
	$(say) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(SYNC_LIBS)

$(BUILD)/kiosk-central: $(CENTRAL:%.c=$(OBJ)/%.o) $(OBJ)/central/main.o $(OBJ)/libcommon.a
	$(say) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CENTRAL_LIBS)

$(TEST_BUILD)/kiosk-central: $(CENTRAL:%.c=$(TEST_OBJ)/%.o) $(TEST_OBJ)/central/main.o \
		$(TEST_OBJ)/libcommon.a
	$(say) LD $@
	$(Q)$(CC) $(TEST_CFLAGS) -o $@ $^ $(CENTRAL_LIBS)

$(TEST_BUILD)/kiosk: $(KIOSK:%.c=$(TEST_OBJ)/%.o) $(TEST_OBJ)/kiosk/main.o $(TEST_OBJ)/libcommon.a
	$(say) LD $@
	$(Q)$(CC) $(TEST_CFLAGS) -o $@ $^ $(KIOSK_LIBS)

$(TEST_BUILD)/kiosk-sync: $(SYNC:%.c=$(TEST_OBJ)/%.o) $(TEST_OBJ)/sync/main.o $(TEST_OBJ)/libcommon.a
	$(say) LD $@
	$(Q)$(CC) $(TEST_CFLAGS) -o $@ $^ $(SYNC_LIBS)

# Every test program links the helpers, the UI and the shared core.
TEST_LINK = $(TEST_OBJ)/tests/helpers.o $(KIOSK:%.c=$(TEST_OBJ)/%.o) $(TEST_OBJ)/libcommon.a

$(TEST_BUILD)/test_%: $(TEST_OBJ)/tests/test_%.o $(TEST_LINK)
	$(say) LD $@
	$(Q)$(CC) $(TEST_CFLAGS) -o $@ $^ $(KIOSK_LIBS) -lcmocka $(TEST_LDFLAGS_$*)

# test_layout sees every text the screens draw, with the options it was drawn
# with, by standing between the screens and the text module.
TEST_LDFLAGS_layout = -Wl,--wrap=text_draw,--wrap=text_draw_block,--wrap=text_layout \
	-Wl,--wrap=text_frame_begin

# kiosk-central's unit tests link its modules instead of the UI.
$(TEST_BUILD)/test_central: $(TEST_OBJ)/tests/test_central.o $(CENTRAL:%.c=$(TEST_OBJ)/%.o) \
		$(TEST_OBJ)/libcommon.a
	$(say) LD $@
	$(Q)$(CC) $(TEST_CFLAGS) -o $@ $^ $(CENTRAL_LIBS) -lcmocka

# The monkey (tests/soak.c): the real UI under seeded random input, with the
# sanitizers. SOAK_SEED replays a run; without it the seed is random and printed.
SOAK_EVENTS ?= 200000
SOAK_SEED ?=

$(TEST_BUILD)/soak: $(TEST_OBJ)/tests/soak.o $(TEST_LINK)
	$(say) LD $@
	$(Q)$(CC) $(TEST_CFLAGS) -o $@ $^ $(KIOSK_LIBS) -lcmocka

soak: $(TEST_BUILD)/soak
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		$(TEST_BUILD)/soak --events $(SOAK_EVENTS) $(if $(SOAK_SEED),--seed $(SOAK_SEED))

# libFuzzer targets (tests/fuzz/) for the bundle, config, upload-receipt and
# response-document parsers, and kiosk-central's reading of uploads and paths. make fuzz runs each for FUZZ_SECONDS; what it finds
# is kept in tests/data/fuzz/<target>/, and make test replays those files with
# gcc builds.
FUZZ_TARGETS = content config receipt response upload route
FUZZ_SECONDS ?= 600
FUZZ_BUILD = build/fuzz
FUZZ_CC = clang
FUZZ_SRC_content = common/content.c common/question.c common/log.c
FUZZ_SRC_config = common/config.c common/log.c
FUZZ_SRC_receipt = common/protocol.c
FUZZ_SRC_response = common/response.c common/content.c common/question.c common/log.c
FUZZ_PKGS_content = jansson
FUZZ_PKGS_config = inih
FUZZ_PKGS_receipt = jansson
FUZZ_PKGS_response = jansson
FUZZ_SRC_upload = central/upload.c $(FUZZ_SRC_response)
FUZZ_SRC_route = central/route.c
FUZZ_PKGS_upload = jansson

$(BUILD)/.deps-fuzz: tools/deps.sh
	@sh tools/deps.sh fuzz
	@mkdir -p $(BUILD) && touch $@

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(COMMON) $(SYNC) | $(BUILD)/.deps-ok $(BUILD)/.deps-fuzz
	@mkdir -p $(FUZZ_BUILD)
	$(say) LD $@
	$(Q)$(FUZZ_CC) $(WARNINGS) -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		$(CPPFLAGS) $(call pc_cflags,$(FUZZ_PKGS_$*)) -o $@ $< $(FUZZ_SRC_$*) \
		$(call pc_libs,$(FUZZ_PKGS_$*))

# The same parsers through the sanitised gcc build, replaying what is kept.
$(TEST_BUILD)/replay_%: $(TEST_OBJ)/tests/fuzz/fuzz_%.o $(TEST_OBJ)/tests/fuzz/replay.o \
		$(SYNC:%.c=$(TEST_OBJ)/%.o) $(TEST_OBJ)/central/upload.o $(TEST_OBJ)/central/route.o \
		$(TEST_OBJ)/libcommon.a
	$(say) LD $@
	$(Q)$(CC) $(TEST_CFLAGS) -o $@ $^ $(SYNC_LIBS)

fuzz: $(addprefix $(FUZZ_BUILD)/fuzz_,$(FUZZ_TARGETS))
	@sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

run: $(BUILD)/kiosk
	$(BUILD)/kiosk --windowed --size 1280x800

# The whole cycle on one machine: kiosk-central, kiosk-sync and the kiosk.
demo: $(BUILD)/kiosk $(BUILD)/kiosk-sync $(BUILD)/kiosk-central
	@sh tools/demo.sh $(BUILD)

# axe-core, the accessibility checker the browser tests run on every page of the
# staff web UI: a test tool from npm, kept in the build directory.
AXE_JS = $(BUILD)/node/node_modules/axe-core/axe.min.js
$(AXE_JS): | $(BUILD)/.deps-test
	@mkdir -p $(BUILD)/node
	cd $(BUILD)/node && npm install --no-audit --no-fund --silent axe-core@4.10

test: $(addprefix $(TEST_BUILD)/,$(TESTS)) $(TEST_BUILD)/kiosk $(TEST_BUILD)/kiosk-sync \
	$(TEST_BUILD)/kiosk-central $(AXE_JS) \
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

install: $(BUILD)/kiosk $(BUILD)/kiosk-sync $(BUILD)/kiosk-central
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)/strings $(DESTDIR)$(SHAREDIR)/web \
		$(DESTDIR)$(UNITDIR) \
		$(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(SYSCONFDIR)/kiosk
	install -m 755 $(BUILD)/kiosk $(BUILD)/kiosk-sync $(BUILD)/kiosk-central $(DESTDIR)$(BINDIR)/
	install -m 644 config/content.json $(DESTDIR)$(SHAREDIR)/content.json
	install -m 644 config/strings/*.ini $(DESTDIR)$(SHAREDIR)/strings/
	install -m 644 central/web/*.html central/web/*.js central/web/*.css $(DESTDIR)$(SHAREDIR)/web/
	install -m 644 fonts/fonts.ini $(DESTDIR)$(SHAREDIR)/fonts.ini
	sed 's|/usr/local/share/kiosk|$(SHAREDIR)|' config/kiosk.conf >$(DESTDIR)$(SHAREDIR)/kiosk.conf.example
	chmod 644 $(DESTDIR)$(SHAREDIR)/kiosk.conf.example
	[ -e $(DESTDIR)$(SYSCONFDIR)/kiosk/kiosk.conf ] || \
		install -m 644 $(DESTDIR)$(SHAREDIR)/kiosk.conf.example $(DESTDIR)$(SYSCONFDIR)/kiosk/kiosk.conf
	install -m 644 config/central.conf $(DESTDIR)$(SHAREDIR)/central.conf.example
	[ -e $(DESTDIR)$(SYSCONFDIR)/kiosk/central.conf ] || \
		install -m 644 config/central.conf $(DESTDIR)$(SYSCONFDIR)/kiosk/central.conf
	for unit in kiosk kiosk-sync kiosk-central; do \
		sed $(UNIT_PATHS) systemd/$$unit.service.in >$(DESTDIR)$(UNITDIR)/$$unit.service && \
		chmod 644 $(DESTDIR)$(UNITDIR)/$$unit.service || exit 1; \
	done
	install -m 644 systemd/kiosk.sysusers $(DESTDIR)$(SYSUSERSDIR)/kiosk.conf
	install -m 644 systemd/kiosk-central.sysusers $(DESTDIR)$(SYSUSERSDIR)/kiosk-central.conf

# Leaves SYSCONFDIR/kiosk (the device's config and token) and the data directory.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kiosk $(DESTDIR)$(BINDIR)/kiosk-sync $(DESTDIR)$(BINDIR)/kiosk-central
	rm -f $(DESTDIR)$(UNITDIR)/kiosk.service $(DESTDIR)$(UNITDIR)/kiosk-sync.service \
		$(DESTDIR)$(UNITDIR)/kiosk-central.service
	rm -f $(DESTDIR)$(SYSUSERSDIR)/kiosk.conf $(DESTDIR)$(SYSUSERSDIR)/kiosk-central.conf
	rm -rf $(DESTDIR)$(SHAREDIR)

format:
	clang-format -i common/*.[ch] kiosk/*.[ch] screens/*.[ch] sync/*.[ch] central/*.[ch] tests/*.[ch]

clean:
	rm -rf $(BUILD) screenshots

# Benchmarks (tests/bench/): optimised builds without sanitizers, measured against
# a minimal SDL2 program; see docs/benchmarks.md. BENCH_RUNS and
# BENCH_IDLE_S make a quicker run.
BENCH_BUILD = build/bench
BENCH_FLAGS = $(WARNINGS) -Wno-missing-prototypes -O2 -g $(CPPFLAGS)

$(BENCH_BUILD)/frames: tests/bench/frames.c tests/bench/bench.h $(KIOSK:%.c=$(OBJ)/%.o) $(OBJ)/libcommon.a
	@mkdir -p $(BENCH_BUILD)
	$(say) LD $@
	$(Q)$(CC) $(BENCH_FLAGS) $(PKG_CFLAGS_kiosk) -DSOURCE_DIR=\"$(CURDIR)\" -o $@ $< \
		$(KIOSK:%.c=$(OBJ)/%.o) $(OBJ)/libcommon.a $(KIOSK_LIBS)

$(BENCH_BUILD)/commit: tests/bench/commit.c tests/bench/bench.h $(OBJ)/libcommon.a
	@mkdir -p $(BENCH_BUILD)
	$(say) LD $@
	$(Q)$(CC) $(BENCH_FLAGS) $(PKG_CFLAGS_common) -o $@ $< $(OBJ)/libcommon.a $(call pc_libs,$(COMMON_PKGS))

$(BENCH_BUILD)/reference: tests/bench/reference.c | $(BUILD)/.deps-ok
	@mkdir -p $(BENCH_BUILD)
	$(say) LD $@
	$(Q)$(CC) $(BENCH_FLAGS) $(shell $(PKG_CONFIG) --cflags sdl2 SDL2_ttf libqrencode) -o $@ $< \
		$(shell $(PKG_CONFIG) --libs sdl2 SDL2_ttf libqrencode)

$(BENCH_BUILD)/central_load: tests/bench/central_load.c | $(BUILD)/.deps-ok
	@mkdir -p $(BENCH_BUILD)
	$(say) LD $@
	$(Q)$(CC) $(BENCH_FLAGS) $(call pc_cflags,libcurl sqlite3 jansson) -o $@ $< \
		$(call pc_libs,libcurl sqlite3 jansson) -lpthread

.PHONY: bench
bench: $(BUILD)/kiosk $(BUILD)/kiosk-sync $(BUILD)/kiosk-central $(BENCH_BUILD)/frames \
	$(BENCH_BUILD)/commit $(BENCH_BUILD)/reference $(BENCH_BUILD)/central_load
	@sh tools/deps.sh bench
	@sh tests/bench/bench.sh $(BUILD) $(BENCH_BUILD)


# Debian packages: kiosk (the UI and kiosk-sync) and kiosk-central, built with
# debhelper from a copy of the tree in build/deb/src; the .deb files land in
# build/deb/. DEB_VERSION builds them as another version (for the upgrade test).
# make check-deb installs them in a clean Debian 12 chroot and upgrades them.
.PHONY: deb check-deb
DEB_BUILD = $(BUILD)/deb
DEB_VERSION ?=

# ARCH=arm64 cross-builds them for the Raspberry Pi (with tools/deps.sh arm64).
ARCH ?=
deb:
	@sh tools/deps.sh deb $(if $(ARCH),arm64)
	@DEB_ARCH=$(ARCH) sh tools/deb.sh $(DEB_BUILD)$(if $(ARCH),-$(ARCH)) $(DEB_VERSION)

check-deb:
	@sh tools/deps.sh deb check-deb
	@sh tests/deb.sh $(BUILD)

# arm64, the Raspberry Pi's architecture, on an amd64 Debian machine: cross-built
# into build/arm64 with Debian's multiarch packages (tools/deps.sh arm64) and run
# under qemu-user, against the amd64 build's renders (tests/arm64.sh).
.PHONY: check-arm64
check-arm64:
	@sh tests/arm64.sh
