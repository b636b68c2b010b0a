#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The legacy-BIOS suite: boot the stick `make usb` built on QEMU's pc machine with SeaBIOS, as a
USB stick (EHCI) and as an IDE disk, against injected SLIC/MSDM tables, and check it.

Every scenario boots a copy of build/slicscan-usb.img, the very image `make usb` wrote; the
only changes a scenario may make are the config words on the kernel command line in
\\syslinux\\syslinux.cfg (such as action=poweroff debug_exit=yes; the stick=... id stays) and
\\EFI\\BOOT\\slicscan.cfg. Checks, per scenario:
  - how the run ended: the exit code through isa-debug-exit, an ACPI power-off, a reset, or the
    wait for a key, the key pressed through QEMU's monitor and INT 18h (the next boot device);
    a timeout always fails;
  - the serial console: the banner, the big letters, findings by id, the Windows 7 line, the
    machine facts (SMBIOS serial, "legacy BIOS", SYSLINUX);
  - the same table bytes through the Linux command (build/host/slicscan): the same warnings and
    errors, the same Windows 7 prediction (a dump has no RSDT: "unverified" where the kernel,
    which has one, says "ready");
  - the VGA screen (the wait scenarios): the screendump decoded with the video BIOS's own font
    (tests/qemu/vgatext.py) must show what the serial line shows, the big letters as solid
    blocks in the verdict's colour, the box in its colour, nothing coloured elsewhere;
  - boot-to-verdict: when the kernel's first line and the banner reached the serial console.
  - the stick afterwards (mtools): one report pair named from the SMBIOS serial, its JSON equal
    to the screen and to the CLI's JSON, the summary.csv line, fsck.fat -n clean; where the
    report must not be saved (read-only stick, two disks with the stick's id): report-not-saved
    and every disk byte-identical; a second internal disk always byte-identical.

  python3 tests/qemu/run_bios.py [-j 2] [-k PATTERN] [--list]

Prints one line per scenario, then exactly "N passed, N failed". Work files: build/qemu/bios/NAME/.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_tables  # noqa: E402,F401  (run by preflight)
import real_tables  # noqa: E402
import run_scenarios as uefi  # noqa: E402  (real-* expectations, constants, the CLI check's rules)
import vgatext  # noqa: E402

ROOT, BUILD = uefi.ROOT, uefi.BUILD
IMAGE = os.path.join(BUILD, "slicscan-usb.img")
RUNS = os.path.join(BUILD, "qemu", "bios")
CLI = uefi.CLI
F35 = uefi.F35
EXIT_CFG = "action=poweroff debug_exit=yes"
SMBIOS = uefi.SMBIOS_ID  # type 0 and type 1 with serial CZ1234XYZ
# what the kernel prints first, and the banner: boot-to-verdict
FIRST_LINE = r"slicscan \S+ \(legacy BIOS\)"
VERDICT_LINE = r"\|  VERDICT: "
WAIT_LINE = r"Press any key to boot the next device \(automatically in \d+ s\)\.\n"
NEXT_LINE = r"Booting the next device \(INT 18h\)\."
SCREEN_COLOURS = {  # verdict: (big letters, box foreground, box background), palette indices
    "ready": (10, 15, 2), "ready-with-warnings": (14, 0, 6), "not-ready": (12, 15, 4),
    "error": (13, 15, 5)}


class B:
    """One BIOS boot. Expectations left at None are not checked."""

    def __init__(self, name, variant, exit, findings=(), absent=(), disk="usb-ehci", cfg=EXIT_CFG,
                 end="app-exit", screen=False, serial=True, smbios=SMBIOS, machine="pc", rtc=None,
                 serial_re=(), cli_exit=None, w7=None, w7_reason=None, qemu_args=(), real=None,
                 setup_error=None, note="", timeout=60, stick_cfg=None, readonly=False,
                 extra_disk=None, then_uefi=False, report=True, not_saved_re=None, full=False,
                 stick_id=None, pre=False, lang=None, fleet=0):
        self.name, self.variant, self.exit = name, variant, exit
        self.verdict = uefi.VERDICT_OF_EXIT.get(exit)
        self.findings, self.absent = list(findings), list(absent)
        self.disk, self.cfg, self.end = disk, cfg, end
        self.screen, self.serial, self.smbios = screen, serial, list(smbios)
        self.machine, self.rtc, self.serial_re = machine, rtc, list(serial_re)
        self.cli_exit, self.w7, self.w7_reason = cli_exit, w7, w7_reason
        self.qemu_args, self.real, self.setup_error = list(qemu_args), real, setup_error
        self.note, self.timeout = note, timeout
        # stick_cfg: text written to \EFI\BOOT\slicscan.cfg; extra_disk: "random" (a second
        # IDE disk of random bytes) or "twin" (a copy of the stick: two disks carry its id);
        # report: the kernel must write the report pair (False: report-not-saved, nothing
        # written, not_saved_re on the screen); then_uefi: then boot the same stick with OVMF
        self.stick_cfg, self.readonly, self.extra_disk = stick_cfg, readonly, extra_disk
        self.then_uefi, self.report, self.not_saved_re = then_uefi, report, not_saved_re
        # full: a file fills every free byte of the stick first (True), or all but N clusters
        self.full = full
        self.stick_id = stick_id  # None: the image's stick=... word; "": none; else this one
        # pre: an earlier round's summary.csv and a CZ1234XYZ.txt already on the stick
        self.pre = pre
        # lang: language=... on the command line: VGA text mode has no CJK glyphs, so the
        # screen stays English (check_screen as usual) while the report .txt is in lang
        self.lang = lang
        # fleet: that many earlier reports (OLD-NNNN.json) already in \\slicscan\\reports, for the
        # fleet page
        self.fleet = fleet


WAIT = None  # cfg: the image's own syslinux.cfg, untouched (default config: wait 60 s)

SCENARIOS = [
    # ---- the verdict classes, as a USB stick and as an IDE disk; built-in policy (the image
    # ---- has no policy file): the test key is unknown, a fact
    B("valid-usb", "valid-2.1", 0, findings=["slic-valid", "slic-key-unknown"],
      absent=["slic-ids-rsdt"], cli_exit=2, w7="ready", w7_reason="valid-marker"),
    B("valid-ide", "valid-2.1", 0, disk="ide", findings=["slic-valid"], cli_exit=2, w7="ready"),
    B("blank-ff-usb", "body-ff", 1, findings=["slic-blank-ff"], cli_exit=1, w7="not-ready",
      w7_reason="invalid-slic:blank-ff", serial_re=[F35]),
    B("blank-00-ide", "body-00", 1, disk="ide", findings=["slic-blank-00"], cli_exit=1,
      w7="not-ready"),
    B("no-slic-usb", "none", 0, findings=["slic-absent", "msdm-absent"], cli_exit=0, w7="ready",
      w7_reason="no-slic"),
    B("no-marker-ide", "key-no-marker", 1, disk="ide", findings=["slic-no-marker"], cli_exit=1),
    B("sig-flipped-usb", "sig-flipped", 1, findings=["slic-signature-invalid"], cli_exit=1),
    B("subtable-warning-ide", "unknown-subtable", 2, disk="ide",
      findings=["slic-subtable-unknown"], cli_exit=2),
    B("msdm-usb", "sample", 0, findings=["slic-valid", "msdm-key-ok"], cli_exit=2,
      serial_re=[r"Product key\s+: XXXXX-XXXXX-XXXXX-XXXXX-46789"],
      note="a SLIC and an MSDM with a fake key: masked on screen"),
    # ---- the screen a person sees (VGA text), the wait for a key, INT 18h ----
    B("screen-ready", "valid-2.1", 0, cfg="timeout=120", end="wait", screen=True,
      findings=["slic-valid"], cli_exit=2),
    B("screen-not-ready", "body-ff", 1, cfg="timeout=120", end="wait", screen=True, disk="ide",
      findings=["slic-blank-ff"], cli_exit=1),
    B("screen-warnings", "unknown-subtable", 2, cfg="timeout=120", end="wait", screen=True,
      findings=["slic-subtable-unknown"], cli_exit=2),
    B("screen-cannot-judge", None, 3, cfg="timeout=120", end="wait", screen=True, disk="ide",
      machine="pc,acpi=off", findings=["no-root-tables"],
      note="no ACPI at all (acpi=off): no RSDP anywhere, the fourth verdict"),
    B("usb-image", "none", 0, cfg=WAIT, end="wait", screen=True, findings=["slic-absent"],
      absent=["config-invalid"], serial_re=[r"automatically in 60 s"],
      note="the image exactly as make usb built it: default config, wait 60 s, a key"),
    # ---- the stick: slicscan.cfg read from it, reports written to it and only to it ----
    B("cfg-poweroff", "valid-2.1", 0, cfg="", stick_cfg="action = poweroff\ndebug_exit = yes\n",
      findings=["slic-valid"], cli_exit=2, then_uefi=True,
      note="slicscan.cfg on the stick says poweroff; then OVMF boots the same stick: two reports"),
    B("cfg-wait", "none", 0, cfg="", stick_cfg="action = wait\ntimeout = 2\n", end="timeout",
      serial_re=[r"automatically in 2 s"], absent=["config-invalid"],
      note="slicscan.cfg on the stick says wait 2 s"),
    B("cfg-override", "none", 2, stick_cfg="action = wait\ntimeout = 300\nbogus = 1\n",
      findings=["config-invalid"], serial_re=[r'slicscan\.cfg line 3: unknown key "bogus"'],
      note="command-line words override slicscan.cfg (action=poweroff over action = wait)"),
    B("policy-missing", "none", 2, stick_cfg="policy = \\slicscan\\nope.txt\n",
      findings=["policy-invalid"], serial_re=[r"policy file \\slicscan\\nope\.txt: not found"]),
    B("write-protected", "valid-2.1", 2, readonly=True, report=False,
      findings=["slic-valid", "report-not-saved"],
      not_saved_re=r"report not saved in \\slicscan\\reports: the stick refused a write\s+\(INT\s+13h\s+status\s+0x0c\):\s+is\s+it\s+write-protected\s+\(a\s+lock\s+switch\)\?",
      note="the stick read-only (usb-storage readonly=on): verdict shown, report-not-saved"),
    B("full-stick", "valid-2.1", 2, full=True, report=False,
      findings=["slic-valid", "report-not-saved"],
      not_saved_re=r"report not saved in \\slicscan\\reports: the stick is full",
      note="no free cluster left: verdict shown, report-not-saved, the stick unchanged"),
    B("fleet-300", "valid-2.1", 0, fleet=300, findings=["slic-valid"], timeout=150,
      note="300 earlier reports on the stick: the fleet page lists 301 machines, as --fleet"),
    B("earlier-round", "valid-2.1", 0, pre=True, findings=["slic-valid"],
      note="summary.csv and CZ1234XYZ.txt from an earlier round: a line appended, CZ1234XYZ-2"),
        B("json-no-room", "valid-2.1", 2, full=6, report=False,
      findings=["slic-valid", "report-not-saved"],
      not_saved_re=r"report not saved in \\slicscan\\reports: the stick is full",
      note="room for NAME.txt (4 KiB) but not NAME.json after it: the .txt is deleted again"),
        B("stick-id-wrong", "valid-2.1", 2, stick_id="0badc0de-00000001", report=False,
      findings=["report-not-saved"],
      not_saved_re=r"no disk carries this stick's id\s+0badc0de-00000001",
      note="syslinux.cfg names another stick's id: nothing written"),
    B("stick-id-missing", "valid-2.1", 2, stick_id="", report=False,
      findings=["report-not-saved"], not_saved_re=r"names no\s+stick=SIGNATURE-SERIAL id",
      note="syslinux.cfg from an older make usb (no stick=): nothing written"),
        B("extra-disk", "valid-2.1", 0, disk="ide", extra_disk="random", findings=["slic-valid"],
      note="a second IDE disk of random bytes stays byte-identical"),
    B("twin-disk", "valid-2.1", 2, disk="ide", extra_disk="twin", report=False,
      findings=["report-not-saved"], not_saved_re=r"2 disks carry this stick's id",
      note="a second disk with the stick's id: nothing written to either"),
    B("zh-TW-report", "body-ff", 1, cfg="timeout=120 language=zh-TW", end="wait", screen=True,
      findings=["slic-blank-ff"], lang="zh-TW",
      note="language = zh-TW: English on the VGA screen, zh-TW (UTF-8, BOM) in the report file"),
    B("wait-timeout", "none", 0, cfg="timeout=2", end="timeout",
      note="no key: after 2 s the next boot device"),
    # ---- machines that differ ----
    B("no-serial-port", "valid-2.1", 0, serial=False,
      note="-serial none: no COM1 in the BIOS data area; the kernel must not wait for it"),
    B("smbios3", "valid-2.1", 0, machine="pc,smbios-entry-point-type=64",
      serial_re=[r"System serial\s+: CZ1234XYZ"], note="SMBIOS 3.0 (_SM3_) entry point"),
    B("no-smbios-serial", "none", 0, smbios=(), serial_re=[r"System manufacturer\s+: QEMU"],
      absent=["config-invalid"]),
    B("clock-2005", "valid-2.1", 2, rtc="base=2005-01-01T00:00:00",
      findings=["clock-implausible"], serial_re=[r"Firmware clock\s+: 2005-01-01T"]),
    B("bad-config-word", "valid-2.1", 2, cfg=EXIT_CFG + " bogus=1",
      findings=["config-invalid"],
      serial_re=[r'kernel command line, word 3: unknown key "bogus"']),
    B("target-windows8", "key-no-marker", 0, cfg=EXIT_CFG + " target=windows8",
      findings=["slic-no-marker"]),
    # ---- how a run ends without the test exit ----
    B("poweroff-acpi", "none", None, cfg="action=poweroff", end="poweroff",
      note="ACPI S5: SLP_TYP from the DSDT's \\_S5, written to PM1a_CNT"),
    B("reboot", "none", None, cfg="action=reboot", end="poweroff", qemu_args=["-no-reboot"],
      serial_re=[r"Rebooting\.\n"], note="-no-reboot turns the reset into QEMU's exit"),
]


def real_bios_scenarios():
    """The UEFI suite's real-* machines (same tables, same expectations), booted by SeaBIOS,
    alternately as a USB stick and an IDE disk."""
    out = []
    for i, s in enumerate(uefi.real_scenarios()):
        if s.setup_error:
            out.append(B(s.name, None, None, setup_error=s.setup_error))
            continue
        out.append(B(s.name, s.variant, s.exit, findings=s.findings, absent=s.absent,
                     disk="usb-ehci" if i % 2 == 0 else "ide", cli_exit=s.cli_exit, w7=s.w7_kms,
                     w7_reason=s.w7_reason, real=s.real, note=s.note))
    return out


SCENARIOS += real_bios_scenarios()


# ---- running ------------------------------------------------------------------------------------

class Failure(Exception):
    pass


def run(argv, **kw):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


MT = dict(os.environ, MTOOLS_SKIP_CHECK="1")


PRE_REPORT = b"CZ1234XYZ's report from an earlier round: must not be overwritten\r\n"


def make_stick(sc, wd):
    """A copy of the make-usb image; only the kernel command line may change."""
    img = os.path.join(wd, "stick.img")
    r = run(["cp", "--sparse=always", IMAGE, img])
    if r.returncode != 0:
        raise Failure(f"copying {IMAGE}: {r.stdout.strip()}")
    spec = f"{img}@@1M"
    if sc.stick_cfg is not None:
        path = os.path.join(wd, "slicscan.cfg")
        with open(path, "w", newline="") as f:
            f.write(sc.stick_cfg.replace("\n", "\r\n"))
        r = run(["mcopy", "-o", "-i", spec, path, "::/EFI/BOOT/slicscan.cfg"], env=MT)
        if r.returncode != 0:
            raise Failure(f"mcopy slicscan.cfg: {r.stdout.strip()}")
    if sc.pre:
        for data, dest in ((uefi.PRE_SUMMARY, "::/slicscan/summary.csv"),
                           (PRE_REPORT, "::/slicscan/reports/CZ1234XYZ.txt")):
            path = os.path.join(wd, "pre.bin")
            with open(path, "wb") as f:
                f.write(data)
            r = run(["mcopy", "-o", "-i", spec, path, dest], env=MT)
            if r.returncode != 0:
                raise Failure(f"mcopy {dest}: {r.stdout.strip()}")
    if sc.fleet:
        seed = os.path.join(wd, "seed")
        os.makedirs(seed)
        verdicts = ("ready", "ready-with-warnings", "not-ready")
        for i in range(sc.fleet):
            rep = {"tool": "slicscan", "verdict": verdicts[i % 3], "exit_code": i % 3,
                   "machine": {"system_manufacturer": "Contoso", "system_product": f"Model {i % 7}",
                               "bios_version": f"A{i % 5:02d}", "system_serial": f"OLD{i:04d}"}}
            with open(os.path.join(seed, f"OLD-{i:04d}.json"), "w") as f:
                json.dump(rep, f)
        run(["mmd", "-i", spec, "::/slicscan", "::/slicscan/reports"], env=MT)
        names = sorted(os.listdir(seed))
        r = run(["mcopy", "-i", spec] + [os.path.join(seed, n) for n in names] +
                ["::/slicscan/reports/"], env=MT)
        if r.returncode != 0:
            raise Failure(f"mcopy the earlier reports: {r.stdout.strip()[-200:]}")
    if sc.full:
        r = run(["mdir", "-i", spec, "::/"], env=MT)
        m = re.search(r"([\d ]+) bytes free", r.stdout)
        if not m:
            raise Failure(f"mdir: no free space figure: {r.stdout[-200:]!r}")
        free = int(m.group(1).replace(" ", ""))
        if sc.full is not True:
            r = run(["minfo", "-i", spec, "::"], env=MT)
            sec = re.search(r"sector size: (\d+) bytes", r.stdout)
            spc = re.search(r"cluster size: (\d+) sectors", r.stdout)
            free -= sc.full * int(sec.group(1)) * int(spc.group(1))
        path = os.path.join(wd, "filler.bin")
        with open(path, "wb") as f:
            f.truncate(free)
        r = run(["mcopy", "-i", spec, path, "::/filler.bin"], env=MT)
        os.unlink(path)
        if r.returncode != 0:
            raise Failure(f"mcopy filler.bin: {r.stdout.strip()}")
    if sc.cfg is WAIT:
        return img
    r = run(["mtype", "-i", spec, "::/syslinux/syslinux.cfg"], env=MT)
    if r.returncode != 0 or "APPEND /syslinux/slicscan.elf" not in r.stdout:
        raise Failure(f"no APPEND line in the image's syslinux.cfg: {r.stdout[:200]!r}")
    # the stick's id (stick=...) stays: it is what lets the kernel write to this disk
    text = re.sub(r"(APPEND /syslinux/slicscan\.elf(?: stick=\S+)?)[^\r\n]*",
                  (r"\1 " + sc.cfg) if sc.cfg else r"\1", r.stdout)
    if sc.stick_id is not None:
        text = re.sub(r" stick=\S+", f" stick={sc.stick_id}" if sc.stick_id else "", text)
    path = os.path.join(wd, "syslinux.cfg")
    with open(path, "w", newline="") as f:
        f.write(text)
    r = run(["mcopy", "-o", "-i", spec, path, "::/syslinux/syslinux.cfg"], env=MT)
    if r.returncode != 0:
        raise Failure(f"mcopy syslinux.cfg: {r.stdout.strip()}")
    return img


def boot(sc, wd, img, manifest):
    argv = [os.path.join(ROOT, "scripts", "qemu-boot"), "--disk", img, "--fw", "seabios",
            "--disk-if", sc.disk, "--serial-log", os.path.join(wd, "serial.log"),
            "--result", os.path.join(wd, "result.json"), "--timeout", str(sc.timeout),
            "--mark", FIRST_LINE, "--mark", VERDICT_LINE, "--vga"] + machine_args(sc, manifest)
    if sc.rtc:
        argv += ["--rtc", sc.rtc]
    if not sc.serial:
        argv += ["--no-serial"]
    if sc.readonly:
        argv += ["--readonly"]
    if sc.extra_disk:
        argv += ["--qemu-arg=-drive",
                 f"--qemu-arg=if=ide,index=1,format=raw,file={os.path.join(wd, 'extra.img')}"]
    if sc.machine != "pc":
        argv += ["--qemu-arg=-machine", f"--qemu-arg={sc.machine}"]
    for q in sc.qemu_args:
        argv += [f"--qemu-arg={q}"]
    if sc.end == "wait":
        # dump the screen at the prompt, press Enter, see the kernel hand over to the BIOS
        argv += ["--screendump", os.path.join(wd, "screen.ppm"), "--dump-on", WAIT_LINE,
                 "--key-on", WAIT_LINE, "--stop-on", NEXT_LINE]
    elif sc.end == "timeout":
        argv += ["--stop-on", NEXT_LINE]
    return qemu_boot(argv, wd, "")


def machine_args(sc, manifest):
    """The injected tables and SMBIOS structures: the same machine for SeaBIOS and OVMF."""
    argv = []
    for t in manifest["variants"][sc.variant]["tables"] if sc.variant else []:
        argv += ["--acpitable", t["qemu"]]
    for s in sc.smbios:
        argv += ["--smbios", s]
    return argv


def qemu_boot(argv, wd, suffix):
    r = run(argv)
    with open(os.path.join(wd, f"qemu-boot{suffix}.out"), "w") as f:
        f.write(r.stdout)
    with open(os.path.join(wd, f"result{suffix}.json")) as f:
        res = json.load(f)
    with open(os.path.join(wd, f"serial{suffix}.log"), "rb") as f:
        serial = uefi.clean(f.read().decode("utf-8", "replace"))
    return res, serial


FINDING = re.compile(r"^  (INFO|WARNING|ERROR|FATAL) +([a-z0-9][a-z0-9.-]*) ", re.M)
# the line may be wrapped before its "(reason)"
W7 = re.compile(r"Windows 7 / Vista KMS\s+: (\S+)[^()]*?\(([^()]*)\)", re.S)


def findings_of(serial):
    """{id: severity} from the text report's Findings section."""
    at = serial.rfind("\nFindings (")
    return {m.group(2): m.group(1).lower() for m in FINDING.finditer(serial[at:])} if at >= 0 else {}


def check_serial(sc, serial, errs):
    if sc.verdict:
        if not re.search(uefi.BANNER[sc.verdict], serial):
            errs.append(f"no {sc.verdict} banner on the serial console")
        if not re.search(uefi.BIG_VERDICT, serial):
            errs.append("no big verdict letters above the banner box")
    if not re.search(r"Run mode\s+: legacy BIOS", serial):
        errs.append("the report does not say legacy BIOS")
    if not re.search(r"Boot loader\s+: SYSLINUX \d", serial):
        errs.append("the report does not name SYSLINUX as the boot loader")
    # the kernel asks INT 15h E820 itself (through the thunk) and compares with mboot.c32's copy
    if not re.search(r"Memory map\s+: E820 from the boot loader, \d+ ranges; INT\s+15h E820 agrees",
                     serial):
        errs.append("the memory map line does not say INT 15h E820 agrees with the loader's")
    if sc.smbios == SMBIOS and not re.search(r"System serial\s+: CZ1234XYZ", serial):
        errs.append("the SMBIOS serial is not in the report")
    if sc.exit == 1 and F35 not in serial:
        errs.append(f"{F35} not predicted")
    f = findings_of(serial)
    for want in sc.findings:
        if want not in f:
            errs.append(f"finding {want} missing (got {sorted(f)})")
    for no in sc.absent:
        if no in f:
            errs.append(f"finding {no} present")
    m = W7.search(serial)
    if sc.w7 and (not m or m.group(1) != sc.w7):
        errs.append(f"Windows 7 KMS {m.group(1) if m else None!r}, expected {sc.w7!r}")
    if sc.w7_reason and (not m or m.group(2) != sc.w7_reason):
        errs.append(f"Windows 7 reason {m.group(2) if m else None!r}, expected {sc.w7_reason!r}")
    for rx in sc.serial_re:
        if not re.search(rx, serial):
            errs.append(f"serial console lacks /{rx}/")
    if re.search(r"CPU exception|could not switch off|A20 is off", serial):
        errs.append("the kernel reported a fault")


def cross_check(sc, serial, manifest, wd, errs):
    """The same bytes through the Linux command, with the built-in policy as the kernel has."""
    if sc.cli_exit is None or not sc.variant:
        return
    argv = [CLI, "--json"]
    if "target=windows8" in (sc.cfg or ""):
        argv += ["--target", "windows8"]
    argv.append(manifest["variants"][sc.variant]["acpidump"])
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with open(os.path.join(wd, "cli.json"), "w") as f:
        f.write(r.stdout)
    if r.returncode != sc.cli_exit:
        errs.append(f"CLI exit {r.returncode}, expected {sc.cli_exit}")
    try:
        cli = json.loads(r.stdout)
    except ValueError:
        errs.append("CLI --json output is not JSON")
        return
    mine = sorted(i for i, sev in findings_of(serial).items()
                  if sev != "info" and i not in uefi.NOT_CROSS_CHECKED)
    theirs = sorted({f["id"] for f in cli.get("findings", []) if f.get("severity") != "info"
                     and f["id"] not in uefi.NOT_CROSS_CHECKED})
    if mine != theirs:
        errs.append(f"findings differ: kernel {mine}, CLI {theirs}")
    m = W7.search(serial)
    kms, cli_kms = m.group(1) if m else None, cli.get("windows7_kms")
    # without root tables the CLI can only say "unverified" where the kernel says "ready"
    if kms != cli_kms and not (kms == "ready" and cli_kms == "unverified"):
        errs.append(f"Windows 7 KMS: kernel {kms!r}, CLI {cli_kms!r}")


def check_key_masked(sc, serial, manifest, errs):
    key = manifest["variants"][sc.variant].get("msdm_key") if sc.variant else None
    if not key:
        return
    flat = serial.replace("\n", " ")
    for s in {key, key[:23], key.replace(b"-", b"")}:
        if s.decode("ascii", "replace") in flat:
            errs.append(f"the screen shows the MSDM key {real_tables.mask(key)} unmasked")
    if real_tables.mask(key) not in serial:
        errs.append(f"the screen lacks the masked key {real_tables.mask(key)}")


def check_screen(sc, wd, serial, errs):
    """The decoded VGA screen must be the last screenful of the serial log, with the colours of
    fw/verdict.c on exactly the letters and the box."""
    try:
        scr = vgatext.decode(os.path.join(wd, "screen.ppm"))
    except (OSError, ValueError) as e:
        errs.append(f"screen: {e}")
        return
    rows = vgatext.text(scr)
    with open(os.path.join(wd, "screen.txt"), "w") as f:
        f.write("\n".join(rows) + "\n")
    # the serial lines up to the prompt; the screen's last row holds the cursor
    upto = re.search(WAIT_LINE, serial)
    lines = serial[:upto.end()].rstrip("\n").split("\n") if upto else []
    want = [l.rstrip() for l in lines[-(vgatext.ROWS - 1):]]
    want = [""] * (vgatext.ROWS - 1 - len(want)) + want
    for i, (got, exp) in enumerate(zip(rows, want)):
        if got != exp:
            errs.append(f"screen row {i} is {got!r}, the serial line {exp!r}")
            break
    big, box_fg, box_bg = SCREEN_COLOURS[sc.verdict]
    letters = [i for i, r in enumerate(rows) if r.startswith("  #") or r.startswith("   #")]
    if len(letters) != 5 or letters != list(range(letters[0], letters[0] + 5)):
        errs.append(f"big letters on rows {letters}, expected five rows in a row")
    box = [i for i, r in enumerate(rows) if i > (letters[-1] if letters else 0) and r[:1] in "+|"]
    if not any("VERDICT: " in rows[i] for i in box):
        errs.append("no VERDICT line inside a box on the screen")
    for i, row in enumerate(scr[:vgatext.ROWS - 1]):
        for c, cell in enumerate(row):
            if cell.ch == vgatext.UNKNOWN:
                errs.append(f"screen cell {i},{c} unreadable")
                return
            if i in letters and cell.ch == vgatext.SOLID and cell.fg >= 8:
                if cell.fg != big:
                    errs.append(f"letter cell {i},{c} in colour {cell.fg}, expected {big}")
                    return
                continue
            in_box = i in box and c < len(rows[i])
            fg, bg = (box_fg, box_bg) if in_box else (7, 0)
            ok = cell.bg == bg and (cell.ch == vgatext.SOLID or cell.fg == fg)
            if not ok:
                errs.append(f"screen cell {i},{c} {cell.ch!r} in {cell.fg}/{cell.bg}, "
                            f"expected {fg}/{bg}")
                return


# ---- the stick afterwards: the report pair, summary.csv, a clean FAT, other disks untouched ----

def sha256(path):
    import hashlib
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def make_extra(sc, wd, img):
    """The second internal disk: random bytes, or a copy of the stick (the same id)."""
    path = os.path.join(wd, "extra.img")
    if sc.extra_disk == "twin":
        shutil.copyfile(img, path)
    else:
        with open(path, "wb") as f:
            f.write(os.urandom(8 << 20))
    return sha256(path)


def stick_files(wd, img):
    """\slicscan of the stick copied out with mtools: {relative path: bytes}."""
    out = os.path.join(wd, "stick")
    shutil.rmtree(out, ignore_errors=True)
    r = run(["mcopy", "-s", "-n", "-i", f"{img}@@1M", "::/slicscan", out], env=MT)
    if r.returncode != 0:
        raise Failure(f"mcopy ::/slicscan: {r.stdout.strip()}")
    files = {}
    for d, _, names in os.walk(out):
        for n in names:
            with open(os.path.join(d, n), "rb") as f:
                files[os.path.relpath(os.path.join(d, n), out)] = f.read()
    return files


def fsck_clean(wd, img, errs, when):
    """fsck.fat -n on the partition at 1 MiB, extracted (no loop device, no root)."""
    part = os.path.join(wd, "partition.img")
    with open(img, "rb") as src, open(part, "wb") as dst:
        src.seek(1 << 20)
        shutil.copyfileobj(src, dst, 1 << 20)
    r = run(["fsck.fat", "-n", part])
    os.unlink(part)
    if r.returncode != 0:
        errs.append(f"fsck.fat -n {when}: {r.stdout.strip()[-300:]}")


def summary_rows(data):
    import csv
    return list(csv.reader(data.decode("ascii", "replace").splitlines()))


def check_page(sc, wd, files, serial, errs, own_line=True):
    """\\slicscan\\summary.html, regenerated after the run from every report JSON on the stick
    (docs/FLEET.md): it counts them by verdict, no summary.html.new is left, and it equals what
    `slicscan --fleet` makes of the same folder (as run_fleet.py checks the UEFI app's)."""
    if own_line and not re.search(r"Fleet page: \\slicscan\\summary\.html updated", serial):
        m = re.search(r"Fleet page: [^\n]*", serial)
        errs.append(f"the screen does not say the fleet page was updated ({m.group(0) if m else None!r})")
    if "summary.html.new" in files:
        errs.append("summary.html.new is left on the stick")
    html = files.get("summary.html", b"").decode("utf-8", "replace")
    if not html:
        errs.append("no \\slicscan\\summary.html after the run")
        return
    counts = {}
    for p, data in files.items():
        if p.startswith("reports" + os.sep) and p.endswith(".json"):
            v = json.loads(data).get("verdict")
            counts[v] = counts.get(v, 0) + 1
    for v, n in counts.items():
        if f'data-verdict="{v}" data-count="{n}"' not in html:
            errs.append(f"summary.html does not count {n} {v} machine(s)")
    cmd = [uefi.CLI, "--fleet", os.path.join(wd, "stick")] + (["--lang", sc.lang] if sc.lang else [])
    cli = subprocess.run(cmd, capture_output=True)
    strip = lambda t: re.sub(r'<bdi>[^<]*</bdi></p>', "", t)  # noqa: E731  (the title differs)
    if cli.returncode != 0 or strip(cli.stdout.decode("utf-8", "replace")) != strip(html):
        with open(os.path.join(wd, "fleet-cli.html"), "wb") as f:
            f.write(cli.stdout)
        errs.append(f"summary.html differs from slicscan --fleet (exit {cli.returncode}; "
                    "fleet-cli.html beside stick/summary.html)")


def check_stick(sc, wd, img, serial, errs, uefi_too=False):
    """The report pair the kernel wrote (or, report=False, that it wrote nothing)."""
    files = stick_files(wd, img)
    reports = sorted(p for p in files if p.startswith("reports" + os.sep))
    fsck_clean(wd, img, errs, "after the boot")
    if not sc.report:
        if reports or "summary.csv" in files:
            errs.append(f"files written although the report was not to be saved: {sorted(files)}")
        if "report-not-saved" not in findings_of(serial):
            errs.append("no report-not-saved finding")
        if sc.not_saved_re and not re.search(sc.not_saved_re, serial):
            errs.append(f"the screen does not say why the report was not saved (/{sc.not_saved_re}/)")
        if re.search(r"Report saved:", serial):
            errs.append("the screen says 'Report saved' although nothing was written")
        return
    base = "CZ1234XYZ" if sc.smbios == SMBIOS else None
    if sc.pre:
        old = os.path.join("reports", "CZ1234XYZ.txt")
        if files.get(old) != PRE_REPORT:
            errs.append("the earlier CZ1234XYZ.txt was changed")
        reports = [p for p in reports if p != old]
        base = "CZ1234XYZ-2"
        if not files.get("summary.csv", b"").startswith(uefi.PRE_SUMMARY):
            errs.append("summary.csv: the earlier round's lines were changed")
    reports = [p for p in reports if not os.path.basename(p).startswith("OLD-")]  # sc.fleet's
    names = [os.path.basename(p) for p in reports]
    bases = sorted({os.path.splitext(n)[0] for n in names})
    want_n = 2 if uefi_too else 1
    if len(bases) != want_n or len(names) != 2 * want_n:
        errs.append(f"expected {want_n} report pair(s) in \\slicscan\\reports, found {names}")
        return
    if base and bases[0] != base:
        errs.append(f"report named {bases[0]!r}, expected {base!r} (the SMBIOS serial)")
    b = bases[0] if bases[0] + ".json" in names else None
    m = re.search(r"Report saved: (\S+)", serial)
    if not m or not m.group(1).lower().endswith(f"\\reports\\{bases[0].lower()}.txt"):
        errs.append(f"the screen's tail does not name the report ({m.group(1) if m else None!r})")
    try:
        rep = json.loads(files[os.path.join("reports", bases[0] + ".json")])
    except (KeyError, ValueError) as e:
        errs.append(f"{bases[0]}.json unreadable: {e!r}")
        return
    with open(os.path.join(wd, "report.json"), "w") as f:
        json.dump(rep, f, indent=1)
    txt = files.get(os.path.join("reports", bases[0] + ".txt"), b"")
    if sc.lang:
        zh = uefi.ZH_BANNER[sc.verdict]
        if not txt.startswith(b"\xef\xbb\xbf") or zh.encode() not in txt:
            errs.append(f"{bases[0]}.txt is not a zh-TW report with a UTF-8 BOM ({txt[:60]!r})")
        if any(ord(ch) >= 0x2E80 for ch in serial):
            errs.append("CJK text on the serial console / VGA screen")
    elif txt.startswith(b"\xef\xbb\xbf"):
        errs.append(f"{bases[0]}.txt has a BOM although it is English")
    if sc.exit is not None and rep.get("exit_code") != sc.exit:
        errs.append(f"report exit_code {rep.get('exit_code')}, expected {sc.exit}")
    if sc.verdict and rep.get("verdict") != sc.verdict:
        errs.append(f"report verdict {rep.get('verdict')!r}, expected {sc.verdict!r}")
    got = sorted(f["id"] for f in rep.get("findings", []))
    shown = sorted(findings_of(serial))
    if got != shown:
        errs.append(f"report findings {got}, the screen's {shown}")
    if base and (rep.get("machine") or {}).get("system_serial") != "CZ1234XYZ":
        errs.append("report machine.system_serial is not the SMBIOS serial")
    if "legacy BIOS" not in json.dumps(rep.get("machine") or {}):
        errs.append("report machine facts do not say legacy BIOS")
    cli = os.path.join(wd, "cli.json")
    if os.path.exists(cli) and sc.cli_exit is not None:
        with open(cli) as f:
            c = json.load(f)
        mine = sorted({i for i in got if i not in uefi.NOT_CROSS_CHECKED and
                       next(x for x in rep["findings"] if x["id"] == i).get("severity") != "info"})
        theirs = sorted({x["id"] for x in c.get("findings", []) if x.get("severity") != "info"
                         and x["id"] not in uefi.NOT_CROSS_CHECKED})
        if mine != theirs:
            errs.append(f"report findings {mine}, the CLI's JSON {theirs}")
        if rep.get("windows7_kms") != c.get("windows7_kms") and not (
                rep.get("windows7_kms") == "ready" and c.get("windows7_kms") == "unverified"):
            errs.append(f"report windows7_kms {rep.get('windows7_kms')!r}, CLI {c.get('windows7_kms')!r}")
    rows = summary_rows(files.get("summary.csv", b""))
    first = 2 if sc.pre else 1  # the kernel's line
    if len(rows) != first + want_n or rows[0][:2] != ["firmware_time", "system_serial"]:
        errs.append(f"summary.csv has {len(rows)} line(s), expected {first + want_n}")
        return
    row = dict(zip(rows[0], rows[first]))
    if (row.get("verdict"), row.get("exit_code")) != (rep.get("verdict"), str(rep.get("exit_code"))):
        errs.append(f"summary.csv line says {row.get('verdict')}/{row.get('exit_code')}, "
                    f"the report {rep.get('verdict')}/{rep.get('exit_code')}")
    if not row.get("report", "").lower().endswith(f"\\{bases[0].lower()}.txt"):
        errs.append(f"summary.csv names report {row.get('report')!r}, not {bases[0]}.txt")
    if base and row.get("system_serial") != "CZ1234XYZ":
        errs.append(f"summary.csv serial {row.get('system_serial')!r}")
    if "legacy BIOS" not in row.get("app_version", ""):
        errs.append(f"summary.csv app_version {row.get('app_version')!r}")
    check_page(sc, wd, files, serial, errs, own_line=not uefi_too)
    if uefi_too:
        if "UEFI" not in rows[2][rows[0].index("app_version")]:
            errs.append(f"summary.csv's second line is not the UEFI app's: {rows[2]}")
        if not any(n != bases[0] for n in bases):
            errs.append("the UEFI report does not lie beside the BIOS one")


def boot_uefi(sc, wd, img, manifest, errs):
    """The same stick, now on a UEFI PC (OVMF): the app reads the same slicscan.cfg and adds
    its report and its summary line beside the kernel's."""
    argv = [os.path.join(ROOT, "scripts", "qemu-boot"), "--disk", img, "--fw", "x64",
            "--disk-if", "usb", "--serial-log", os.path.join(wd, "serial-uefi.log"),
            "--result", os.path.join(wd, "result-uefi.json"), "--timeout", "90"]
    res, _ = qemu_boot(argv + machine_args(sc, manifest), wd, "-uefi")
    if res["outcome"] != "app-exit":
        errs.append(f"UEFI boot of the same stick ended as {res['outcome']}")


def run_scenario(sc, manifest):
    wd = os.path.join(RUNS, sc.name)
    shutil.rmtree(wd, ignore_errors=True)
    os.makedirs(wd)
    t0 = time.monotonic()
    errs = []
    try:
        if sc.setup_error:
            raise Failure(sc.setup_error)
        img = make_stick(sc, wd)
        extra_sum = make_extra(sc, wd, img) if sc.extra_disk else None
        # json-no-room writes NAME.txt and deletes it again: not byte-identical, but no file
        stick_sum = sha256(img) if not sc.report and sc.full in (False, True) else None
        res, serial = boot(sc, wd, img, manifest)
        outcome, code = res["outcome"], res["app_exit_code"]
        if outcome == "timeout":
            raise Failure(f"TIMEOUT after {sc.timeout} s (serial tail: {serial.strip()[-160:]!r})")
        if outcome in ("qemu-error", "app-exit-out-of-range"):
            raise Failure(f"{outcome}: {res.get('qemu_stderr')} status {res['qemu_status']}")
        if sc.real is not None and res.get("qemu_stderr"):
            errs.append(f"QEMU complained about the real tables: {res['qemu_stderr']}")
        want = {"app-exit": "app-exit", "poweroff": "poweroff", "wait": "stopped",
                "timeout": "stopped"}[sc.end]
        if outcome != want:
            errs.append(f"the run ended as {outcome} (code {code}), expected {want}")
        if sc.end == "app-exit" and sc.exit is not None and code != sc.exit:
            errs.append(f"exit code {code}, expected {sc.exit}")
        if sc.end == "wait":
            if not res.get("key_sent") or res.get("key_error"):
                errs.append(f"no key pressed at the prompt ({res.get('key_error')})")
            if res.get("screendump_error"):
                errs.append(res["screendump_error"])
        if sc.end == "timeout":
            # no key: the prompt's own timeout ended the wait
            m = re.search(r"automatically in (\d+) s", serial)
            if not m:
                errs.append("no wait prompt")
        if not sc.serial:
            if serial.strip():
                errs.append("output on a serial port that does not exist")
            return errs, t0, f"exit {code}, no COM1"
        check_serial(sc, serial, errs)
        cross_check(sc, serial, manifest, wd, errs)
        if sc.extra_disk and sha256(os.path.join(wd, "extra.img")) != extra_sum:
            errs.append("the second internal disk changed")
        if stick_sum and sha256(img) != stick_sum:
            errs.append("the stick changed although nothing was to be written")
        if sc.report is not None:
            check_stick(sc, wd, img, serial, errs)
        if sc.then_uefi and not errs:
            boot_uefi(sc, wd, img, manifest, errs)
            check_stick(sc, wd, img, serial, errs, uefi_too=True)
        check_key_masked(sc, serial, manifest, errs)
        if sc.screen:
            check_screen(sc, wd, serial, errs)
        marks = res.get("marks", {})
        first, verdict = marks.get(FIRST_LINE), marks.get(VERDICT_LINE)
        what = f"{outcome if outcome != 'app-exit' else f'exit {code}'}"
        if verdict is not None:
            what += f", verdict at {verdict:.1f}s (kernel at {first:.1f}s)"
        with open(os.path.join(wd, "timing.json"), "w") as f:
            json.dump({"kernel": first, "verdict": verdict, "seconds": res["seconds"],
                       "disk": sc.disk}, f)
        return errs, t0, what
    except Failure as e:
        return [str(e)] + errs, t0, "error"


def preflight(chosen):
    if not os.path.exists(IMAGE):
        uefi.abort(f"{IMAGE} missing: make usb")
    if not os.path.exists(CLI):
        uefi.abort(f"{CLI} missing: make host")
    for p in ("/usr/share/seabios/bios-256k.bin", vgatext.VGABIOS):
        if not os.path.exists(p):
            uefi.abort(f"{p} missing: scripts/deps.sh bios")
    r = run([sys.executable, os.path.join(ROOT, "tests", "qemu", "gen_tables.py"), "--out",
             uefi.TABLES])
    if r.returncode != 0:
        sys.stdout.write(r.stdout)
        uefi.abort("gen_tables.py failed")
    with open(os.path.join(uefi.TABLES, "variants.json")) as f:
        manifest = json.load(f)
    uefi.prepare_real(chosen, manifest)
    return manifest


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("-k", metavar="PATTERN", help="only scenarios whose name matches (regex)")
    ap.add_argument("--list", action="store_true", help="print the scenario table and exit")
    args = ap.parse_args()
    chosen = [s for s in SCENARIOS if not args.k or re.search(args.k, s.name)]
    if args.list:
        for s in chosen:
            print(f"{s.name:24} {s.variant or '-':20} {s.disk:8} exit "
                  f"{s.exit if s.exit is not None else '-':<2} {s.end:9} {s.note}")
        return 0
    manifest = preflight(chosen)

    def passed_line(sc, what, secs):
        return (f"PASS {sc.name:24} {secs:5.1f}s  {sc.disk:8} {what}"
                + (f"  {sc.note}" if sc.real else ""))

    return uefi.run_all("bios", chosen, lambda sc: run_scenario(sc, manifest), args.jobs, RUNS,
                        24, None, passed_line)


if __name__ == "__main__":
    sys.exit(main())
