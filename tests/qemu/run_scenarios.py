#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The QEMU scenario suite: boot slicscan.efi on OVMF against injected SLIC/MSDM tables and check it.

Every scenario makes its own stick (scripts/mkesp), boots it (scripts/qemu-boot, hard timeout,
TCG) and checks what a technician would see: the exit code (isa-debug-exit status and the
report's exit_code, or %lasterror% in the UEFI Shell), the verdict on the serial console, the
report files on the stick, and - cross-check - that the Linux CLI (build/host/slicscan) finds the
same things in the same table bytes (tests/qemu/gen_tables.py writes them as acpidump text).
The real-* scenarios boot real SLIC/MSDM tables from the linuxhw corpus (tests/qemu/real_tables.py
extracts them into build/qemu/real/), with expectations derived from its expected.jsonl.

  python3 tests/qemu/run_scenarios.py [-j 2] [-k PATTERN] [--list] [--keep]

Prints one line per scenario, then exactly "N passed, N failed"; exits 1 on any failure.
Work files go to build/qemu/runs/NAME/ (serial.log, result.json, reports/, stick.img).
To add a scenario: append a Scenario(...) to SCENARIOS (and a table variant to gen_tables.py
if it needs new bytes); docs/QEMU.md explains the fields.
"""

import argparse
import concurrent.futures
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_tables  # noqa: E402  (acpidump text for the CLI cross-check)
import real_tables  # noqa: E402
import screen  # noqa: E402  (the graphical screen read back as text)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("BUILD", os.path.join(ROOT, "build"))
if not os.path.isabs(BUILD):
    BUILD = os.path.join(ROOT, BUILD)
TABLES = os.path.join(BUILD, "qemu", "tables")
REAL = os.path.join(BUILD, "qemu", "real")  # extracted real tables: build dir only, never git
RUNS = os.path.join(BUILD, "qemu", "runs")
OVMF = os.path.join(BUILD, "ovmf")
APP = {"x64": os.path.join(BUILD, "efi-x86_64", "slicscan.efi"),
       "ia32": os.path.join(BUILD, "efi-ia32", "slicscan.efi")}
CLI = os.path.join(BUILD, "host", "slicscan")
# Test-only loader: starts slicscan.efi with the LoadOptions a scenario gives (tests/qemu/loadopts.c)
LOADER = os.path.join(BUILD, "efi-x86_64", "tests", "qemu", "loadopts.efi")

ANSI = re.compile(r"\x1b\[[0-9;=?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1bc")
# The banner line each verdict prints (acpi/render.c ss_render_banner).
BANNER = {"ready": r"VERDICT: READY(?! \(WITH)", "ready-with-warnings": r"VERDICT: READY \(WITH WARNINGS\)",
          "not-ready": r"VERDICT: NOT READY", "error": r"VERDICT: CANNOT JUDGE"}
# (a blank line between them when the screen has room for it)
BIG_VERDICT = r"(\n  [# ]*#[# ]*){5}\n\n?\+-{74}\+\n\|  VERDICT: "
VERDICT_OF_EXIT = {0: "ready", 1: "not-ready", 2: "ready-with-warnings", 3: "error"}
# Findings that depend on where the tables came from (firmware walk vs. a dump without root
# tables) or on the booted machine, so the CLI cannot be expected to agree on them.
NOT_CROSS_CHECKED = {"slic-ids-unverified", "slic-ids-rsdt", "slic-ids-xsdt", "slic-ids-rsdp",
                     "slic-ids-facp", "slic-not-listed", "root-absent", "facp-absent",
                     "clock-implausible", "report-not-saved", "config-invalid",
                     "rsdt-xsdt-differ", "rsdp-invalid", "rsdp-ext-checksum"}

# The config every booted scenario starts from; cfg={...} in a scenario changes or adds keys.
BASE_CFG = {"action": "poweroff", "timeout": "5", "report": "yes", "debug_exit": "yes"}

SMBIOS_ID = ["type=0,vendor=Contoso BIOS Works,version=CBW 1.07,date=03/14/2011",
             "type=1,manufacturer=Contoso Labs,product=Lab PC 7,serial=CZ1234XYZ"]
TEST_UUID = "12345678-9abc-4def-8123-456789abcdef"


UNSET = object()  # marker_version: not checked (None means "no marker" must be reported)


class Scenario:
    """One boot. Expectations left at None are not checked."""

    def __init__(self, name, variant, exit, verdict=None, findings=(), absent=(),
                 marker_version=UNSET, msdm_state=None, predicted=None, cli_exit=None,
                 mode="boot", fw="x64", args="", policy=True, policy_text=None, cfg=None,
                 smbios=(), rtc=None, readonly=False, sign=None, mbr=False, pre_files=(),
                 report_name=None, machine=None, refused=False, timeout=45, note="",
                 serial_re=(), policy_at="/slicscan/policy.txt", report_dir="/slicscan/reports",
                 usb_image=False, w7_kms=None, w7_reason=None, real=None, setup_error=None,
                 free_bytes=None, pre_summary=False, no_summary=False, load_options=None,
                 screen=None, acpi=True, hide_acpi=False, shell_pre=(), report_eq=None,
                 lang=None):
        self.name, self.variant, self.exit = name, variant, exit
        self.verdict = verdict if verdict is not None else VERDICT_OF_EXIT.get(exit)
        self.findings, self.absent = list(findings), list(absent)
        self.marker_version, self.msdm_state, self.predicted = marker_version, msdm_state, predicted
        self.cli_exit = cli_exit
        self.mode, self.fw, self.args = mode, fw, args
        self.policy, self.policy_text = policy, policy_text
        self.cfg = dict(BASE_CFG, **(cfg or {}))
        self.smbios, self.rtc, self.readonly = list(smbios), rtc, readonly
        self.sign, self.mbr, self.pre_files = sign, mbr, list(pre_files)
        self.report_name, self.machine = report_name, machine or {}
        self.refused, self.timeout, self.note = refused, timeout, note
        self.serial_re, self.policy_at, self.report_dir = list(serial_re), policy_at, report_dir
        self.usb_image = usb_image  # boot what `make usb` builds (its config: action = wait)
        self.w7_kms, self.w7_reason = w7_kms, w7_reason  # report's windows7_kms / _reason
        self.real = real                # real_tables.choose() entry: boots real corpus tables
        self.setup_error = setup_error  # the scenario could not even be set up: it fails
        self.free_bytes = free_bytes    # fill the stick until only this many bytes are free
        self.pre_summary = pre_summary  # the stick already has a summary.csv of other machines
        self.no_summary = no_summary    # the summary line must be missing (the stick is full)
        self.load_options = load_options  # bytes: booted by LOADER with these LoadOptions
        # "100x31" (OVMF's default console) or "80x25" (text_mode = 80x25): the app waits for a
        # key, the graphical screen is dumped and read back (check_screen)
        self.screen = screen
        # acpi=False: the machine has ACPI switched off (qemu-boot --no-acpi): without a display
        # OVMF installs no ACPI table in the EFI configuration table: the app finds no RSDP
        self.acpi = acpi
        # hide_acpi: booted by LOADER, which first removes the ACPI 2.0/1.0 entries from the EFI
        # configuration table (with a display, OVMF publishes an RSDP for its BGRT even then)
        self.hide_acpi = hide_acpi
        self.shell_pre = list(shell_pre)  # Shell commands startup.nsh runs before the app
        # JSON report fields that must equal these values ("slic.state": dotted paths)
        self.report_eq = dict(report_eq or {})
        # "zh-TW": language = zh-TW in slicscan.cfg: the report .txt (and with a screen, the
        # screen) in zh-TW, the serial console and the JSON in English (check_zh)
        self.lang = lang
        if lang:
            self.cfg["language"] = lang
        if screen:
            self.cfg.update(action="wait", timeout="120")
            if screen == "80x25":
                self.cfg["text_mode"] = "80x25"


S = Scenario
F35 = "0xC004F035"


def ucs2(text):
    """A command line as firmware and loaders pass it: UCS-2 little-endian with its NUL."""
    return (text + "\0").encode("utf-16-le")


# Optional data of a Windows Boot Manager Boot#### entry: "WINDOWS", NUL, then a binary
# BCD-object structure (its layout, with a zero GUID).
WINDOWS_OPTIONAL_DATA = b"WINDOWS\0" + bytes([1, 0, 0, 0, 0x88, 0, 0, 0, 0x10, 0, 0, 0]) + \
    bytes(16) + bytes([0x10, 0, 0, 0, 0, 0, 0, 0]) + "BCDOBJECT={0}".encode("utf-16-le") + b"\0\0"
IGNORED = r"Note: booted directly: load options ignored "
# A machine without ACPI (acpi=off): OVMF installs no ACPI entry in the EFI configuration table.
# The app must find no RSDP pointer at all (its source line names none it found), read no table,
# and say so: cannot judge (exit 3), no claim about SLIC or MSDM, no predicted error.
NO_RSDP = "The firmware publishes no RSDP (ACPI is off or absent): no ACPI tables can be read"
NO_ACPI_TODO = ("This firmware publishes no ACPI tables at all, and Windows Vista / 7 run only on "
                "PCs with ACPI: switch ACPI on in the BIOS setup (or the virtual machine's "
                "settings) or update the BIOS, then run slicscan again.")
NO_ACPI = dict(
    variant=None, exit=3, acpi=False, findings=["no-root-tables"], absent=["rsdp-invalid"],
    marker_version=None, msdm_state="unknown", w7_kms="unverified", w7_reason="cannot-judge",
    report_eq={"source": "firmware (UEFI configuration table)", "tables": [],
               "findings": [{"id": "no-root-tables", "severity": "fatal", "table": None,
                             "message": NO_RSDP}],
               "slic.present": False, "slic.state": "unknown", "msdm.present": False,
               "oem_license_evidence": None, "what_to_do": [NO_ACPI_TODO]},
    serial_re=[r"\|  No ACPI table could be read: there is nothing to judge +\|",
               r"Why: " + re.escape(NO_RSDP), r"What to do:\s+1\. " + re.escape(NO_ACPI_TODO)])
# With a display (the screen-* rows) OVMF shows its boot logo and publishes an RSDP for the
# logo's BGRT even with acpi=off: the test loader removes both RSDP entries before the app
# starts, and the serial log must show they listed nothing but that BGRT (and OVMF's empty slot).
HIDDEN_ACPI = dict(NO_ACPI, hide_acpi=True, serial_re=NO_ACPI["serial_re"] + [
    r"loader: ACPI 2\.0 RSDP at 0x[0-9a-fA-F]+ \(XSDT lists:( \(null\))* BGRT\)",
    r"loader: ACPI 1\.0 RSDP at 0x[0-9a-fA-F]+ \(RSDT lists:( \(null\))* BGRT\)",
    r"loader: no ACPI entry left in the configuration table"])
SCENARIOS = [
    # ---- one per table variant, booted as \EFI\BOOT\BOOTX64.EFI with the test key's policy ----
    S("valid-2.1", "valid-2.1", 0, findings=["slic-valid", "slic-key-known"],
      absent=["slic-key-unknown"], marker_version="2.1", msdm_state="absent", predicted=None,
      cli_exit=2),
    S("valid-2.0", "valid-2.0", 0, findings=["slic-valid", "slic-marker-version-2.0"],
      marker_version="2.0", cli_exit=2),
    S("valid-2.3", "valid-2.3", 0, findings=["slic-valid"], marker_version="2.3", cli_exit=2),
    S("key-no-marker", "key-no-marker", 1, findings=["slic-no-marker"], predicted=F35,
      cli_exit=1),
    S("header-only", "header-only", 1, findings=["slic-short"], predicted=F35, cli_exit=1),
    S("body-ff", "body-ff", 1, findings=["slic-blank-ff"], predicted=F35, cli_exit=1),
    S("body-00", "body-00", 1, findings=["slic-blank-00"], predicted=F35, cli_exit=1),
    S("insyde-placeholder", "insyde-placeholder", 1,
      findings=["slic-placeholder", "slic-signature-invalid"], predicted=F35, cli_exit=1),
    S("marker-ids-differ", "marker-ids-differ", 1, findings=["slic-marker-ids"],
      absent=["slic-ids-rsdt"], predicted=F35, cli_exit=1),
    S("rsdt-differs", "rsdt-differs", 1, findings=["slic-ids-rsdt", "slic-duplicate"],
      predicted=F35, cli_exit=2, note="the dump has no RSDT: the CLI can only say unverified"),
    S("sig-flipped", "sig-flipped", 1, findings=["slic-signature-invalid"], predicted=F35,
      cli_exit=1),
    S("unknown-subtable", "unknown-subtable", 2, findings=["slic-subtable-unknown"],
      absent=["slic-signature-invalid"], cli_exit=2),
    S("zero-length-subtable", "zero-length-subtable", 1, findings=["slic-subtable-length"],
      predicted=F35, cli_exit=1),
    S("msdm-valid", "msdm-valid", 0, findings=["msdm-key-ok", "slic-absent"], msdm_state="key-ok",
      cli_exit=0),
    # Windows 7 never reads the MSDM: a damaged one is a fact there, a clean READY
    S("msdm-erased", "msdm-erased", 0, findings=["msdm-blank"], msdm_state="blank", cli_exit=0),
    S("msdm-malformed", "msdm-malformed", 0, findings=["msdm-key-malformed"],
      msdm_state="key-malformed", cli_exit=0),
    S("none", "none", 0, findings=["slic-absent", "msdm-absent"], msdm_state="absent",
      cli_exit=0),
    S("sample", "sample", 0, findings=["slic-valid", "msdm-key-ok"], msdm_state="key-ok",
      marker_version="2.1", cli_exit=2, note="what `make run` shows"),
    # ---- policy and config ----
    S("no-policy", "valid-2.1", 0, findings=["slic-key-unknown", "slic-valid"], policy=False,
      cli_exit=2, note="the test key is not built in: its marker verifies, so that is a fact"),
    S("policy-versions", "valid-2.3", 1, findings=["slic-marker-version"],
      policy_text="accept-versions 2.1\n", cli_exit=1,
      note="the policy file (plus the key line) accepts only 2.1"),
    S("target-windows8", "key-no-marker", 0, cfg={"target": "windows8"}, policy=False,
      findings=["slic-no-marker"], note="config target: SLIC findings are information for 8+"),
    S("target-cfg-over-policy", "key-no-marker", 0, cfg={"target": "windows8"},
      findings=["slic-no-marker"], note="the config's target overrides the policy's windows7"),
    # ---- the UEFI Shell contract: %lasterror% is the exit code ----
    S("shell-exit0", "valid-2.1", 0, mode="shell", args="-q"),
    S("shell-exit1", "body-ff", 1, mode="shell", args="-q", findings=["slic-blank-ff"]),
    S("shell-exit2", "unknown-subtable", 2, mode="shell", args="-q",
      findings=["slic-subtable-unknown"]),
    S("shell-exit4", "valid-2.1", 4, mode="shell", args="--no-such-option", verdict=None),
    S("shell-json-noreport", "valid-2.1", 0, mode="shell", args="--json --no-report",
      verdict="", serial_re=[r'"verdict": *"ready"', r'"exit_code": *0'],
      note="--json prints the JSON report on the console; --no-report writes nothing"),
    S("shell-version", "valid-2.1", 0, mode="shell", args="--version", verdict="",
      serial_re=[r"\nslicscan \d+\.\d+\.\d+\n"], note="as the Linux command's --version"),
    S("shell-help", "valid-2.1", 0, mode="shell", args="-h", verdict="",
      serial_re=[r"usage: slicscan"]),
    S("shell-question-mark", "valid-2.1", 14, mode="shell", args="-?", verdict="",
      serial_re=[r"No help could be found for command 'slicscan.efi'"],
      note="the UEFI Shell turns `X -?` into `help X` (a .man page); the app never sees it. "
           "docs/UEFI.md says so and points to -h"),
    S("shell-policy-report", "valid-2.1", 0, mode="shell", policy=False,
      args="-q --policy fs0:\\pol\\test.txt --report fs0:\\out", policy_at="/pol/test.txt",
      report_dir="/out", findings=["slic-key-known"], pre_summary=True,
      note="policy and report through the Shell's name space; the summary appended there too"),
    # ---- machine identity, clock, stick ----
    S("smbios-fields", "valid-2.1", 0, smbios=SMBIOS_ID, report_name="CZ1234XYZ",
      machine={"system_manufacturer": "Contoso Labs", "system_product": "Lab PC 7",
               "system_serial": "CZ1234XYZ", "bios_vendor": "Contoso BIOS Works",
               "bios_version": "CBW 1.07", "bios_date": "03/14/2011"}),
    S("report-name-taken", "valid-2.1", 0, smbios=SMBIOS_ID, report_name="CZ1234XYZ-2",
      pre_files=[("CZ1234XYZ.txt", "/slicscan/reports/CZ1234XYZ.txt")], pre_summary=True,
      note="the summary.csv of earlier machines gets one more line, the old ones untouched"),
    S("summary-none", "valid-2.1", 0, cfg={"summary": "none"}, note="summary = none: no CSV"),
    S("junk-serial-uuid", "valid-2.1", 0,
      smbios=[f"type=1,serial=To be filled by O.E.M.,uuid={TEST_UUID}"],
      report_name="uuid-" + TEST_UUID),
    S("junk-serial", "valid-2.1", 0, smbios=["type=1,serial=Default string"],
      report_name="unknown", note="placeholder serial and QEMU's all-zero UUID"),
    S("serial-sanitised", "valid-2.1", 0, smbios=["type=1,serial=../AB\\C:D*?"],
      report_name=re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*"),
      note="characters FAT or a path would trip on become _"),
    S("rtc-2005", "valid-2.1", 2, rtc="base=2005-01-01", findings=["clock-implausible"]),
    S("readonly-stick", "valid-2.1", 2, readonly=True, findings=["report-not-saved"]),
    S("full-stick", "valid-2.1", 2, free_bytes=1024, findings=["report-not-saved"],
      serial_re=[r"the stick is full"], note="not even the .txt fits: nothing may be left"),
    S("full-stick-json", "valid-2.1", 2, free_bytes=7680, findings=["report-not-saved"],
      serial_re=[r"the stick is full"],
      note="room for the .txt, not for the .json: no half pair may remain (observed: OVMF's FAT "
           "driver drops the .txt itself once the .json fails; the app deletes it for drivers "
           "that keep it, a path this scenario cannot tell apart)"),
    S("full-stick-summary", "valid-2.1", 0, free_bytes=8192, no_summary=True,
      serial_re=[r"Summary: NO line added to \\slicscan\\summary.csv \(the stick is full\)"],
      note="room for the report pair, not for the summary line: the pair stays and tells the "
           "verdict (exit 0), the screen says the line is missing, no CSV is left"),
    S("mbr-stick", "valid-2.1", 0, mbr=True, note="partitioned stick, as make usb builds"),
    S("usb-image", "none", 0, usb_image=True, absent=["config-invalid"],
      note="make usb's image as shipped: commented config parses cleanly, waits for a key"),
    S("usb-image-signed", "none", 0, usb_image=True, fw="secboot", sign=True,
      absent=["config-invalid"], note="SIGN_KEY/SIGN_CERT make usb, under Secure Boot"),
    # ---- other firmware ----
    S("ia32", "valid-2.1", 0, fw="ia32", findings=["slic-valid"], serial_re=[r"\(UEFI ia32\)"],
      machine={"app_version": re.compile(r".*ia32.*")}),
    S("secureboot-signed", "valid-2.1", 0, fw="secboot", sign=True, findings=["slic-valid"]),
    S("secureboot-unsigned", "valid-2.1", None, fw="secboot", sign=False, refused=True,
      timeout=40),
    # ---- booted directly with load options (issue 7): never arguments, never exit 4 ----
    S("loadopts-empty", "valid-2.1", 0, load_options=b"", findings=["slic-valid"],
      note="no load options at all"),
    S("loadopts-binary", "valid-2.1", 0, load_options=WINDOWS_OPTIONAL_DATA,
      serial_re=[IGNORED + r"\(\d+ bytes of binary data\)"],
      note="a boot manager's binary optional data from its Boot#### entry"),
    S("loadopts-linux", "body-ff", 1, load_options=ucs2("root=/dev/sda1 quiet"),
      findings=["slic-blank-ff"], predicted=F35,
      serial_re=[IGNORED + r'\(42 bytes, UCS-2 text "root=/dev/sda1 quiet"\)'],
      note="an OS's boot arguments"),
    S("loadopts-ipxe", "valid-2.1", 0, load_options=ucs2("slicscan.efi"),
      serial_re=[IGNORED + r'\(26 bytes, UCS-2 text "slicscan.efi"\)'],
      note="iPXE passes the image name: still a boot (config action poweroff), not a Shell run"),
    S("loadopts-own-options", "valid-2.1", 0, load_options=ucs2("slicscan.efi --json --no-report"),
      serial_re=[IGNORED], note="even our own options are not a command line when booted"),
    S("loadopts-exit", "unknown-subtable", 2, cfg={"action": "exit"},
      load_options=b"BOOT_IMAGE=/vmlinuz root=/dev/sda1 quiet", findings=["slic-subtable-unknown"],
      serial_re=[IGNORED + r'\(40 bytes, ASCII text "BOOT_IMAGE=/vmlinuz root=/dev/sda1 quiet"\)',
                 r"loader: SLICSCAN.EFI returned 0x2\b"],
      note="8-bit text; action = exit: the app returns its code to the loader that started it"),
    # ---- the graphical screen, read back from a screendump (check_screen) ----
    S("screen-ready", "valid-2.1", 0, screen="100x31"),
    S("screen-warnings", "unknown-subtable", 2, screen="100x31"),
    S("screen-not-ready", "body-ff", 1, screen="100x31"),
    S("screen-ready-80x25", "valid-2.1", 0, screen="80x25"),
    S("screen-warnings-80x25", "unknown-subtable", 2, screen="80x25"),
    S("screen-not-ready-80x25", "body-ff", 1, screen="80x25",
      note="the longest verdict block: what to do, the problems, the tail, on 24 rows"),
    S("screen-cannot-judge", screen="100x31", **HIDDEN_ACPI,
      note="acpi=off; the loader removes the RSDP OVMF made for its boot logo's BGRT"),
    S("screen-cannot-judge-80x25", screen="80x25", **HIDDEN_ACPI),
    # ---- zh-TW (language = zh-TW): the screen through the app's font, the serial in English ----
    S("screen-zh-TW-ready", "valid-2.1", 0, screen="100x31", lang="zh-TW"),
    S("screen-zh-TW-not-ready", "body-ff", 1, screen="100x31", lang="zh-TW"),
    S("screen-zh-TW-warnings-80x25", "unknown-subtable", 2, screen="80x25", lang="zh-TW"),
    S("lang-zh-TW", "key-no-marker", 1, lang="zh-TW",
      note="the report .txt on the stick: UTF-8 with a BOM, CRLF, zh-TW; the JSON unchanged"),
    # ---- no ACPI at all: the fourth verdict, cannot judge (exit 3) ----
    S("no-acpi", **NO_ACPI, note="machine acpi=off: no ACPI table in the EFI configuration table"),
    S("shell-no-acpi", mode="shell", args="-q", shell_pre=["dmem"],
      **dict(NO_ACPI, serial_re=NO_ACPI["serial_re"] + [
          r"ACPI Table +0{16}\n", r"ACPI 2\.0 Table +0{16}\n"]),
      note="the Shell's own dmem shows the system table without ACPI pointers, then the app "
           "runs: %lasterror% 0x3"),
]

# ---- real firmware tables (shared/corpus/linuxhw) ------------------------------------------------
#
# Each real-* scenario boots the SLIC (and the MSDM, where the dump has one) of a real machine,
# extracted by tests/qemu/real_tables.py, with NO policy file: real OEM keys are built into
# acpi/known.c. The expectation comes from the dump's row in expected.jsonl, by the corpus test's
# rules, adapted to a boot: in QEMU the RSDT/XSDT/FACP carry the SLIC's IDs, so a SLIC that is
# "ready-unverified" in a dump (no root tables there) is plainly "ready" here.

# Which finding names a failure reason (the reason tags of expected.jsonl).
REASON_FINDING = {
    "invalid-slic:short": "slic-short", "invalid-slic:blank-ff": "slic-blank-ff",
    "invalid-slic:blank-00": "slic-blank-00", "invalid-slic:no-key": "slic-no-key",
    "invalid-slic:bad-subtable-length": "slic-subtable-length",
    "invalid-slic:duplicate-subtable": "slic-subtable-duplicate",
    "invalid-slic:key": "slic-key-invalid", "no-marker": "slic-no-marker",
    "invalid-marker:length": "slic-marker-length", "invalid-marker:flag": "slic-marker-flag",
    "invalid-marker:signature": "slic-signature-invalid",
    "invalid-marker:marker-ids": "slic-marker-ids", "invalid-marker:version": "slic-marker-version"}


def real_variant(name):
    return "real:" + name[len("real-"):]


def real_scenario(c):
    """The Scenario for one real_tables.choose() entry, its expectations derived from the row."""
    row, name = c["row"], c["name"]
    findings, absent = list(c["findings"]), ["slic-absent"]
    msdm_state = row["msdm"]
    # the MSDM is read by Windows 8+ only, and an unknown key whose marker verifies is a fact:
    # neither is a warning for the default target windows7
    warn = False
    if c["msdm"] and msdm_state != "absent":
        if real_tables.trimmed(c["msdm"]["oem_id"]) != real_tables.trimmed(c["slic"]["oem_id"]):
            findings.append("msdm-slic-ids")
        else:
            absent.append("msdm-slic-ids")
    if msdm_state == "key-ok":
        findings.append("msdm-key-ok")
    kind = row["win7_kms"]
    if kind == "fail":
        exit, w7_kms, reason, cli_exit = 1, "not-ready", row["reason"], 1
        if reason in REASON_FINDING:
            findings.append(REASON_FINDING[reason])
    elif kind == "ready-unverified":
        # In QEMU the root tables exist and carry the SLIC's IDs: valid, verified, ready.
        w7_kms, reason, cli_exit = "ready", "valid-marker", 2
        findings.append("slic-valid")
        absent += ["slic-ids-unverified", "slic-ids-rsdt", "slic-ids-xsdt", "slic-ids-facp",
                   "slic-signature-invalid"]
        if row["marker_version"] == "2.0":
            findings.append("slic-marker-version-2.0")
        if c["key"] == "unknown":
            findings.append("slic-key-unknown")
            absent.append("slic-key-known")
        elif c["key"] == "known":
            findings.append("slic-key-known")
            absent += ["slic-key-unknown", "slic-key-other-oem"]
        exit = 2 if warn else 0
    else:
        return Scenario(name, None, None, setup_error=f"{c['file']}: win7_kms {kind!r} is not a "
                        "SLIC case this suite knows how to boot")
    return Scenario(name, real_variant(name), exit, findings=findings, absent=absent,
                    marker_version=row["marker_version"], msdm_state=msdm_state,
                    predicted=F35 if exit == 1 else None, cli_exit=cli_exit, policy=False,
                    w7_kms=w7_kms, w7_reason=reason, real=c,
                    note=f"{c['file']}: {c['about']}")


def real_scenarios():
    try:
        return [real_scenario(c) for c in real_tables.choose()]
    except (OSError, ValueError) as e:  # corpus missing or a rule broke: a failure, not a skip
        return [Scenario("real-tables", None, None, setup_error=f"real tables: {e}")]


SCENARIOS += real_scenarios()


# ---- helpers ----------------------------------------------------------------------------------

def clean(text):
    return ANSI.sub("", text).replace("\r", "")


def run(argv, **kw):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


class Failure(Exception):
    pass


def make_usb_image(sc, wd):
    """The image `make usb` builds (scripts/mkusb), signed with the snakeoil key if asked."""
    img = os.path.join(wd, "stick.img")
    env = dict(os.environ, BUILD=os.path.join(wd, "build"))
    os.makedirs(os.path.join(wd, "build"))
    for arch in ("efi-x86_64", "efi-ia32", "bios"):  # mkusb takes the apps from $BUILD
        os.symlink(os.path.join(BUILD, arch), os.path.join(wd, "build", arch))
    if sc.sign:
        env.update(SIGN_KEY=os.path.join(OVMF, "PkKek-1-snakeoil.key"),
                   SIGN_CERT=os.path.join(OVMF, "PkKek-1-snakeoil.pem"), SIGN_PASS="snakeoil")
    r = run([os.path.join(ROOT, "scripts", "mkusb"), img], env=env)
    if r.returncode != 0:
        raise Failure(f"mkusb failed: {r.stdout.strip()[-300:]}")
    errs = mkusb_says(r.stdout, img)
    if errs:
        raise Failure("; ".join(errs))
    return img


def mkusb_says(out, img):
    """What `make usb` prints must be true (issue 7, docs that disagree with behaviour): the
    image's real size, which dd writes (not du's size of the sparse file: it printed 528K for
    48 MiB), and an mdir line that, run as printed, lists the stick (the FAT partition starts
    at 1 MiB, after the MBR: `mdir -i IMG ::` alone fails with "non DOS media")."""
    errs = []
    mib = os.path.getsize(img) // 1048576
    if f"{img} ({mib} MiB)" not in out:
        errs.append(f"mkusb does not print the image's real size ({mib} MiB): {out.strip()[-300:]}")
    m = re.search(r"mdir -i (\S+) ::", out)
    if not m:
        errs.append(f"mkusb prints no mdir line to look inside the image: {out.strip()[-300:]}")
    else:
        r = subprocess.run(["mdir", "-i", m.group(1), "::"], capture_output=True, text=True)
        if r.returncode != 0 or not re.search(r"^EFI +<DIR>", r.stdout, re.M) or \
                not re.search(r"^README +txt", r.stdout, re.M | re.I):
            errs.append(f"mkusb's mdir line does not list the stick: {(r.stdout + r.stderr).strip()[-300:]}")
    return errs


def make_stick(sc, wd, manifest):
    """Build the scenario's stick image; returns its path."""
    if sc.usb_image:
        return make_usb_image(sc, wd)
    img = os.path.join(wd, "stick.img")
    files = os.path.join(wd, "files")
    os.makedirs(files, exist_ok=True)
    cfg = os.path.join(files, "slicscan.cfg")
    with open(cfg, "w") as f:
        f.write(f"# scenario {sc.name}\n")
        for k, v in sc.cfg.items():
            f.write(f"{k} = {v}\n")
    argv = [os.path.join(ROOT, "scripts", "mkesp"), "-o", img]
    if sc.mbr:
        argv += ["--mbr", "--size", "48"]
    pol = os.path.join(files, "policy.txt")
    with open(manifest["policy"]) as src, open(pol, "w") as dst:
        text = src.read()
        if sc.policy_text:  # keep the key line, replace the other directives
            text = "".join(l for l in text.splitlines(True) if l.startswith("oem-key"))
            text += sc.policy_text
        dst.write(text)
    if sc.policy or sc.policy_at != "/slicscan/policy.txt":  # the latter named by --policy
        argv += ["--add", f"{pol}:{sc.policy_at}"]
    app = APP["ia32" if sc.fw == "ia32" else "x64"]
    if sc.sign is not None:
        app = signed_app(app, sc.sign, wd)
    if sc.load_options is not None or sc.hide_acpi:
        # The loader boots as BOOTX64.EFI and starts the app next to it with these bytes;
        # NOACPI.TXT makes it remove the ACPI entries of the configuration table first.
        argv += ["--bootx64", LOADER, "--cfg", cfg, "--add", f"{app}:/EFI/BOOT/SLICSCAN.EFI"]
        if sc.load_options is not None:
            opts = os.path.join(files, "loadopts.bin")
            with open(opts, "wb") as f:
                f.write(sc.load_options)
            argv += ["--add", f"{opts}:/EFI/BOOT/LOADOPTS.BIN"]
        if sc.hide_acpi:
            flag = os.path.join(files, "noacpi.txt")
            with open(flag, "w") as f:
                f.write("test loader: remove the ACPI configuration table entries\n")
            argv += ["--add", f"{flag}:/EFI/BOOT/NOACPI.TXT"]
    elif sc.mode == "shell":
        nsh = os.path.join(files, "startup.nsh")
        with open(nsh, "w") as f:
            f.write("fs0:\ncd \\\n" + "".join(c + "\n" for c in sc.shell_pre)
                    + f"slicscan.efi {sc.args}\necho %lasterror% >a fs0:\\rc.txt\nreset -s\n")
        # No \EFI\BOOT\BOOTX64.EFI, so OVMF falls through to its built-in Shell. The config
        # goes to the fallback place \slicscan\slicscan.cfg (nothing next to the app).
        argv += ["--add", f"{app}:/slicscan.efi", "--startup", nsh,
                 "--add", f"{cfg}:/slicscan/slicscan.cfg"]
    else:
        argv += ["--bootia32" if sc.fw == "ia32" else "--bootx64", app, "--cfg", cfg]
    if sc.pre_summary:
        p = os.path.join(files, "summary.csv")
        with open(p, "wb") as f:
            f.write(PRE_SUMMARY)
        argv += ["--add", f"{p}:/slicscan/summary.csv"]
    for i, (content_name, dest) in enumerate(sc.pre_files):
        p = os.path.join(files, f"pre{i}-{content_name}")
        with open(p, "w") as f:
            f.write("an older report with this name: must not be overwritten\n")
        argv += ["--add", f"{p}:{dest}"]
    r = run(argv)
    if r.returncode != 0:
        raise Failure(f"mkesp failed: {r.stdout.strip()}")
    if sc.free_bytes is not None:
        fill_stick(img, sc.free_bytes, files)
    return img


