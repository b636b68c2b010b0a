# SPDX-License-Identifier: MIT
# slicscan: one Makefile for the portable core (acpi/), the Linux CLI (host/), the UEFI app
# (efi/) and every test. `make help` lists the targets.
#
# The same acpi/*.c files are compiled three ways (the efitools idea):
#   build/host/   the Linux CLI, optimised          (make host, make bench)
#   build/san/    ASan+UBSan, for every host test   (make test)
#   build/efi-x86_64/, build/efi-ia32/  freestanding, gnu-efi (make efi)

SHELL := /bin/bash
BUILD ?= build
# Quiet build lines ("CC file"); make V=1 shows every command.
ifeq ($(V),1)
Q :=
else
Q := @
endif
CC ?= gcc
CLANG ?= clang

CORE_SRC := $(sort $(wildcard acpi/*.c))
# host/: one front end for Linux and Windows. host/linux_main.c holds main(); host/win_*.c are
# Windows' (make win); everything else is a library the tests link too (host/linux_*.c: the
# Linux side of host/plat.h and host/machine.h).
HOST_LIB_SRC := $(filter-out host/linux_main.c host/win_%,$(sort $(wildcard host/*.c)))
# fw/: logic every front end that reads firmware shares (config, naming, SMBIOS, memory-range
# checks, big letters, clock, screen layout); pure C, built for the host and unit-tested there.
FW_SRC := $(sort $(wildcard fw/*.c))
# efi/logic/: the UEFI app's own pure logic (launch, Shell arguments), unit-tested on the host.
EFI_LOGIC_SRC := $(sort $(wildcard efi/logic/*.c))
# efi/ files that talk to firmware through gnu-efi.
EFI_FW_SRC := $(sort $(wildcard efi/*.c))
# fw/libc/: the C library functions GCC may call in a freestanding build, for the firmware
# builds only (the host has its libc). libefi has memcpy/memset, so the UEFI app takes memcmp.
FW_LIBC_EFI := fw/libc/memcmp.c
# bios/: the legacy-BIOS front end, a Multiboot kernel (docs/BIOS.md); it has no library at all.
BIOS_SRC := $(sort $(wildcard bios/*.c))
BIOS_ASM := $(sort $(wildcard bios/*.S))
FW_LIBC_BIOS := fw/libc/memcmp.c fw/libc/memcpy.c

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla \
	-Wformat=2 -Wundef
HOST_CFLAGS := -std=c99 -g $(WARN) -D_DEFAULT_SOURCE -Iacpi -Ifw -Iefi/logic -Ihost
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: all help host efi bios san test bench run usb clean deps coverage install uninstall \
	test-unit test-oracle test-corpus test-cli test-fleet test-fuzz test-qemu test-bios fuzz-long efi-check \
	test-net bench-net

all: host efi bios

help:
	@echo "make run       build, boot slicscan.efi in QEMU+OVMF on a sample firmware, show the report"
	@echo "make test      every test: unit, OpenSSL oracle, corpus, fuzz, UEFI build, QEMU boots (UEFI and BIOS), wine"
	@echo "make host      build/host/slicscan (Linux CLI)"
	@echo "make efi       build/efi-x86_64/slicscan.efi and build/efi-ia32/slicscan.efi"
	@echo "make bios      build/bios/slicscan.elf, the kernel legacy-BIOS PCs boot from the stick"
	@echo "make usb       build/slicscan-usb.img, a dd-able stick image (UEFI and legacy BIOS)"
	@echo "make test-bios the stick image booted by SeaBIOS in QEMU (USB and IDE), checked"
	@echo "make win       build/win-x64/slicscan.exe and build/win-x86/slicscan.exe (Windows, WinPE)"
	@echo "make test-win  slicscan.exe under wine against the Linux command (docs/WINDOWS.md)"
	@echo "make bench     speed of slicscan vs acpixtract on the corpus, and binary sizes"
	@echo "make test-net  PXE/HTTP network boot in QEMU uploading to nginx on 127.0.0.1 (docs/NETWORK.md)"
	@echo "make fuzz-long a longer libFuzzer run (FUZZ_SECONDS=600)"
	@echo "make coverage  line coverage (gcov) of the host-testable code under the host suites"
	@echo "make install   the CLI, slicscan(1), the UEFI apps and the docs under PREFIX=$(PREFIX)"
	@echo "               (DESTDIR=dir stages them for a package); make uninstall removes them"

deps:
	@scripts/deps.sh build efi test fuzz qemu bench bios win net browser

# ---- host builds ----------------------------------------------------------------------------

$(BUILD)/host/%.o: %.c $(wildcard acpi/*.h acpi/*.def fw/*.h efi/logic/*.h host/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CC) $(HOST_CFLAGS) -O2 -c $< -o $@

$(BUILD)/san/%.o: %.c $(wildcard acpi/*.h acpi/*.def fw/*.h efi/logic/*.h host/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC/SAN  $@"
	$(Q)$(CC) $(HOST_CFLAGS) -O1 $(SAN_FLAGS) -c $< -o $@

HOST_OBJ = $(patsubst %.c,$(BUILD)/host/%.o,$(CORE_SRC) $(FW_SRC) $(HOST_LIB_SRC) host/linux_main.c)
SAN_LIB_OBJ = $(patsubst %.c,$(BUILD)/san/%.o,$(CORE_SRC) $(FW_SRC) $(HOST_LIB_SRC) $(EFI_LOGIC_SRC))

host: $(BUILD)/host/slicscan
$(BUILD)/host/slicscan: $(HOST_OBJ)
	@echo "  LD      $@"
	$(Q)$(CC) -o $@ $^

san: $(BUILD)/san/slicscan
$(BUILD)/san/slicscan: $(SAN_LIB_OBJ) $(BUILD)/san/host/linux_main.o
	@echo "  LD      $@"
	$(Q)$(CC) $(SAN_FLAGS) -o $@ $^

# Unit tests: every tests/unit/test_*.c is one cmocka program linked with the whole core.
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/san/tests/%,$(UNIT_SRC))
$(BUILD)/san/tests/%: tests/unit/%.c $(SAN_LIB_OBJ) $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(HOST_CFLAGS) -O1 $(SAN_FLAGS) -Itests/unit -o $@ $< $(SAN_LIB_OBJ) -lcmocka

# Oracle tests: our SHA-256/RSA against OpenSSL's libcrypto.
ORACLE_SRC := $(sort $(wildcard tests/oracle/test_*.c))
ORACLE_BIN := $(patsubst tests/oracle/%.c,$(BUILD)/san/oracle/%,$(ORACLE_SRC))
$(BUILD)/san/oracle/%: tests/oracle/%.c $(SAN_LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(HOST_CFLAGS) -Wno-deprecated-declarations -O1 $(SAN_FLAGS) -o $@ $< $(SAN_LIB_OBJ) -lcmocka -lcrypto

# ---- UEFI application (efi/) -----------------------------------------------------------------
# acpi/*.c + fw/*.c + efi/logic/*.c + efi/*.c compiled freestanding against gnu-efi, once per firmware
# architecture (docs/FACTS.md §5). The link uses --no-undefined, so anything the firmware
# environment lacks (a libc call, a libgcc helper) fails the build instead of the boot.

EFI_ARCHS := x86_64 ia32
EFI_SRC = $(CORE_SRC) $(FW_SRC) $(FW_LIBC_EFI) $(EFI_LOGIC_SRC) $(EFI_FW_SRC)
EFI_HDRS = $(wildcard acpi/*.h acpi/*.def fw/*.h efi/logic/*.h efi/*.h)
EFI_CFLAGS := -std=c99 -Os $(WARN) -ffreestanding -fpic -fshort-wchar -mno-red-zone \
	-fno-stack-protector -fno-strict-aliasing -maccumulate-outgoing-args \
	-Iacpi -Ifw -Iefi/logic -Iefi -isystem /usr/include/efi
EFI_CFLAGS_x86_64 := -m64 -DGNU_EFI_USE_MS_ABI -isystem /usr/include/efi/x86_64
EFI_CFLAGS_ia32 := -m32 -malign-double -isystem /usr/include/efi/ia32
EFI_LIBDIR_x86_64 := /usr/lib
EFI_LIBDIR_ia32 := /usr/lib32
EFI_LDEMU_x86_64 := elf_x86_64
EFI_LDEMU_ia32 := elf_i386
# libgcc supplies 64-bit division on ia32 (the core formats 64-bit numbers).
EFI_LIBGCC_x86_64 = $(shell $(CC) -m64 -print-libgcc-file-name)
EFI_LIBGCC_ia32 = $(shell $(CC) -m32 -print-libgcc-file-name)

efi: $(foreach a,$(EFI_ARCHS),$(BUILD)/efi-$(a)/slicscan.efi)

# The zh-TW glyphs the app registers with the firmware (efi/font.c): cut from Debian's unifont
# at build time, only the characters the catalogues use; a missing glyph fails the build.
UNIFONT_HEX ?= /usr/share/unifont/unifont.hex
EFI_FONT_C := $(BUILD)/gen/efi_font.c
$(EFI_FONT_C): scripts/mkfont acpi/messages.def acpi/findings_zh.def
	@scripts/deps.sh font
	@mkdir -p $(dir $@)
	@echo "  MKFONT  $@"
	$(Q)scripts/mkfont $(UNIFONT_HEX) $@.tmp acpi/messages.def acpi/findings_zh.def >/dev/null
	@mv $@.tmp $@

# Installs gnu-efi and gcc-multilib when missing; order-only, so it never forces a rebuild.
$(BUILD)/.deps-efi:
	@scripts/deps.sh efi
	@mkdir -p $(dir $@) && touch $@

define EFI_ARCH_RULES
$(BUILD)/efi-$(1)/%.o: %.c $$(EFI_HDRS) | $(BUILD)/.deps-efi
	@mkdir -p $$(dir $$@)
	@echo "  CC      $$@"
	$$(Q)$$(CC) $$(EFI_CFLAGS) $$(EFI_CFLAGS_$(1)) -c $$< -o $$@

$(BUILD)/efi-$(1)/slicscan.so: $$(patsubst %.c,$(BUILD)/efi-$(1)/%.o,$$(EFI_SRC) $(EFI_FONT_C))
# Test-only: starts slicscan.efi with chosen LoadOptions (tests/qemu/loadopts.c, docs/QEMU.md).
$(BUILD)/efi-$(1)/tests/qemu/loadopts.so: $(BUILD)/efi-$(1)/tests/qemu/loadopts.o

$(BUILD)/efi-$(1)/%.so: | $(BUILD)/.deps-efi
	@echo "  LD      $$@"
	$$(Q)ld -m $$(EFI_LDEMU_$(1)) -nostdlib -shared -Bsymbolic -znocombreloc --no-undefined \
		-T $$(EFI_LIBDIR_$(1))/elf_$(1)_efi.lds $$(EFI_LIBDIR_$(1))/crt0-efi-$(1).o \
		$$(filter %.o,$$^) -L$$(EFI_LIBDIR_$(1)) -lefi -lgnuefi $$(EFI_LIBGCC_$(1)) -o $$@

$(BUILD)/efi-$(1)/%.efi: $(BUILD)/efi-$(1)/%.so
	@echo "  OBJCOPY $$@"
	$$(Q)objcopy -j .text -j .sdata -j .data -j .rodata -j .dynamic -j .dynsym -j .rel \
		-j .rela -j .rel.* -j .rela.* -j .reloc --target efi-app-$(1) --subsystem=10 $$< $$@
endef
$(foreach a,$(EFI_ARCHS),$(eval $(call EFI_ARCH_RULES,$(a))))

# ---- BIOS kernel (bios/; docs/BIOS.md) --------------------------------------------------------
# acpi/*.c + fw/*.c + fw/libc/*.c + bios/*.{c,S}, 32-bit freestanding, linked at 1 MiB as a
# Multiboot v1 ELF that SYSLINUX's mboot.c32 loads. No float or vector registers (nothing
# sets them up), no PIC, no stack protector; libgcc for 64-bit division, nothing else.

BIOS_HDRS = $(wildcard acpi/*.h acpi/*.def fw/*.h bios/*.h)
BIOS_CFLAGS := -std=c99 -Os $(WARN) -m32 -march=i686 -ffreestanding -fno-pic -fno-pie \
	-fno-stack-protector -fno-strict-aliasing -mgeneral-regs-only -fno-asynchronous-unwind-tables \
	-fcf-protection=none -nostdlib -Iacpi -Ifw -Ibios
BIOS_OBJ = $(patsubst %.c,$(BUILD)/bios/%.o,$(CORE_SRC) $(FW_SRC) $(FW_LIBC_BIOS) $(BIOS_SRC)) \
	$(patsubst %.S,$(BUILD)/bios/%.o,$(BIOS_ASM))
BIOS_LIBGCC = $(shell $(CC) -m32 -print-libgcc-file-name)

bios: $(BUILD)/bios/slicscan.elf

# Installs gcc-multilib (32-bit libgcc) and SYSLINUX when missing; order-only.
$(BUILD)/.deps-bios:
	@scripts/deps.sh bios
	@mkdir -p $(dir $@) && touch $@

$(BUILD)/bios/%.o: %.c $(BIOS_HDRS) | $(BUILD)/.deps-bios
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CC) $(BIOS_CFLAGS) -c $< -o $@

$(BUILD)/bios/%.o: %.S bios/lowmem.h | $(BUILD)/.deps-bios
	@mkdir -p $(dir $@)
	@echo "  AS      $@"
	$(Q)$(CC) -m32 -fno-pic -Ibios -c $< -o $@

$(BUILD)/bios/slicscan.elf: $(BIOS_OBJ) bios/bios.ld
	@echo "  LD      $@"
	$(Q)ld -m elf_i386 -nostdlib -static -no-pie -z max-page-size=0x1000 -z noexecstack \
		--no-undefined -T bios/bios.ld -o $@ $(BIOS_OBJ) $(BIOS_LIBGCC)
	$(Q)scripts/check-bios $@

# ---- slicscan.exe for Windows and WinPE (docs/WINDOWS.md) -------------------------------------
# The same acpi/ fw/ host/ sources with MinGW-w64, static, wmain (-municode); only host/win_*.c
# differ from the Linux command. host/win_realfw.c asks kernel32 for the tables; the test build
# (make win-test, under a folder named win-test-x64) links host/win_fakefw.c instead, which
# reads them from the folder SLICSCAN_FAKE_FIRMWARE names (wine has no 'ACPI' provider).

WIN_ARCHS := x64 x86
WIN_CC_x64 := x86_64-w64-mingw32-gcc
WIN_CC_x86 := i686-w64-mingw32-gcc
WIN_CFLAGS := -std=c99 -Os $(WARN) -Iacpi -Ifw -Ihost -D__USE_MINGW_ANSI_STDIO=0
WIN_LDFLAGS := -static -municode -s
WIN_COMMON_SRC = $(CORE_SRC) $(FW_SRC) $(filter-out host/linux_% host/win_realfw.c host/win_fakefw.c,$(sort $(wildcard host/*.c)))
WIN_HDRS = $(wildcard acpi/*.h acpi/*.def fw/*.h host/*.h)

$(BUILD)/.deps-win:
	@scripts/deps.sh win
	@mkdir -p $(dir $@) && touch $@

# $(1): folder under $(BUILD), $(2): arch, $(3): the firmware seam
define WIN_RULES
$(BUILD)/$(1)/%.o: %.c $$(WIN_HDRS) | $(BUILD)/.deps-win
	@mkdir -p $$(dir $$@)
	@echo "  CC      $$@"
	$$(Q)$$(WIN_CC_$(2)) $$(WIN_CFLAGS) -c $$< -o $$@

$(BUILD)/$(1)/slicscan.exe: $$(patsubst %.c,$(BUILD)/$(1)/%.o,$$(WIN_COMMON_SRC) $(3))
	@echo "  LD      $$@"
	$$(Q)$$(WIN_CC_$(2)) $$(WIN_LDFLAGS) -o $$@ $$^
endef
$(foreach a,$(WIN_ARCHS),$(eval $(call WIN_RULES,win-$(a),$(a),host/win_realfw.c)))
$(eval $(call WIN_RULES,win-test-x64,x64,host/win_fakefw.c))

.PHONY: win win-test test-win
win: $(foreach a,$(WIN_ARCHS),$(BUILD)/win-$(a)/slicscan.exe)
	@scripts/check-win $(foreach a,$(WIN_ARCHS),$(BUILD)/win-$(a)/slicscan.exe)

win-test: $(BUILD)/win-test-x64/slicscan.exe

# slicscan.exe under wine against the Linux command (tests/win/run_win.py, docs/WINDOWS.md);
# both exes import-checked first (the x86 one cannot run under wine here).
test-win: $(BUILD)/san/slicscan win win-test
	@python3 tests/win/run_win.py --slicscan $(BUILD)/san/slicscan \
		--exe $(BUILD)/win-test-x64/slicscan.exe --real-exe $(BUILD)/win-x64/slicscan.exe --build $(BUILD)

# ---- tests ------------------------------------------------------------------------------------

# The README's test command. scripts/test runs every suite below and prints "N passed, N failed".
test:
	@scripts/deps.sh build efi test fuzz qemu bios win net browser
	@scripts/test

# The UEFI apps build warning-free for both architectures and are loadable PE images.
efi-check: efi
	@scripts/check-efi $(foreach a,$(EFI_ARCHS),$(BUILD)/efi-$(a)/slicscan.efi:$(a))

test-unit: $(UNIT_BIN)
	@scripts/run-suite unit $(UNIT_BIN)

test-oracle: $(ORACLE_BIN)
	@scripts/run-suite oracle $(ORACLE_BIN)

test-corpus: $(BUILD)/san/slicscan
	@scripts/findings-doc --check
	@python3 tests/golden/run_golden.py --slicscan $(BUILD)/san/slicscan
	@python3 tests/corpus/run_corpus.py --slicscan $(BUILD)/san/slicscan
	@python3 tests/corpus/run_full.py --slicscan $(BUILD)/san/slicscan

# The Linux command as users meet it: inputs, garbage, options, masking (ASan+UBSan build);
# then make install/uninstall, the man page's lint and its options against --help.
test-cli: $(BUILD)/san/slicscan
	@python3 tests/cli/test_cli.py --slicscan $(BUILD)/san/slicscan
	@python3 tests/cli/test_machine.py --slicscan $(BUILD)/san/slicscan
	@python3 tests/cli/test_lang.py --slicscan $(BUILD)/san/slicscan
	@python3 tests/cli/test_install.py --slicscan $(BUILD)/san/slicscan --build $(BUILD)

# The fleet page (docs/FLEET.md) rendered by headless Chromium: counts, groups, damaged and
# hostile reports, sorting and filtering by clicks, 2,000 machines; a screenshot in build/fleet/.
test-fleet: $(BUILD)/san/slicscan
	@scripts/deps.sh browser
	@python3 tests/fleet/test_fleet.py --slicscan $(BUILD)/san/slicscan --build $(BUILD)

# ---- fuzzing ----------------------------------------------------------------------------------

FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -std=c99 -g -O1 $(WARN) -Iacpi -fsanitize=fuzzer,address,undefined
$(BUILD)/fuzz/%: tests/fuzz/%.c $(CORE_SRC) $(wildcard acpi/*.h acpi/*.def)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CLANG) $(FUZZ_FLAGS) -o $@ $< $(CORE_SRC)

# The FAT writer (fw/fat*.c) is fuzzed alone: disk images in, every operation run on them.
FAT_SRC := $(sort $(wildcard fw/fat*.c))
$(BUILD)/fuzz/fuzz_fat: tests/fuzz/fuzz_fat.c $(FAT_SRC) $(wildcard fw/*.h acpi/bytes.h)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CLANG) $(FUZZ_FLAGS) -Ifw -o $@ $< $(FAT_SRC)

# The fleet page's reader and renderer: report JSON in, the page out (fw/jsonread.c, fw/fleet*.c).
FLEET_SRC := fw/jsonread.c fw/fleet.c fw/fleet_html.c
$(BUILD)/fuzz/fuzz_fleet: tests/fuzz/fuzz_fleet.c $(FLEET_SRC) $(CORE_SRC) $(wildcard fw/*.h acpi/*.h acpi/*.def)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CLANG) $(FUZZ_FLAGS) -Ifw -o $@ $< $(FLEET_SRC) $(CORE_SRC)

# The network checks' parsers (fw/http.c) and slicscan.cfg with its network keys.
HTTP_FUZZ_SRC := fw/http.c fw/config.c fw/printable.c
$(BUILD)/fuzz/fuzz_http: tests/fuzz/fuzz_http.c $(HTTP_FUZZ_SRC) $(CORE_SRC) $(wildcard fw/*.h acpi/*.h acpi/*.def)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CLANG) $(FUZZ_FLAGS) -Ifw -o $@ $< $(HTTP_FUZZ_SRC) $(CORE_SRC)

FUZZ_BIN := $(addprefix $(BUILD)/fuzz/,fuzz_acpidump fuzz_tables fuzz_policy fuzz_fat fuzz_http fuzz_fleet)

test-fuzz: $(FUZZ_BIN) $(BUILD)/host/slicscan
	@scripts/fuzz $(or $(FUZZ_TEST_SECONDS),20) $(FUZZ_BIN)

fuzz-long: $(FUZZ_BIN) $(BUILD)/host/slicscan
	@scripts/fuzz $(FUZZ_SECONDS) $(FUZZ_BIN)

# ---- coverage (a measurement, not a test) -------------------------------------------------------

coverage:
	@scripts/deps.sh build test
	@scripts/coverage

# ---- benchmark --------------------------------------------------------------------------------

$(BUILD)/bench/bench_core: tests/bench/bench_core.c $(patsubst %.c,$(BUILD)/host/%.o,$(CORE_SRC) $(FW_SRC) $(HOST_LIB_SRC))
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(HOST_CFLAGS) -O2 -o $@ $^

bench: $(BUILD)/host/slicscan
	@scripts/deps.sh bench qemu bios browser
	@-$(MAKE) --no-print-directory efi bios >/dev/null 2>&1 || true
	@scripts/bench
	@-$(MAKE) --no-print-directory bench-net

# ---- QEMU boots, demo and USB stick (issue #4; docs/QEMU.md) ----------------------------------
# Firmware: Debian's OVMF, pinned by ovmf-images/SHA256SUMS and copied to $(BUILD)/ovmf.

QEMU_JOBS ?= 2

# Network boot (PXE and HTTP) uploading to nginx on 127.0.0.1, QEMU user-mode net on 192.0.2.0/24
# only (docs/NETWORK.md). NET_FILTER=name limits it; NET_JOBS QEMUs run at once.
NET_JOBS ?= 2
test-net: efi
	@scripts/deps.sh net
	@ovmf-images/fetch --out $(BUILD)/ovmf
	@BUILD=$(BUILD) python3 tests/qemu/run_net.py -j $(NET_JOBS) $(NET_FILTER)

bench-net: efi
	@scripts/deps.sh net
	@ovmf-images/fetch --out $(BUILD)/ovmf
	@BUILD=$(BUILD) python3 tests/qemu/run_net.py --bench

test-qemu: efi bios host $(BUILD)/efi-x86_64/tests/qemu/loadopts.efi
	@scripts/deps.sh qemu
	@ovmf-images/fetch --out $(BUILD)/ovmf
	@BUILD=$(BUILD) python3 tests/qemu/run_scenarios.py -j $(QEMU_JOBS)
	@BUILD=$(BUILD) python3 tests/qemu/run_fleet.py

# The legacy-BIOS suite (docs/BIOS.md): the make-usb image booted by SeaBIOS (USB and IDE).
test-bios: usb host
	@scripts/deps.sh bios
	@BUILD=$(BUILD) python3 tests/qemu/run_bios.py -j $(QEMU_JOBS)

run: efi
	@scripts/deps.sh qemu
	@BUILD=$(BUILD) scripts/run-demo

# SIGN_KEY=key.pem SIGN_CERT=cert.pem [SIGN_PASS=...] make usb: apps signed for Secure Boot.
usb: efi bios
	@scripts/deps.sh qemu bios
	@BUILD=$(BUILD) scripts/mkusb

# ---- end of issue #4 section ------------------------------------------------------------------

# ---- install (README: Install) ------------------------------------------------------------------
# Where things go, as a Linux user and a packager expect (DESTDIR stages, PREFIX is the final home):
#   $(BINDIR)/slicscan                  the Linux command
#   $(MANDIR)/man1/slicscan.1            its man page (/usr/local in it becomes PREFIX)
#   $(DATADIR)/EFI/BOOT/BOOTX64.EFI etc. the UEFI apps and slicscan.cfg, laid out as on the stick:
#                                        copy EFI/ to a FAT stick and it boots
#   $(DATADIR)/syslinux/slicscan.elf     the legacy-BIOS kernel (Multiboot), where the stick
#                                        keeps it; booting it needs SYSLINUX: use make usb
#   $(DOCDIR)/                           README.md, LICENSE and docs/*.md (the README's links work)

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/slicscan
DOCDIR ?= $(PREFIX)/share/doc/slicscan
INSTALL ?= install
INSTALL_DOCS := $(sort $(wildcard docs/*.md))

install: host efi bios
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/EFI/BOOT \
		$(DESTDIR)$(DATADIR)/syslinux $(DESTDIR)$(DOCDIR)/docs
	$(INSTALL) -m 0755 $(BUILD)/host/slicscan $(DESTDIR)$(BINDIR)/slicscan
	sed -e 's|/usr/local/share/doc/slicscan|$(DOCDIR)|g' -e 's|/usr/local/share/slicscan|$(DATADIR)|g' \
		man/slicscan.1 >$(DESTDIR)$(MANDIR)/man1/slicscan.1
	chmod 0644 $(DESTDIR)$(MANDIR)/man1/slicscan.1
	$(INSTALL) -m 0644 $(BUILD)/efi-x86_64/slicscan.efi $(DESTDIR)$(DATADIR)/EFI/BOOT/BOOTX64.EFI
	$(INSTALL) -m 0644 $(BUILD)/efi-ia32/slicscan.efi $(DESTDIR)$(DATADIR)/EFI/BOOT/BOOTIA32.EFI
	$(INSTALL) -m 0644 efi/slicscan.cfg.example $(DESTDIR)$(DATADIR)/EFI/BOOT/slicscan.cfg
	$(INSTALL) -m 0644 efi/UNIFONT-LICENSE.txt $(DESTDIR)$(DATADIR)/EFI/BOOT/UNIFONT-LICENSE.txt
	$(INSTALL) -m 0644 $(BUILD)/bios/slicscan.elf $(DESTDIR)$(DATADIR)/syslinux/slicscan.elf
	$(INSTALL) -m 0644 README.md LICENSE $(DESTDIR)$(DOCDIR)/
	$(INSTALL) -m 0644 $(INSTALL_DOCS) $(DESTDIR)$(DOCDIR)/docs/

# Removes exactly what install put there, then the folders it made if they are empty.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/slicscan $(DESTDIR)$(MANDIR)/man1/slicscan.1
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/EFI/BOOT/,BOOTX64.EFI BOOTIA32.EFI slicscan.cfg UNIFONT-LICENSE.txt)
	rm -f $(DESTDIR)$(DATADIR)/syslinux/slicscan.elf
	rm -f $(addprefix $(DESTDIR)$(DOCDIR)/,README.md LICENSE $(INSTALL_DOCS))
	-rmdir $(DESTDIR)$(DATADIR)/EFI/BOOT $(DESTDIR)$(DATADIR)/EFI $(DESTDIR)$(DATADIR)/syslinux \
		$(DESTDIR)$(DATADIR) \
		$(DESTDIR)$(DOCDIR)/docs $(DESTDIR)$(DOCDIR) 2>/dev/null

clean:
	rm -rf $(BUILD)
