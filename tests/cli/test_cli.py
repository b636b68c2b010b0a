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


def run(slicscan, *args, timeout=30, stdin=None, data=None):
    """stdin: a file object or fd for the child's standard input; data: bytes piped into it."""
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1", UBSAN_OPTIONS="halt_on_error=1")
    t0 = time.time()
    try:
        p = subprocess.run([slicscan, *args], capture_output=True, timeout=timeout, env=env,
                           stdin=stdin if data is None else None, input=data)
    except subprocess.TimeoutExpired:
        return -1, "", "timed out after %ds (a hang)" % timeout, time.time() - t0
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace"), time.time() - t0


def case(name, ok, detail=""):
    results.append((name, ok))
    print("  %s %s%s" % ("PASS" if ok else "FAIL", name, "" if ok else ": " + detail))


def expect(slicscan, name, args, code, stderr_re=None, stdout_re=None, **kw):
    rc, out, err, _ = run(slicscan, *args, **kw)
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
    s = os.path.abspath(ap.parse_args().slicscan)
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
        why = [f["message"] for f in json.loads(out)["findings"] if f["id"] == "too-many-tables"]
        case("300 tables: one finding names the 44 not examined", len(why) == 1 and
             re.match(r"44 table file\(s\) .* not examined.*\(SSDT\d+ to SSDT\d+\)", why[0]) is not None, str(why))
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
                   row["predicted_error"], row["marker_version"], row["msdm_state"], row["target"])
            want = (j["verdict"], str(j["exit_code"]), j["windows7_kms"], j["windows7_reason"],
                    j["predicted_error"] or "", j["slic"]["marker_version"] or "", j["msdm"]["state"],
                    j["target"])
            if got != want or rc != j["exit_code"] or len(row) != 21 or None in row:
                ok, why = False, why + ["%s: %s vs %s" % (row["source"], got, want)]
        case("--csv lines agree with --json", ok and len(table) == 5, "; ".join(why) or str(len(table)))
        case("--csv never shows the key", full not in "".join(l for _, _, l in rows)
             and full[:23] not in "".join(l for _, _, l in rows), "key in CSV")
        expect(s, "--csv with --json refused", ["--csv", "--json", DELL], 4, stderr_re=r"exclude")
        # --summary and --report (docs/WINDOWS.md: task sequences; the same on Linux)
        rc, out, _ = expect(s, "--summary: one key=value line", ["--summary", DELL], 2,
                            stdout_re=r"^verdict=ready-with-warnings;exit=2;win7=unverified;reason=no-rsdt-xsdt-in-dump;"
                            r"error=;msdm=[a-z-]+;problems=[a-z -]*\n$")
        expect(s, "--summary with --json refused", ["--summary", "--json", DELL], 4, stderr_re=r"exclude")
        j = json.loads(run(s, "--json", DELL)[1])
        for ext in ("json", "csv", "txt"):
            rep = os.path.join(tmp, "report." + ext)
            rc, out, _ = expect(s, "--report ." + ext, ["--report", rep, DELL], 2)
            data = open(rep, "rb").read() if os.path.exists(rep) else b""
            ok = data.count(b"\r\n") == data.count(b"\n") > 0 and full.encode() not in data
            if ext == "json":
                ok = ok and json.loads(data)["verdict"] == j["verdict"]
            elif ext == "csv":
                ok = ok and data.count(b"\r\n") == 2
            else:
                ok = ok and data.replace(b"\r\n", b"\n").decode() == out
            case("  ... written as its extension says, CRLF, key masked", ok, data[:100])
        rc, out, _ = expect(s, "--report into a missing folder: report-not-saved",
                            ["--report", os.path.join(tmp, "no", "r.txt"), DELL], 2, stdout_re="report-not-saved")
        inputs(s, tmp, w, fail)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    passed = sum(1 for _, ok in results if ok)
    print("cli: %d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


def same_facts(out, ref):
    """--json outputs out and ref say the same: verdict, Windows 7 answer, finding ids, tables."""
    try:
        j, r = json.loads(out), json.loads(ref)
    except ValueError:
        return False
    return all(j[k] == r[k] for k in ("verdict", "exit_code", "windows7_kms", "windows7_reason")) and \
        [f["id"] for f in j["findings"]] == [f["id"] for f in r["findings"]] and \
        [(t["signature"], t["length"]) for t in j["tables"]] == [(t["signature"], t["length"]) for t in r["tables"]]


def inputs(s, tmp, w, fail):
    """Every form an INPUT takes (issue #7): standard input, --, --opt=value, files that are not
    regular (never a hang), and folders with more files than the set holds."""
    dell = open(DELL, "rb").read()
    ref = run(s, "--json", DELL)[1]
    rc, out, err = expect(s, "- reads a piped dump", ["--json", "-"], 2, data=dell)
    case("  ... judged like the file", same_facts(out, ref), err[:200])
    rc, out, err = expect(s, "/dev/stdin reads a piped dump", ["--json", "/dev/stdin"], 2, data=dell)
    case("  ... judged like the file", same_facts(out, ref), err[:200])
    with open(DELL, "rb") as f:
        rc, out, err = expect(s, "- reads a redirected file", ["--json", "-"], 2, stdin=f)
    case("  ... judged like the file", same_facts(out, ref), err[:200])
    if shutil.which("acpixtract"):
        subprocess.run(["acpixtract", "-sSLIC", fail], cwd=tmp, capture_output=True, check=True)
        slic = open(os.path.join(tmp, "slic.dat"), "rb").read()
        expect(s, "- reads a raw table", ["-"], 1, stdout_re=r"0xC004F035", data=slic)
    # a pipe bigger than the cap is refused once 64 MiB have come, not read forever
    big = (b"    0000: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................\n" * 900000)
    expect(s, "- over 64 MiB refused", ["-"], 3, stderr_re=r"over 64 MiB", data=big)
    master, slave = os.openpty()
    expect(s, "- on a terminal: a message, no wait", ["-"], 3, stderr_re=r"terminal", stdin=slave)
    os.close(master)
    os.close(slave)

    # "--" ends the options: a file named like one is an INPUT
    dashed = w("-x", dell)
    rc, out, err, _ = run(s, "--json", "--", dashed)
    case("-- then a path starting with -", rc == 2 and same_facts(out, ref), err[:200])
    prev = os.getcwd()
    os.chdir(tmp)
    try:
        rc, out, err, _ = run(s, "--json", "--", "-x")
        case("-- then a file named -x", rc == 2 and same_facts(out, ref), err[:200])
        expect(s, "-x without -- is an option", ["-x"], 4, stderr_re=r"unknown option")
        expect(s, "-- then -- is the INPUT", ["--", "--"], 3, stderr_re=r"Cannot read --")
    finally:
        os.chdir(prev)
    expect(s, "two INPUTs after --", ["--", DELL, DELL], 4, stderr_re=r"only one INPUT")

    # --opt=value for every option that takes a value, as the UEFI app accepts
    rc, out, _ = expect(s, "--target=windows8", ["--json", "--target=windows8", fail], 0)
    case("  ... is the windows8 target", '"target": "windows8"' in out, out[:200])
    pol = w("eq-policy.txt", b"target windows8\n")
    expect(s, "--policy=FILE", ["--policy=" + pol, fail], 0)
    expect(s, "--root=DIR", ["--root=" + os.path.join(tmp, "no-machine")], 3)
    expect(s, "--target= is empty", ["--target=", DELL], 4, stderr_re=r"--target needs a non-empty value")
    expect(s, "--policy= is empty", ["--policy=", DELL], 4, stderr_re=r"--policy needs a non-empty value")
    expect(s, "--root at the end", [DELL, "--root"], 4, stderr_re=r"--root needs a value")
    expect(s, "--json=1 is unknown", ["--json=1", DELL], 4, stderr_re=r"unknown option")
    expect(s, "policy and INPUT both stdin", ["--policy", "-", "-"], 4, stderr_re=r"both be standard input", data=b"")

    # files that are not files: one line, exit 3 (4 for the policy), at once
    for dev in ("/dev/zero", "/dev/null"):
        rc, out, err, secs = run(s, dev, timeout=20)
        case("INPUT %s refused at once" % dev, rc == 3 and re.fullmatch(r"slicscan: Cannot read %s: it is a device[^\n]*\n" % dev, err)
             is not None and secs < 10, "exit %d, %.1fs, %r" % (rc, secs, err[:200]))
        expect(s, "policy %s refused" % dev, ["--policy", dev, DELL], 4, stderr_re=r"cannot read policy file %s: it is a device" % dev)
    with open("/dev/null", "rb") as devnull:
        expect(s, "- from /dev/null refused", ["-"], 3, stderr_re=r"Cannot read standard input: it is a device", stdin=devnull)
    fifo = os.path.join(tmp, "fifo")
    os.mkfifo(fifo)
    expect(s, "FIFO with no writer: empty, no wait", [fifo], 3, stderr_re=r"empty")
    import socket
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(os.path.join(tmp, "sock"))
    expect(s, "socket file refused", [os.path.join(tmp, "sock")], 3, stderr_re=r"socket, not a file")
    sock.close()
    # a FIFO and a device inside a folder are not opened (no wait); the table beside them is read
    if shutil.which("acpixtract"):
        odd = os.path.join(tmp, "odd-folder")
        os.mkdir(odd)
        os.mkfifo(os.path.join(odd, "SLIC.fifo"))
        os.symlink("/dev/zero", os.path.join(odd, "SSDT.dat"))
        shutil.copy(os.path.join(tmp, "slic.dat"), odd)
        expect(s, "FIFO and device in a folder skipped", [odd], 1, stdout_re=r"0xC004F035")

    # A folder with more files than the old reader's 1024-name limit, the failing SLIC among
    # the files readdir() returns after the first 1024: it must be read (it was dropped, and
    # the verdict was a false "ready").
    if shutil.which("acpixtract"):
        big = os.path.join(tmp, "big-folder")
        os.mkdir(big)
        subprocess.run(["acpixtract", "-a", fail], cwd=big, capture_output=True, check=True)
        for i in range(1100):
            w("big-folder/note%04d.dat" % i, b"not a table %d\n" % i)
        order = os.listdir(big)  # readdir() order
        late = order[-1]
        if late != "slic.dat":  # put the SLIC's bytes in the file readdir() returns last
            a, b = open(os.path.join(big, late), "rb").read(), open(os.path.join(big, "slic.dat"), "rb").read()
            w("big-folder/" + late, b)
            w("big-folder/slic.dat", a)
        rc, out, err = expect(s, "folder of 1100+ files: the SLIC after the 1024th is read", ["--json", big], 1,
                              stdout_re=r'"windows7_kms": "not-ready"')


def rc_of(s, path):
    return run(s, path)[0]


if __name__ == "__main__":
    sys.exit(main())