def stick_free(img):
    """Free bytes on a bare FAT image, as mtools' mdir counts them."""
    r = subprocess.run(["mdir", "-i", img, "::"], capture_output=True, text=True,
                       env=dict(os.environ, MTOOLS_SKIP_CHECK="1"))
    m = re.search(r"([\d ]+) bytes free", r.stdout)
    if r.returncode != 0 or not m:
        raise Failure(f"mdir could not read {img}: {r.stdout.strip()} {r.stderr.strip()}")
    return int(m.group(1).replace(" ", ""))


def fill_stick(img, leave, files):
    """A stick with only `leave` bytes free: one filler file takes the rest."""
    filler = os.path.join(files, "filler.bin")
    with open(filler, "wb") as f:
        f.truncate(stick_free(img) - leave)
    r = subprocess.run(["mcopy", "-i", img, filler, "::/filler.bin"], capture_output=True,
                       text=True, env=dict(os.environ, MTOOLS_SKIP_CHECK="1"))
    free = stick_free(img)
    if r.returncode != 0 or not leave - 2048 <= free <= leave:
        raise Failure(f"could not fill the stick to {leave} bytes free (now {free}): "
                      f"{r.stderr.strip()}")


_sign_lock = threading.Lock()


def signed_app(app, sign, wd):
    if not sign:
        return app
    out = os.path.join(BUILD, "qemu", "signed", os.path.basename(os.path.dirname(app)) + ".efi")
    with _sign_lock:
        if not os.path.exists(out) or os.path.getmtime(out) < os.path.getmtime(app):
            r = run([os.path.join(ROOT, "scripts", "sign-efi"), "--key",
                     os.path.join(OVMF, "PkKek-1-snakeoil.key"), "--cert",
                     os.path.join(OVMF, "PkKek-1-snakeoil.pem"), "--pass", "snakeoil", app, out])
            if r.returncode != 0:
                raise Failure(f"signing failed: {r.stdout.strip()}")
    return out


