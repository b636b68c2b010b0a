#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Golden reports (the fwts-test idea): selected real dumps in, the text report out, diffed
against tests/golden/*.txt. A change to what users read must be deliberate: rerun with
--update and review the diff in the commit. Usage: run_golden.py --slicscan PATH [--update]"""
import argparse
import difflib
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus", "linuxhw"))
# One dump for each kind of verdict in the corpus.
DUMPS = [
    "All-In-One_Apple_iMac11-3_9C99E007509B.acpidump",                      # no SLIC
    "All-In-One_Dell_Inspiron-One-2310_5F83FBD970E4.acpidump",              # valid 2.1, unverified
    "Convertible_Hewlett-Packard_ENVY-x360-Convertible-13-bd0xxx_65CEC1ACDD47.acpidump",  # MSDM key
    "Convertible_Lenovo_Yoga-6-13ALC6-82ND_4B89F57A5AA6.acpidump",          # Insyde placeholder
    "Desktop_Gigabyte-Technology_GA-880GMA-USB3_83A64B35F7D8.acpidump",     # erased MSDM
    "Notebook_Hewlett-Packard_Presario-CQ57_C92D814C37F9.acpidump",         # SLIC all 0x00
    "Notebook_Lenovo_G580-20150_0D75B079ABA0.acpidump",                     # SLIC all 0xFF
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--slicscan", required=True)
    ap.add_argument("--update", action="store_true")
    a = ap.parse_args()
    slicscan = os.path.abspath(a.slicscan)
    passed = failed = 0
    for d in DUMPS:
        if not os.path.exists(os.path.join(CORPUS, d)) and not a.update:
            # another corpus (a grown or replaced collection): said, not counted as a pass
            print("  SKIP golden/%s: not in this corpus" % d)
            continue
        # run from the corpus folder so the report's Source line names the file, not a path
        p = subprocess.run([slicscan, d], cwd=CORPUS, capture_output=True, timeout=60)
        got = p.stdout.decode(errors="replace") + "[exit %d]\n" % p.returncode
        gold = os.path.join(HERE, d.replace(".acpidump", ".txt"))
        if a.update:
            open(gold, "w").write(got)
        want = open(gold).read() if os.path.exists(gold) else ""
        if got == want:
            passed += 1
            print("  PASS golden/%s" % d)
        else:
            failed += 1
            print("  FAIL golden/%s" % d)
            sys.stdout.writelines("    " + l for l in difflib.unified_diff(
                want.splitlines(True), got.splitlines(True), "golden", "now", n=1))
    print("golden: %d passed, %d failed" % (passed, failed))
    if not passed and not failed:
        print("FAIL golden: none of the golden dumps is in %s" % CORPUS)
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
