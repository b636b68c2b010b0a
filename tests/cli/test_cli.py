#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The Linux command as a user meets it: every kind of input, bad input and option, with the
exit code and message each must give (issue #2: garbage in -> clear message, exit 3 or 4,
never a crash). Runs the ASan+UBSan build, so a crash or a sanitizer report fails here too.
Usage: test_cli.py --slicscan PATH"""
import argparse
import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus", "linuxhw"))
DELL = os.path.join(CORPUS, "All-In-One_Dell_Inspiron-One-2310_5F83FBD970E4.acpidump")

results = []


def run(slicscan, *args, timeout=30):
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1", UBSAN_OPTIONS="halt_on_error=1")
    t0 = time.time()
    p = subprocess.run([slicscan, *args], capture_output=True, timeout=timeout, env=env)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace"), time.time() - t0


def case(name, ok, detail=""):
    results.append((name, ok))
    print("  %s %s%s" % ("PASS" if ok else "FAIL", name, "" if ok else ": " + detail))


def expect(slicscan, name, args, code, stderr_re=None, stdout_re=None):
    rc, out, err, _ = run(slicscan, *args)
    why = []
    if rc != code:
        why.append("exit %d, want %d" % (rc, code))
    if stderr_re and not re.search(stderr_re, err):
        why.append("stderr %r lacks /%s/" % (err[:200], stderr_re))
    if stdout_re and not re.search(stdout_re, out):
        why.append("stdout lacks /%s/" % stdout_re)
    if "ERROR: AddressSanitizer" in err or "runtime error" in err:
        why.append("sanitizer report")
    case(name, not why, "; ".join(why))
    return rc, out, err


def find_msdm_dump():
    for line in open(os.path.join(CORPUS, "expected.jsonl")):
        e = json.loads(line)
        if e["msdm"] == "key-ok":
            return os.path.join(CORPUS, e["file"])
    raise SystemExit("no MSDM dump in the corpus")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--slicscan", required=True)
    s = ap.parse_args().slicscan
    tmp = tempfile.mkdtemp(prefix="slicscan-cli-")
    try:
        w = lambda name, data: (open(os.path.join(tmp, name), "wb").write(data), os.path.join(tmp, name))[1]
        rnd = random.Random(1234)

        expect(s, "help", ["--help"], 0, stdout_re=r"Exit codes")
        expect(s, "version", ["--version"], 0, stdout_re=r"^slicscan \d")
        rc, out, _ = expect(s, "list-findings", ["--list-findings"], 0, stdout_re=r"slic-no-marker")
        expect(s, "unknown option", ["--bogus", DELL], 4, stderr_re=r"unknown option")
        expect(s, "missing option value", ["--policy"], 4, stderr_re=r"needs a value")
        expect(s, "bad target", ["--target", "windows95", DELL], 4, stderr_re=r"unknown target")
        expect(s, "two inputs", [DELL, DELL], 4, stderr_re=r"only one INPUT")
        expect(s, "policy missing", ["--policy", os.path.join(tmp, "nope.txt"), DELL], 4,
               stderr_re=r"cannot read policy file")
        bad = w("bad-policy.txt", b"# campus\ntarget windows7\nfial-on slic-no-marker\n")
        expect(s, "policy error names its line", ["--policy", bad, DELL], 4, stderr_re=r"line 3: unknown directive")
        expect(s, "policy binary junk", ["--policy", w("junk-policy.bin", bytes(rnd.randrange(256) for _ in range(300))), DELL],
               4, stderr_re=r"line \d+:")

        expect(s, "empty file", [w("empty.txt", b"")], 3, stderr_re=r"empty")
        expect(s, "binary junk", [w("junk.bin", bytes(rnd.randrange(256) for _ in range(20000)))], 3,
               stderr_re=r"No ACPI table|not acpidump|cut short|well-formed")
        expect(s, "text junk", [w("junk.txt", b"hello world\nthis is not acpidump\n" * 100)], 3,
               stderr_re=r"No ACPI table")
        text = open(DELL, "rb").read()
        expect(s, "truncated dump", [w("trunc.txt", text[: len(text) * 2 // 3])], 3, stderr_re=r"cut short")
        huge = os.path.join(tmp, "huge.txt")
        with open(huge, "wb") as f:
            f.truncate(200 * 1024 * 1024)  # sparse: refused by size, never read
        rc, out, err, secs = run(s, huge)
        case("huge file refused without reading", rc == 3 and "refuses inputs over" in err and secs < 5,
             "exit %d, %.1fs, %r" % (rc, secs, err[:200]))
        os.mkdir(os.path.join(tmp, "unrelated"))
        w("unrelated/README", b"notes\n")
        w("unrelated/photo.jpg", bytes(rnd.randrange(256) for _ in range(5000)))
        expect(s, "folder of unrelated files", [os.path.join(tmp, "unrelated")], 3, stderr_re=r"No ACPI table among")
        expect(s, "nonexistent input", [os.path.join(tmp, "nope.txt")], 3, stderr_re=r"Cannot read")
        # more table files than the set holds (a folder of 300 SSDTs): the rest are named,
        # the verdict is unverified, and nothing is freed twice (ASan watches)
        os.mkdir(os.path.join(tmp, "many"))
        for i in range(300):
            t = bytearray(b"SSDT" + (36).to_bytes(4, "little") + b"\x01\x00OEMXXXTABLEXXX" + bytes(12))
            t[9] = (-sum(t)) & 0xFF
            w("many/SSDT%d" % i, bytes(t))
        rc, out, _ = expect(s, "folder of 300 tables", ["--json", os.path.join(tmp, "many")], 2,
                            stdout_re=r'"too-many-tables"')
        case("300 tables: unverified, not ready", json.loads(out)["windows7_kms"] == "unverified", out[:200])
        if os.geteuid() != 0:
            noread = w("noread.txt", text)
            os.chmod(noread, 0)
            expect(s, "unreadable file", [noread], 3, stderr_re=r"Permission denied")

        # the same firmware as acpidump text, as a folder of raw tables, and as one raw table
        rc1, out1, _ = expect(s, "acpidump text", ["--json", DELL], 2)
        # acpidump.exe > acpi.txt in Windows PowerShell 5 saves UTF-16LE with a BOM; Notepad's
        # "UTF-8 with BOM" adds EF BB BF: both read as the plain text is
        j1 = json.loads(out1)
        u16 = subprocess.run(["iconv", "-f", "ASCII", "-t", "UTF-16LE", DELL], capture_output=True, check=True).stdout
        for name, data in (("UTF-16LE with BOM", b"\xff\xfe" + u16), ("UTF-8 with BOM", b"\xef\xbb\xbf" + text)):
            rc, out, _ = expect(s, "acpidump text as " + name, ["--json", w("enc.txt", data)], rc1)
            j = json.loads(out) if out.startswith("{") else {}
            case("  ... judged like the plain text", all(j.get(k) == j1[k] for k in ("verdict", "windows7_kms", "windows7_reason", "findings"))
                 and [t["signature"] for t in j["tables"]] == [t["signature"] for t in j1["tables"]], out[:200])
        tables = os.path.join(tmp, "tables")
        os.mkdir(tables)
        if shutil.which("acpixtract"):
            subprocess.run(["acpixtract", "-a", DELL], cwd=tables, capture_output=True, check=True)
        rc2, out2, _ = expect(s, "folder of raw tables (acpixtract -a)", ["--json", tables], 2)
        j1, j2 = json.loads(out1), json.loads(out2)
        same = all(j1[k] == j2[k] for k in ("verdict", "windows7_kms", "windows7_reason")) and \
            j1["slic"]["marker_version"] == j2["slic"]["marker_version"]
        case("folder judged like the dump", same, "%s vs %s" % (j1["verdict"], j2["verdict"]))
        # ACPICA's own SLIC template (iasl -T SLIC, compiled by iasl): an independent maker of
        # the placeholder that some BIOSes ship; it must be named as such and fail
        if shutil.which("iasl"):
            tdir = os.path.join(tmp, "iasl")
            os.mkdir(tdir)
            subprocess.run(["iasl", "-T", "SLIC"], cwd=tdir, capture_output=True, check=True)
            subprocess.run(["iasl", "slic.asl"], cwd=tdir, capture_output=True, check=True)
            expect(s, "iasl's SLIC template is a placeholder", [os.path.join(tdir, "slic.aml")], 1,
                   stdout_re=r"slic-placeholder .*ACPICA/iasl template")
        else:
            case("iasl (acpica-tools) installed", False, "scripts/deps.sh test installs it")
        slic = os.path.join(tables, "slic.dat")
        if os.path.exists(slic):
            expect(s, "one raw SLIC file", [slic], 2, stdout_re=r"table-set-partial|slic-ids-unverified")

        # product keys are masked unless asked for
        msdm = find_msdm_dump()
        rc, out, err = expect(s, "msdm key masked (text)", [msdm], rc_of(s, msdm), stdout_re=r"XXXXX-XXXXX-XXXXX-XXXXX-")
        full = json.loads(run(s, "--json", "--show-key", msdm)[1])["msdm"]["key"]
        case("no full key without --show-key", full not in out and full not in run(s, "--json", msdm)[1],
             "full key printed")
        case("--show-key shows it", "XXXXX" not in full and re.fullmatch(r"[A-Z0-9]{5}(-[A-Z0-9]{5}){4}", full) is not None, full)

        # targets: a failing SLIC is information for windows8
        fail = [json.loads(l) for l in open(os.path.join(CORPUS, "expected.jsonl"))]
        fail = next(os.path.join(CORPUS, e["file"]) for e in fail if e["win7_kms"] == "fail")
        expect(s, "failing SLIC, windows7", [fail], 1, stdout_re=r"0xC004F035")
        rc, out, _ = expect(s, "failing SLIC, --target windows8", ["--json", "--target", "windows8", fail], 0)
        case("windows8 still predicts windows7", json.loads(out)["windows7_kms"] == "not-ready", out[:200])
        pol = w("strict.txt", b"require-oem-license yes\n")
        none = next(os.path.join(CORPUS, json.loads(l)["file"]) for l in open(os.path.join(CORPUS, "expected.jsonl"))
                    if json.loads(l)["reason"] == "no-slic" and json.loads(l)["msdm"] == "absent")
        expect(s, "policy require-oem-license", ["--policy", pol, none], 1, stdout_re=r"no-oem-license-evidence")
        expect(s, "quiet prints the banner only", ["-q", fail], 1, stdout_re=r"^\+-+\+\n\|  VERDICT: NOT READY")

        # --csv: one line per dump under one --csv-header, read back by Python's csv module;
        # each line says what --json says, the exit code is the verdict's, never a key
        rc, head, _ = expect(s, "--csv-header", ["--csv-header"], 0, stdout_re=r'^"firmware_time",')
        rows, ok, why = [], True, []
        for dump in (DELL, fail, none, msdm, w("junk.txt", b"junk\n")):
            rc, line, err, _ = run(s, "--csv", dump)
            j = json.loads(run(s, "--json", dump)[1])
            if not line.endswith("\r\n") or line.count("\r\n") != 1:
                ok, why = False, why + ["%s: not one CRLF line" % os.path.basename(dump)]
            rows.append((rc, j, line))
        table = list(csv.DictReader((head + "".join(l for _, _, l in rows)).splitlines()))
        for (rc, j, _), row in zip(rows, table):
            got = (row["verdict"], row["exit_code"], row["windows7_kms"], row["windows7_reason"],
                   row["predicted_error"], row["marker_version"], row["msdm_state"])
            want = (j["verdict"], str(j["exit_code"]), j["windows7_kms"], j["windows7_reason"],
                    j["predicted_error"] or "", j["slic"]["marker_version"] or "", j["msdm"]["state"])
            if got != want or rc != j["exit_code"] or len(row) != 20 or None in row:
                ok, why = False, why + ["%s: %s vs %s" % (row["source"], got, want)]
        case("--csv lines agree with --json", ok and len(table) == 5, "; ".join(why) or str(len(table)))
        case("--csv never shows the key", full not in "".join(l for _, _, l in rows)
             and full[:23] not in "".join(l for _, _, l in rows), "key in CSV")
        expect(s, "--csv with --json refused", ["--csv", "--json", DELL], 4, stderr_re=r"exclude")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    passed = sum(1 for _, ok in results if ok)
    print("cli: %d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


def rc_of(s, path):
    return run(s, path)[0]


if __name__ == "__main__":
    sys.exit(main())
