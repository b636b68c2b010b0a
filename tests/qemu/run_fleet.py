#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The stick's fleet page (docs/FLEET.md): one stick booted by OVMF on two machines (other
SMBIOS, other tables, other verdicts), then \\slicscan\\summary.html read back with mtools: it
shows both machines with their verdicts, links both reports, no summary.html.new is left, and
the page equals what `slicscan --fleet` makes of the same reports (one renderer).

Usage (make test-qemu runs it after run_scenarios.py): BUILD=build run_fleet.py"""
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_scenarios as uefi  # noqa: E402

MACHINES = [  # (variant, verdict, SMBIOS)
    ("valid-2.1", "ready", ["type=0,vendor=Contoso BIOS Works,version=CBW 1.07,date=03/14/2011",
                            "type=1,manufacturer=Contoso Labs,product=Lab PC 7,serial=FLEETA01"]),
    ("body-ff", "not-ready", ["type=0,vendor=Fabrikam,version=F.20 <b>,date=01/02/2010",
                              "type=1,manufacturer=Fabrikam & Sons,product=Desk 9,serial=FLEETB02"]),
]
results = []


def case(name, ok, detail=""):
    results.append(ok)
    print("  %s qemu-fleet: %s%s" % ("PASS" if ok else "FAIL", name, "" if ok else ": " + str(detail)[:300]))


def mcopy(img, src, dst):
    return subprocess.run(["mcopy", "-n", "-o", "-s", "-i", img, "::" + src, dst],
                          env=dict(os.environ, MTOOLS_SKIP_CHECK="1"),
                          capture_output=True, text=True)


def main():
    t0 = time.monotonic()
    manifest = uefi.preflight(type("A", (), {"chosen": []})())
    wd = os.path.join(uefi.RUNS, "fleet-two-boots")
    shutil.rmtree(wd, ignore_errors=True)
    os.makedirs(wd)
    img = None
    for i, (variant, verdict, smbios) in enumerate(MACHINES):
        sc = uefi.Scenario("fleet-boot%d" % (i + 1), variant, 0 if verdict == "ready" else 1,
                           smbios=smbios)
        bwd = os.path.join(wd, "boot%d" % (i + 1))
        os.makedirs(bwd)
        if img is None:
            img = uefi.make_stick(sc, bwd, manifest)
        res, serial = uefi.boot(sc, bwd, img, manifest)
        case("boot %d (%s) ends with the app's exit code" % (i + 1, variant),
             res["outcome"] == "app-exit" and res["app_exit_code"] == sc.exit, res["outcome"])
        case("boot %d: the screen says the fleet page was updated" % (i + 1),
             re.search(r"Fleet page: \\slicscan\\summary\.html updated", serial) is not None,
             serial.strip()[-300:])
    out = os.path.join(wd, "stick")
    os.makedirs(out)
    r = mcopy(img, "/slicscan", out)
    page = os.path.join(out, "slicscan", "summary.html")
    html = open(page, encoding="utf-8").read() if os.path.exists(page) else ""
    case("summary.html is on the stick after two boots", bool(html), r.stderr)
    case("no summary.html.new is left", not os.path.exists(page + ".new"))
    for variant, verdict, smbios in MACHINES:
        serial = re.search(r"serial=(\w+)", smbios[1]).group(1)
        case("the page lists %s as %s and links its report" % (serial, verdict),
             re.search(r'data-verdict="%s"><td><a href="reports/%s\.txt">' % (verdict, serial), html)
             is not None)
    case("the counts: one ready, one not ready",
         'data-verdict="ready" data-count="1"' in html and 'data-verdict="not-ready" data-count="1"' in html)
    case("firmware strings are escaped ('<b>', '&')",
         "F.20 &lt;b&gt;" in html and "Fabrikam &amp; Sons" in html and "<b>" not in html)
    case("the failing model is grouped with its cause",
         re.search(r'data-cause="erased"[^>]*data-machines="1"><td><bdi>Fabrikam &amp; Sons', html) is not None)
    # the same reports through the Linux command: the same page but for the title line
    cli = subprocess.run([uefi.CLI, "--fleet", os.path.join(out, "slicscan")], capture_output=True)
    strip = lambda s: re.sub(r'<bdi>[^<]*</bdi></p>', "", s)  # noqa: E731  (the title differs)
    case("the page equals slicscan --fleet on the same reports",
         cli.returncode == 0 and strip(cli.stdout.decode()) == strip(html))
    p = sum(results)
    print("qemu-fleet: %d passed, %d failed (%.0fs)" % (p, len(results) - p, time.monotonic() - t0))
    return 0 if p == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