def boot(sc, wd, img, manifest):
    argv = [os.path.join(ROOT, "scripts", "qemu-boot"), "--disk", img, "--fw", sc.fw,
            "--ovmf-dir", OVMF, "--serial-log", os.path.join(wd, "serial.log"),
            "--result", os.path.join(wd, "result.json"), "--collect", wd,
            "--timeout", str(sc.timeout)]
    if sc.variant:
        for t in manifest["variants"][sc.variant]["tables"]:
            argv += ["--acpitable", t["qemu"]]
    for s in sc.smbios:
        argv += ["--smbios", s]
    if not sc.acpi:
        argv += ["--no-acpi"]
    if sc.rtc:
        argv += ["--rtc", sc.rtc]
    if sc.readonly:
        argv += ["--readonly"]
    if sc.mode == "shell":
        argv += ["--skip-shell-countdown"]
    if sc.usb_image or sc.screen:
        # Its config waits for a key after writing the report: stop at that prompt.
        argv += ["--stop-on", r"Press any key.*\n"]
    if sc.screen:
        argv += ["--screendump", os.path.join(wd, "screen.ppm")]
    if sc.refused:
        # Positive evidence of the refusal, not a timeout: OVMF's boot manager says so.
        argv += ["--stop-on", r"BdsDxe: failed to (load|start) Boot\S+ .*(Access Denied|Security Violation)"]
    r = run(argv)
    with open(os.path.join(wd, "qemu-boot.out"), "w") as f:
        f.write(r.stdout)
    with open(os.path.join(wd, "result.json")) as f:
        res = json.load(f)
    with open(os.path.join(wd, "serial.log"), "rb") as f:
        serial = clean(f.read().decode("utf-8", "replace"))
    if sc.report_dir != "/slicscan/reports":  # qemu-boot collected the default folder only
        rep = os.path.join(wd, "reports")
        shutil.rmtree(rep, ignore_errors=True)
        subprocess.run(["mcopy", "-s", "-n", "-i", img, "::" + sc.report_dir, rep],
                       env=dict(os.environ, MTOOLS_SKIP_CHECK="1"),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.makedirs(rep, exist_ok=True)
    return res, serial


# A summary.csv as an earlier round left it: the header and one machine (RFC 4180, CRLF).
PRE_SUMMARY = ('"firmware_time","system_serial","system_manufacturer","system_product","bios_version",'
               '"bios_date","verdict","exit_code","windows7_kms","windows7_reason","predicted_error",'
               '"marker_version","slic_oem_id","slic_oem_table_id","msdm_state","oem_license_evidence",'
               '"problems","report","source","app_version"\r\n'
               '"2026-11-30T10:00:00","OLD-0001","Contoso","Old PC","1.0","01/01/2010","not-ready","1",'
               '"not-ready","no-marker","0xC004F035","","OLDOEM","OLDTABLE","absent","no",'
               '"slic-no-marker","\\slicscan\\reports\\OLD-0001.txt","firmware","slicscan 1.0.0"\r\n'
               ).encode("ascii")


def csv_text(v):
    """A value as the summary CSV holds it: a would-be spreadsheet formula gets a leading '."""
    return "'" + v if v[:1] in ("=", "+", "-", "@") else v


def check_summary(sc, wd, rep, base, errs):
    """\\slicscan\\summary.csv: the header, the lines already there unchanged, and one new line
    that says what this machine's JSON report says and names its report file."""
    path = os.path.join(wd, "summary.csv")
    if sc.cfg.get("summary") == "none" or sc.no_summary:
        if os.path.exists(path):
            errs.append("summary.csv written although summary = none or the stick is full")
        return
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        errs.append("no \\slicscan\\summary.csv on the stick")
        return
    old = PRE_SUMMARY if sc.pre_summary else b""
    if not data.startswith(old) or not data.endswith(b"\r\n"):
        errs.append("summary.csv: the earlier lines were changed or the last line is cut")
        return
    rows = list(csv.reader(data.decode("ascii", "replace").splitlines()))
    want_rows = 3 if sc.pre_summary else 2
    if len(rows) != want_rows or rows[0][:2] != ["firmware_time", "system_serial"]:
        errs.append(f"summary.csv has {len(rows)} line(s), expected {want_rows} (header first)")
        return
    row = dict(zip(rows[0], rows[-1]))
    got = (row.get("verdict"), row.get("exit_code"), row.get("windows7_kms"),
           row.get("marker_version"), row.get("msdm_state"), row.get("system_serial"))
    want = (rep.get("verdict"), str(rep.get("exit_code")), rep.get("windows7_kms"),
            (rep.get("slic") or {}).get("marker_version") or "", (rep.get("msdm") or {}).get("state"),
            csv_text((rep.get("machine") or {}).get("system_serial", "")))
    if got != want:
        errs.append(f"summary.csv line {got} but the report says {want}")
    if not row.get("report", "").lower().endswith(f"\\{base.lower()}.txt"):
        errs.append(f"summary.csv names report {row.get('report')!r}, not {base}.txt")


def reports_of(wd):
    rep = os.path.join(wd, "reports")
    return sorted(os.listdir(rep)) if os.path.isdir(rep) else []


def check_report(sc, wd, errs):
    """The report pair on the stick: returns the parsed JSON or None."""
    files = reports_of(wd)
    pre = {os.path.basename(d) for _, d in sc.pre_files}
    new = [f for f in files if f not in pre]
    bases = sorted({os.path.splitext(f)[0] for f in new})
    if len(bases) != 1:
        errs.append(f"expected one new report (NAME.txt + NAME.json), stick has {files}")
        return None
    base = bases[0]
    for ext in (".txt", ".json"):
        if base + ext not in new:
            errs.append(f"report {base}{ext} missing (stick has {files})")
    name = sc.report_name
    if isinstance(name, str) and base.lower() != name.lower():
        errs.append(f"report name {base!r}, expected {name!r}")
    elif hasattr(name, "fullmatch") and not name.fullmatch(base):
        errs.append(f"report name {base!r} does not match {name.pattern}")
    for p in sc.pre_files:
        with open(os.path.join(wd, "reports", os.path.basename(p[1]))) as f:
            if "must not be overwritten" not in f.read():
                errs.append(f"existing report {p[1]} was overwritten")
    try:
        with open(os.path.join(wd, "reports", base + ".json")) as f:
            rep = json.load(f)
    except (OSError, ValueError) as e:
        errs.append(f"report {base}.json unreadable: {e}")
        return None
    check_summary(sc, wd, rep, base, errs)
    try:
        with open(os.path.join(wd, "reports", base + ".txt"), errors="replace") as f:
            txt = f.read()
        if sc.verdict and not sc.lang and not re.search(BANNER[sc.verdict], txt):
            errs.append(f"{base}.txt lacks the banner {BANNER[sc.verdict]!r}")
    except OSError:
        pass
    return rep


def check_json(sc, rep, errs, where="report"):
    if rep.get("exit_code") != sc.exit:
        errs.append(f"{where} exit_code {rep.get('exit_code')}, expected {sc.exit}")
    if sc.verdict and rep.get("verdict") != sc.verdict:
        errs.append(f"{where} verdict {rep.get('verdict')!r}, expected {sc.verdict!r}")
    ids = [f.get("id") for f in rep.get("findings", [])]
    for fid in sc.findings:
        if fid not in ids:
            errs.append(f"{where} lacks finding {fid} (has {ids})")
    for fid in sc.absent:
        if fid in ids:
            errs.append(f"{where} has finding {fid}, which it should not")
    slic = rep.get("slic") or {}
    if sc.marker_version is not UNSET and slic.get("marker_version") != sc.marker_version:
        errs.append(f"{where} slic.marker_version {slic.get('marker_version')!r}, "
                    f"expected {sc.marker_version!r}")
    if sc.w7_kms is not None and rep.get("windows7_kms") != sc.w7_kms:
        errs.append(f"{where} windows7_kms {rep.get('windows7_kms')!r}, expected {sc.w7_kms!r}")
    if sc.w7_reason is not None and rep.get("windows7_reason") != sc.w7_reason:
        errs.append(f"{where} windows7_reason {rep.get('windows7_reason')!r}, "
                    f"expected {sc.w7_reason!r}")
    if sc.real is not None and slic.get("present") is not True:
        errs.append(f"{where} slic.present {slic.get('present')!r}: the real SLIC was not seen")
    msdm = rep.get("msdm") or {}
    if sc.msdm_state is not None and msdm.get("state") != sc.msdm_state:
        errs.append(f"{where} msdm.state {msdm.get('state')!r}, expected {sc.msdm_state!r}")
    if sc.exit == 1 and sc.predicted and rep.get("predicted_error") != sc.predicted:
        errs.append(f"{where} predicted_error {rep.get('predicted_error')!r}, expected {sc.predicted!r}")
    if sc.exit in (0, 2, 3) and rep.get("predicted_error") is not None:
        errs.append(f"{where} predicted_error {rep.get('predicted_error')!r} for a machine "
                    "that is ready or cannot be judged")
    for path, want in sc.report_eq.items():
        got = rep
        for k in path.split("."):
            got = got.get(k) if isinstance(got, dict) else None
        if got != want:
            errs.append(f"{where} {path} {got!r}, expected {want!r}")
    if "machine" not in rep:
        errs.append(f"{where} has no \"machine\" object")
    for k, v in sc.machine.items():
        got = (rep.get("machine") or {}).get(k)
        if not (v.fullmatch(str(got)) if hasattr(v, "fullmatch") else got == v):
            errs.append(f"{where} machine.{k} {got!r}, expected {v!r}")
    key = json.dumps(rep)
    if "NBCDF-GHJKM-PQRTV-WXY23" in key and sc.cfg.get("show_key") != "yes":
        errs.append(f"{where} shows the MSDM key in full without show_key")


def check_key_masked(sc, wd, manifest, errs):
    """A real MSDM key must appear masked (XXXXX-XXXXX-XXXXX-XXXXX-LAST5) in the report and
    nowhere in full: not in the serial log, the report files or the CLI's output. Diagnostics
    name the key only in its masked form."""
    key = manifest["variants"][sc.variant].get("msdm_key")
    if not key or sc.cfg.get("show_key") == "yes":
        return
    masked = real_tables.mask(key).encode("ascii")
    secrets = {key, key[:23], key.replace(b"-", b"")}  # the full key, its masked part, no dashes
    files = [os.path.join(wd, "serial.log"), os.path.join(wd, "cli.json")]
    files += [os.path.join(wd, "reports", f) for f in reports_of(wd)]
    for p in files:
        try:
            with open(p, "rb") as f:
                data = f.read()
        except OSError:
            continue
        views = [data]
        if p.endswith("serial.log"):  # also as a screen reads, without escapes and line breaks
            views.append(clean(data.decode("utf-8", "replace")).encode("utf-8", "replace"))
        if any(s in v for s in secrets for v in views):
            errs.append(f"{os.path.relpath(p, wd)} shows the MSDM key {masked.decode()} unmasked")
    for n in [f for f in reports_of(wd) if f.endswith((".txt", ".json"))]:
        with open(os.path.join(wd, "reports", n), "rb") as f:
            if masked not in f.read():
                errs.append(f"report {n} lacks the masked key {masked.decode()}")
    with open(os.path.join(wd, "serial.log"), "rb") as f:
        if masked.decode() not in clean(f.read().decode("utf-8", "replace")):
            errs.append(f"the screen (serial.log) lacks the masked key {masked.decode()}")


def cross_check(sc, rep, manifest, wd, errs):
    """Same bytes through the Linux CLI: same structural findings, versions and states."""
    if sc.cli_exit is None or not os.path.exists(CLI):
        return
    argv = [CLI, "--json"]
    if sc.policy or sc.policy_at != "/slicscan/policy.txt":
        argv += ["--policy", os.path.join(wd, "files", "policy.txt")]
    if sc.cfg.get("target"):
        argv += ["--target", sc.cfg["target"]]
    argv.append(manifest["variants"][sc.variant]["acpidump"])
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with open(os.path.join(wd, "cli.json"), "w") as f:
        f.write(r.stdout)
    if r.returncode != sc.cli_exit:
        errs.append(f"CLI exit {r.returncode}, expected {sc.cli_exit} ({r.stderr.strip()[:200]})")
    try:
        cli = json.loads(r.stdout)
    except ValueError:
        errs.append("CLI --json output is not JSON")
        return

    def comparable(d):
        return sorted({f["id"] for f in d.get("findings", []) if f.get("severity") != "info"
                       and f["id"] not in NOT_CROSS_CHECKED})

    a, c = comparable(rep), comparable(cli)
    if a != c:
        errs.append(f"findings differ: app {a}, CLI {c}")
    for path in (("slic", "present"), ("slic", "marker_version"), ("msdm", "present"),
                 ("msdm", "state")):
        va = (rep.get(path[0]) or {}).get(path[1])
        vc = (cli.get(path[0]) or {}).get(path[1])
        if va != vc:
            errs.append(f"{'.'.join(path)}: app {va!r}, CLI {vc!r}")


def run_scenario(sc, manifest):
    wd = os.path.join(RUNS, sc.name)
    shutil.rmtree(wd, ignore_errors=True)
    os.makedirs(wd)
    t0 = time.monotonic()
    errs = []
    try:
        if sc.setup_error:
            raise Failure(sc.setup_error)
        img = make_stick(sc, wd, manifest)
        res, serial = boot(sc, wd, img, manifest)
        outcome, code = res["outcome"], res["app_exit_code"]
        if outcome == "timeout":
            raise Failure(f"TIMEOUT after {sc.timeout} s (serial tail: "
                          f"{serial.strip()[-160:]!r})")
        if outcome in ("qemu-error", "app-exit-out-of-range"):
            raise Failure(f"{outcome}: {res.get('qemu_stderr')} status {res['qemu_status']}")
        if sc.real is not None and res.get("qemu_stderr"):
            # QEMU only warns about a bad -acpitable header (e.g. length != file size)
            errs.append(f"QEMU complained about the real tables: {res['qemu_stderr']}")

        if sc.refused:
            if outcome != "stopped":
                errs.append(f"expected the firmware to refuse the app, got {outcome} {code}")
            if re.search(r"slicscan|VERDICT", serial, re.I):
                errs.append("the app printed something: it was not refused")
            if reports_of(wd):
                errs.append(f"reports written by a refused app: {reports_of(wd)}")
            return errs, t0, "refused" if outcome == "stopped" else outcome

        if sc.mode == "shell":
            if outcome != "poweroff":
                errs.append(f"expected the Shell script to end with reset -s, got {outcome} "
                            f"(app exit code {code}): the app must return in the Shell")
            try:
                with open(os.path.join(wd, "rc.txt"), errors="replace") as f:
                    rc = f.read().strip()
            except OSError:
                rc = None
                errs.append("no fs0:\\rc.txt: the startup.nsh did not run to its end")
            want = f"0x{sc.exit:X}"
            if rc is not None and rc.lower() != want.lower():
                errs.append(f"%lasterror% {rc!r}, expected {want!r}")
            code = int(rc, 16) if rc and re.fullmatch(r"0x[0-9a-fA-F]+", rc) else None
        elif sc.usb_image or sc.screen:
            if outcome != "stopped":
                errs.append(f"expected the app to wait for a key (action = wait), got {outcome}")
            code = None
        elif sc.cfg["action"] == "exit":  # returns to the loader, which prints it, powers off
            if outcome != "poweroff":
                errs.append(f"expected the app to return to its loader, got {outcome} {code}")
            code = sc.exit if re.search(rf"returned 0x{sc.exit:x}\b", serial) else None
        else:
            if outcome != "app-exit":
                errs.append(f"expected an exit code through isa-debug-exit, got {outcome}")
            elif code != sc.exit:
                errs.append(f"exit code {code}, expected {sc.exit}")

        if sc.verdict and not re.search(BANNER[sc.verdict], serial):
            errs.append(f"serial console lacks {BANNER[sc.verdict]!r}")
        # ... and, above the box, the verdict in letters five lines tall ('#' art)
        if sc.verdict and "--json" not in sc.args and not re.search(BIG_VERDICT, serial):
            errs.append("serial console lacks the five-line verdict letters above the banner")
        # the console word-wraps long lines at its width: a pattern may also match the text
        # with each line break and its continuation indent read as one space
        unwrapped = re.sub(r"\r?\n +", " ", serial)
        for pat in sc.serial_re:
            if not re.search(pat, serial) and not re.search(pat, unwrapped):
                errs.append(f"serial console lacks {pat!r}")
        if sc.readonly or "report-not-saved" in sc.findings:
            if reports_of(wd):
                errs.append(f"a read-only or full stick kept reports: {reports_of(wd)}")
            if os.path.exists(os.path.join(wd, "summary.csv")):
                errs.append("a read-only or full stick got a summary.csv")
            for fid in sc.findings:
                if fid not in serial:
                    errs.append(f"serial console lacks finding {fid}")
        elif sc.mode == "shell" and (sc.exit == 4 or "--no-report" in sc.args or sc.verdict == ""
                                     and "--json" not in sc.args):
            if reports_of(wd):
                errs.append(f"reports written although none was asked for: {reports_of(wd)}")
            if sc.exit == 4 and not re.search(r"usage", serial, re.I):
                errs.append("exit 4 without a usage message on the console")
        else:
            rep = check_report(sc, wd, errs)
            if rep is not None:
                check_json(sc, rep, errs)
                if sc.mode != "shell" and sc.exit is not None and code is not None \
                        and rep.get("exit_code") != code:
                    errs.append(f"debug-exit said {code}, report says {rep.get('exit_code')}")
                cross_check(sc, rep, manifest, wd, errs)
        if sc.lang:
            check_zh(sc, wd, serial, errs)
        elif sc.screen:
            if res.get("screendump_error"):
                errs.append(res["screendump_error"])
            else:
                check_screen(sc, wd, serial, errs)
        if sc.real is not None:
            check_key_masked(sc, wd, manifest, errs)
        return errs, t0, f"exit {code}" if code is not None else f"exit {sc.exit}, waits"
    except Failure as e:
        errs.append(str(e))
        return errs, t0, "error"


# ---- the graphical screen ----------------------------------------------------------------

GLYPHS = {}  # learned once per run (screen.learn) when a screen scenario is chosen
ZH_BANNER = {"ready": "判定：就緒", "ready-with-warnings": "判定：就緒（有警告）",
             "not-ready": "判定：未就緒", "error": "判定：無法判斷"}
CATALOGUES = [os.path.join(ROOT, "acpi", "messages.def"), os.path.join(ROOT, "acpi", "findings_zh.def")]


def check_zh(sc, wd, serial, errs):
    """language = zh-TW: the serial console stays English ASCII (the firmware would send the
    low byte of each CJK character); the report .txt is UTF-8 with a BOM and CRLF and says the
    zh-TW verdict; with a screen, the last screenful read back against the Unifont glyphs the
    app registered shows the zh-TW verdict, its reason and what to do."""
    if any(ord(ch) >= 0x2E80 for ch in serial) or "判定" in serial:
        errs.append("serial console: non-ASCII text (zh-TW must go to the screen only)")
    files = [f for f in reports_of(wd) if f.endswith(".txt")]
    if len(files) != 1:
        errs.append(f"expected one report .txt, stick has {reports_of(wd)}")
        return
    raw = open(os.path.join(wd, "reports", files[0]), "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        errs.append("the zh-TW report .txt has no UTF-8 BOM")
    if raw.count(b"\n") != raw.count(b"\r\n"):
        errs.append("the zh-TW report .txt has bare LF line ends")
    try:
        txt = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        errs.append(f"the zh-TW report .txt is not UTF-8: {e}")
        return
    if ZH_BANNER[sc.verdict] not in txt:
        errs.append(f"the report .txt lacks {ZH_BANNER[sc.verdict]!r}")
    if not sc.screen:
        return
    cols, rows = map(int, sc.screen.split("x"))
    ppm = os.path.join(wd, "screen.ppm")
    try:
        glyphs = dict(GLYPHS)
        glyphs.update(screen.unifont_glyphs(CATALOGUES))
        lines = screen.read(ppm, glyphs, cols, rows).lines()
    except (OSError, ValueError) as e:
        errs.append(f"screen: {e}")
        return
    with open(os.path.join(wd, "screen.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    for r, line in enumerate(lines[:-1]):
        if screen.UNKNOWN in line:
            errs.append(f"screen row {r}: a cell no glyph matches: {line!r}")
    if not any(ZH_BANNER[sc.verdict] in l for l in lines):
        errs.append(f"screen lacks the zh-TW banner {ZH_BANNER[sc.verdict]!r} (screen.txt)")
    if sum(screen.FULL_BLOCK in l for l in lines) != 5:
        errs.append("screen: the big letters are not five rows of block glyphs")
    # the deciding reason and the first thing to do, as the report says them
    why = re.search(r"^原因：(.*)$", txt, re.M)
    if why and not any(l.startswith("原因：") and why.group(1).startswith(l[3:].strip()[:10]) for l in lines):
        errs.append(f"screen: no zh-TW 原因 line matching the report's {why.group(1)[:30]!r}")
    if sc.verdict != "ready" and not any(l.startswith("處理方式：") for l in lines):
        errs.append("screen: no 處理方式 (what to do) on the last screen")
    if sc.verdict and not re.search(BANNER[sc.verdict], serial):
        errs.append("serial console lacks the English banner")
    # the tail lines from the catalogue too: zh-TW on the screen, English on the serial log
    for zh, en in (("報告已儲存：", "Report saved: "), ("摘要：已在 ", "Summary: a line added to "),
                   ("全部電腦總覽：", "Fleet page: "), ("按任意鍵返回韌體", "Press any key to return")):
        if en not in serial:
            errs.append(f"serial console lacks the English {en!r}")
        if not any(l.startswith(zh) for l in lines):
            errs.append(f"screen: no zh-TW tail line {zh!r} (screen.txt)")
    english = [l for l in lines if APP_LINES.match(l)]
    if english:
        errs.append(f"screen: English app lines left in zh-TW: {english[:3]}")


APP_LINES = re.compile(r"^(Report saved:|Summary:|Fleet page:|Press any key|Problems found|Also found|  \.\.\. and )")


def words(text):
    """Words as a reader compares them: case and surrounding punctuation aside."""
    return [w.strip("().,:;'\"").lower() for w in text.split()]


def check_screen(sc, wd, serial, errs):
    """The last screenful as a person sees it (tests/qemu/screen.py reads it back): the
    console's size, the big letters in block glyphs (the same letters as the serial log's '#'),
    the banner inside its box, colour only on the letters and the box, no word broken by the
    wrapping, and the deciding "Why:" line on the screen."""
    cols, rows = map(int, sc.screen.split("x"))
    ppm = os.path.join(wd, "screen.ppm")
    try:
        w, h, px = screen.read_ppm(ppm)
        if not screen.margins_blank(w, h, px, cols, rows):
            errs.append(f"screen: something is drawn outside a {cols}x{rows} text area")
            return
        scr = screen.read(ppm, GLYPHS, cols, rows)
    except (OSError, ValueError) as e:
        errs.append(f"screen: {e}")
        return
    lines = scr.lines()
    with open(os.path.join(wd, "screen.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    for r, line in enumerate(lines[:-1]):  # the last row holds the cursor
        if screen.UNKNOWN in line:
            errs.append(f"screen row {r}: a cell no glyph matches: {line!r}")
    # the big letters: five rows of block glyphs, the serial log's '#' rows
    big = [r for r, l in enumerate(lines) if screen.FULL_BLOCK in l]
    art = re.findall(r"((?:\n  [# ]*#[# ]*){5})\n", serial)
    if len(big) != 5 or big != list(range(big[0], big[0] + 5)):
        errs.append(f"screen: the big letters are not five rows of block glyphs (rows {big})")
        return
    if any("#" in lines[r] for r in big):
        errs.append("screen: '#' among the big letters: not drawn with block glyphs")
    shown = [lines[r].replace(screen.FULL_BLOCK, "#") for r in big]
    if not art or shown != art[-1].strip("\n").split("\n"):
        errs.append(f"screen: the big letters differ from the serial log's: {shown}")
    # the banner inside its box
    v = [r for r, l in enumerate(lines) if re.search(BANNER[sc.verdict], l)]
    if not v:
        errs.append(f"screen lacks the banner {BANNER[sc.verdict]!r}")
        return
    top = max((r for r in range(v[0]) if lines[r].startswith("+-")), default=None)
    bottom = min((r for r in range(v[0], rows) if lines[r].startswith("+-")), default=None)
    if top is None or bottom is None or top < big[-1]:
        errs.append("screen: the banner has no box around it below the letters")
        return
    width = len(lines[top])
    for r in range(top, bottom + 1):
        edge = "+" if r in (top, bottom) else "|"
        if len(lines[r]) != width or lines[r][0] != edge or lines[r][-1] != edge:
            errs.append(f"screen row {r} is not inside the banner's box: {lines[r]!r}")
    # colour: exactly the letters' blocks and the box's cells
    for r in range(rows):
        for c, cell in enumerate(scr.cells[r]):
            if r in big:
                want = cell.ch == screen.FULL_BLOCK
            elif top <= r <= bottom:
                want = c < width
            else:
                want = False
            if cell.coloured() != want:
                errs.append(f"screen row {r} column {c} ({cell.ch!r}, {cell.fg}/{cell.bg}) is "
                            f"{'' if cell.coloured() else 'not '}coloured")
                break
    # what decides the verdict: the Why line of the report, on the last screen
    base = sorted({os.path.splitext(f)[0] for f in reports_of(wd)})
    try:
        with open(os.path.join(wd, "reports", base[-1] + ".txt"), errors="replace") as f:
            report = f.read()
    except (OSError, IndexError):
        errs.append("screen: no report to compare the screen with")
        return
    why = re.search(r"^Why: (.*)$", report, re.M)
    shown_why = [r for r in range(bottom, rows) if lines[r].startswith("Why: ")]
    if why and not shown_why:
        errs.append("screen: the deciding \"Why:\" line is not on the last screen")
    elif why:
        got = words(lines[shown_why[0]])
        if got != words("Why: " + why.group(1))[:len(got)]:
            errs.append(f"screen: the Why line {lines[shown_why[0]]!r} is not the report's")
    # ... and what to do about it: the report's list, line for line, below the box
    todo = re.search(r"^What to do:\n((?:  .*\n)+)", report, re.M)
    if todo:
        want = ["What to do:"] + todo.group(1).rstrip("\n").split("\n")
        at = [r for r in range(bottom, rows) if lines[r] == "What to do:"]
        if not at:
            errs.append("screen: \"What to do:\" is not on the last screen")
        elif lines[at[0]:at[0] + len(want)] != want:
            errs.append(f"screen: what to do differs from the report's: "
                        f"{lines[at[0]:at[0] + len(want)]} != {want}")
    # wrapping: every word on the screen is a word of the report (or of the app's own lines)
    vocab = set(words(report)) | set(words(
        "warning error fatal Report saved and .json Summary a line added to NO Press any key to "
        "return to the firmware automatically in s Problems Also found listed in the report's findings "
        "... and more")) | {f"\\slicscan\\reports\\{b}.txt".lower() for b in base}
    for r, line in enumerate(lines):
        if r in big or APP_LINES.match(line):
            continue
        for word in words(line):
            if word and word not in vocab and not re.fullmatch(r"\(?\d+\)?", word):
                errs.append(f"screen row {r}: {word!r} is not a word of the report "
                            f"(broken by wrapping?): {line!r}")
                break
    for r, line in enumerate(lines):
        if len(line) >= cols:
            errs.append(f"screen row {r} fills the last column (the console wraps on its own)")


def abort(msg):
    """A setup failure is a failed suite, counted as such by scripts/test."""
    print(f"run_scenarios: {msg}")
    print("0 passed, 1 failed")
    sys.exit(1)


def prepare_real(chosen, manifest):
    """Extract the chosen real scenarios' tables into build/qemu/real/NAME/ and register each as
    variant real:NAME; acpidump.txt is the same bytes after a FACP with QEMU's IDs (CLI check)."""
    choices = [s.real for s in chosen if s.real is not None]
    if not choices:
        return
    try:
        got = real_tables.prepare(REAL, choices=choices)
    except (OSError, ValueError) as e:
        abort(f"real tables: {e}")
    for name, it in got.items():
        tables = []
        for p in it["tables"]:
            with open(p, "rb") as f:
                tables.append(f.read())
        dump = os.path.join(REAL, name, "acpidump.txt")
        with open(dump, "w") as f:
            f.write(gen_tables.acpidump_text([gen_tables.qemu_like_facp(tables)] + tables))
        manifest["variants"][real_variant(name)] = {
            "description": it["file"], "acpidump": dump, "msdm_key": it["msdm_key"],
            "tables": [{"file": p, "qemu": "file=" + p} for p in it["tables"]]}


def preflight(args):
    """Firmware pinned, tables generated, apps present: fail loudly, never skip silently."""
    r = run([os.path.join(ROOT, "ovmf-images", "fetch"), "--out", OVMF])
    if r.returncode != 0:
        sys.stdout.write(r.stdout)
        abort("OVMF images missing or not the pinned ones (see above)")
    r = run([sys.executable, os.path.join(ROOT, "tests", "qemu", "gen_tables.py"), "--out", TABLES])
    if r.returncode != 0:
        sys.stdout.write(r.stdout)
        abort("gen_tables.py failed")
    with open(os.path.join(TABLES, "variants.json")) as f:
        manifest = json.load(f)
    need = list(APP.values()) + [CLI]
    if any(s.load_options is not None or s.hide_acpi for s in args.chosen):
        need.append(LOADER)
    missing = [p for p in need if not os.path.exists(p)]
    if missing:
        abort(f"missing {missing}: run make efi host (make test-qemu builds the loader too)")
    prepare_real(args.chosen, manifest)
    if any(s.screen for s in args.chosen):
        try:
            GLYPHS.update(screen.learn(ROOT, OVMF, os.path.join(BUILD, "qemu")))
        except (OSError, ValueError) as e:
            abort(f"learning OVMF's glyphs: {e}")
    return manifest


def run_all(suite, chosen, run_one, jobs, runs, name_w, what_w, passed_line):
    """Run run_one(scenario) -> (errors, start time, what happened) for every chosen scenario on
    `jobs` threads and print a line for each as it ends: passed_line(sc, what, secs), or FAIL
    with the name in name_w columns, what happened in what_w (None: left out), the time, every
    error and where the logs are. Then the suite's totals as "N passed, N failed". Returns the
    exit status: 1 if anything failed. Shared by this suite and tests/qemu/run_bios.py."""
    t0 = time.monotonic()
    passed = failed = 0
    lock = threading.Lock()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futs = {pool.submit(run_one, s): s for s in chosen}
        for fut in concurrent.futures.as_completed(futs):
            sc = futs[fut]
            try:
                errs, ts, what = fut.result()
            except Exception as e:  # a bug in the suite is a failure, not a crash
                errs, ts, what = [f"suite error: {e!r}"], time.monotonic(), "error"
            secs = time.monotonic() - ts
            with lock:
                if errs:
                    failed += 1
                    mid = f" {what:{what_w}}" if what_w else ""
                    pad = f" {'':{what_w}}" if what_w else ""
                    print(f"FAIL {sc.name:{name_w}}{mid} {secs:5.1f}s  {errs[0]}")
                    for e in errs[1:]:
                        print(f"     {'':{name_w}}{pad} {'':6} {e}")
                    print(f"     {'':{name_w}} logs: "
                          f"{os.path.relpath(os.path.join(runs, sc.name), ROOT)}/")
                else:
                    passed += 1
                    print(passed_line(sc, what, secs))
                sys.stdout.flush()
    print(f"{suite} suite: {len(chosen)} scenarios in {time.monotonic() - t0:.0f} s "
          f"with -j{jobs}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("-k", metavar="PATTERN", help="only scenarios whose name matches (regex)")
    ap.add_argument("--list", action="store_true", help="print the scenario table and exit")
    args = ap.parse_args()
    chosen = [s for s in SCENARIOS if not args.k or re.search(args.k, s.name)]
    if args.list:
        for s in chosen:
            print(f"{s.name:22} {s.variant or '-':20} exit {s.exit if s.exit is not None else '-':<2}"
                  f" {s.verdict or ('refused' if s.refused else '-'):20} {','.join(s.findings)}")
        return 0
    args.chosen = chosen
    manifest = preflight(args)

    def passed_line(sc, what, secs):
        # a real-* row names the machine whose tables it booted
        return f"PASS {sc.name:22} {what:10} {secs:5.1f}s" + (f"  {sc.note}" if sc.real else "")

    return run_all("qemu", chosen, lambda sc: run_scenario(sc, manifest), args.jobs, RUNS,
                   22, 10, passed_line)


if __name__ == "__main__":
    sys.exit(main())
