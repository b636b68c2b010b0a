#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""slicscan.exe under wine (x64) against the Linux command (docs/WINDOWS.md, docs/TESTING.md).

corpus     every corpus dump, as acpidump text and as a folder of raw tables, gives the same
           JSON (but "source") and exit code from slicscan.exe as from the Linux command.
           wine starts a process in ~0.5 s, so all runs of each kind go through ONE .bat file
           in one wine session.
inputs     "-" (standard input), PowerShell's UTF-16LE dump, a non-ASCII path, --summary,
           --report (CRLF; .json/.csv/.txt by extension).
machine    the test build's firmware seam (SLICSCAN_FAKE_FIRMWARE: a folder of SIG.dat files,
           behaving as Windows documents GetSystemFirmwareTable): consistent and inconsistent
           RSDT/XSDT, two SLICs (win-slic-hidden), an empty provider, MSDM masking, the
           SMBIOS identity ('RSMB') in the report, WinPE vs installed Windows in the source.
real       the shipped build (kernel32's provider; wine has no 'ACPI' one): no tables, exit 3.
Usage: run_win.py --slicscan LINUX --exe TEST_EXE --real-exe EXE --build DIR [--corpus DIR]"""
import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "qemu"))
from gen_tables import root_table, rsdp  # noqa: E402
from real_tables import msdm_key, parse_acpidump, mask  # noqa: E402

DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus", "linuxhw"))
passed = failed = 0


def case(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"  FAIL {name}: {str(detail)[:400]}")


def winpath(p):
    return "Z:" + os.path.abspath(p).replace("/", "\\")


def wine_env(build, extra=None):
    env = dict(os.environ)
    env.update(WINEPREFIX=os.path.abspath(os.path.join(build, "wine")), WINEDEBUG="-all",
               WINEDLLOVERRIDES="mscoree,mshtml=")
    env.update(extra or {})
    return env


def wine(build, exe, args, stdin=None, extra=None):
    p = subprocess.run(["wine", exe] + args, stdin=stdin, capture_output=True, timeout=120,
                       env=wine_env(build, extra))
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def linux(slicscan, args, stdin=None):
    p = subprocess.run([slicscan] + args, stdin=stdin, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def comparable(text):
    try:
        j = json.loads(text)
    except ValueError:
        return None
    j.pop("source", None)
    return j


def write_folder(tables, folder, names=None):
    """Raw tables as acpixtract names them: ssdt1.dat, ssdt2.dat ..."""
    os.makedirs(folder, exist_ok=True)
    seen = {}
    for sig, _, data in tables:
        seen[sig] = seen.get(sig, 0) + 1
        n = seen[sig]
        name = (f"{sig}.dat" if n == 1 else f"{sig}{n}.dat") if names == "fw" else \
            f"{sig.lower()}{n if n > 1 or sig in ('SSDT',) else ''}.dat"
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)


def batch(build, exe, jobs, tmp, tag):
    """jobs: [(input path, out stem)]. Runs exe --json on each in one wine session."""
    bat = os.path.join(tmp, f"run-{tag}.bat")
    with open(bat, "w", newline="\r\n") as f:
        f.write("@echo off\n")
        for inp, stem in jobs:
            f.write(f'"{winpath(exe)}" --json "{winpath(inp)}" > "{winpath(stem)}.json" 2>NUL\n')
            f.write(f'>"{winpath(stem)}.rc" echo %ERRORLEVEL%\n')
    subprocess.run(["wine", "cmd", "/c", winpath(bat)], capture_output=True, timeout=1800,
                   env=wine_env(build))
    out = {}
    for inp, stem in jobs:
        try:
            with open(stem + ".json", encoding="utf-8", errors="replace") as f:
                j = f.read()
            with open(stem + ".rc") as f:
                rc = int(f.read().strip())
        except (OSError, ValueError):
            j, rc = "", None
        out[inp] = (rc, j)
    return out


def corpus_suite(a, tmp):
    dumps = sorted(f for f in os.listdir(a.corpus) if f.endswith(".acpidump"))
    jobs_text, jobs_dir = [], []
    for i, name in enumerate(dumps):
        path = os.path.join(a.corpus, name)
        folder = os.path.join(tmp, "raw", name[:-len(".acpidump")])
        with open(path, encoding="latin-1") as f:
            write_folder(parse_acpidump(f.read(), name), folder)
        jobs_text.append((path, os.path.join(tmp, "out", f"t{i}")))
        jobs_dir.append((folder, os.path.join(tmp, "out", f"d{i}")))
    os.makedirs(os.path.join(tmp, "out"))
    t0 = time.time()
    with ThreadPoolExecutor(2) as ex:
        fut = ex.submit(lambda: {p: linux(a.slicscan, ["--json", p]) for p, _ in jobs_text + jobs_dir})
        win_text = batch(a.build, a.exe, jobs_text, tmp, "text")
        win_dir = batch(a.build, a.exe, jobs_dir, tmp, "dir")
        lin = fut.result()
    for kind, jobs, win in (("acpidump text", jobs_text, win_text), ("raw folder", jobs_dir, win_dir)):
        bad = []
        for p, _ in jobs:
            lrc, lout = lin[p]
            wrc, wout = win[p]
            lj, wj = comparable(lout), comparable(wout)
            if lj is None or wj != lj or wrc != lrc:
                bad.append((os.path.basename(p), lrc, wrc, diff(lj, wj)))
        case(f"corpus {kind}: {len(jobs)} dumps, slicscan.exe JSON and exit code == Linux",
             not bad, bad[:3])
    print(f"  corpus: {2 * len(dumps)} runs each side in {time.time() - t0:.0f}s")
    return dumps


def diff(a, b):
    if not isinstance(a, dict) or not isinstance(b, dict):
        return "no JSON"
    return {k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)}


def inputs_suite(a, tmp, dump):
    rc0, out0 = linux(a.slicscan, ["--json", dump])
    want = comparable(out0)
    with open(dump, "rb") as f:
        rc, out, _ = wine(a.build, a.exe, ["--json", "-"], stdin=f)
    case("'-' reads the dump from standard input", (rc, comparable(out)) == (rc0, want), (rc, rc0))
    u16 = os.path.join(tmp, "powershell.txt")
    with open(dump, encoding="latin-1") as f, open(u16, "wb") as o:
        o.write(b"\xff\xfe" + f.read().encode("utf-16-le"))
    rc, out, _ = wine(a.build, a.exe, ["--json", winpath(u16)])
    case("PowerShell's UTF-16LE dump judged like the text", (rc, comparable(out)) == (rc0, want), rc)
    odd = os.path.join(tmp, "Prüfung ünd 日本", "acpi ö.txt")
    os.makedirs(os.path.dirname(odd))
    shutil.copy(dump, odd)
    rc, out, _ = wine(a.build, a.exe, ["--json", winpath(odd)])
    case("a non-ASCII path is read", (rc, comparable(out)) == (rc0, want), (rc, out[:200]))
    rc, out, _ = wine(a.build, a.exe, [winpath(odd)])
    src = [line for line in out.splitlines() if line.startswith("Source")]
    case("  ... and named right (UTF-8) in the text's source line",
         src and "Prüfung ünd 日本\\acpi ö.txt" in src[0], src)
    rc, out, _ = wine(a.build, a.exe, ["--summary", winpath(dump)])
    lrc, lout = linux(a.slicscan, ["--summary", dump])
    case("--summary: one line, as on Linux", rc == lrc and out.replace("\r\n", "\n") == lout
         and out.count("\n") == 1 and out.startswith("verdict=") and f";exit={rc};" in out, (out, lout))
    for ext in ("txt", "json", "csv"):
        rep = os.path.join(tmp, f"report ü.{ext}")
        rc, out, _ = wine(a.build, a.exe, ["--report", winpath(rep), winpath(dump)])
        data = open(rep, "rb").read() if os.path.exists(rep) else b""
        crlf = data.count(b"\r\n") == data.count(b"\n") and data.count(b"\n") > 0
        ok = rc == rc0 and crlf
        if ext == "json":
            ok = ok and comparable(data.decode()) == want
        if ext == "csv":
            ok = ok and data.count(b"\r\n") == 2 and data.startswith(b'"')
        if ext == "txt":
            ok = ok and b"Verdict" in data
        case(f"--report .{ext}: written, CRLF", ok, (rc, data[:120]))
    rc, out, err = wine(a.build, a.exe, ["--report", winpath(os.path.join(tmp, "no", "such", "r.txt")), winpath(dump)])
    case("--report to a missing folder: report-not-saved, exit 2 at least", rc >= 2 and "report-not-saved" in out, (rc, out[-300:]))
    rc, _, err = wine(a.build, a.exe, ["--root", "C:\\", "--json"])
    case("--root is refused on Windows (usage, exit 4)", rc == 4 and "--root" in err, (rc, err))
    rc, _, err = wine(a.build, a.exe, ["--json", winpath(os.path.join(tmp, "missing.txt"))])
    case("a missing file: cannot judge (exit 3)", rc == 3, rc)


def rsmb(manufacturer, product, serial):
    strings = b"\0".join(s.encode() for s in (manufacturer, product, "1.0", serial)) + b"\0\0"
    t1 = struct.pack("<BBHBBBB16sBBB", 1, 27, 1, 1, 2, 3, 4, bytes(range(16)), 6, 0, 0) + strings
    end = struct.pack("<BBH", 127, 4, 0xFFFF) + b"\0\0"
    table = t1 + end
    return struct.pack("<BBBBI", 0, 2, 8, 0, len(table)) + table


def machine_suite(a, tmp, corpus):
    rows = [json.loads(l) for l in open(os.path.join(corpus, "expected.jsonl"))]
    pick = next(r for r in rows if r["win7_kms"] == "ready-unverified" and r["msdm"] == "key-ok")
    with open(os.path.join(corpus, pick["file"]), encoding="latin-1") as f:
        tables = [t for t in parse_acpidump(f.read(), pick["file"]) if t[0] not in ("RSDT", "XSDT")]
    slic = next(d for s, _, d in tables if s == "SLIC")
    ids = (slic[10:16], slic[16:24])
    key = next(msdm_key(d) for s, _, d in tables if s == "MSDM")

    def firmware(name, rsdt_ids=ids, extra=(), smbios=None):
        folder = os.path.join(tmp, "fw", name)
        roots = [("RSDT", 0, root_table(b"RSDT", rsdt_ids, [0x1000])),
                 ("XSDT", 0, root_table(b"XSDT", ids, [0x1000]))]
        write_folder(list(tables) + roots + list(extra), folder, names="fw")
        if smbios:
            with open(os.path.join(folder, "RSMB.dat"), "wb") as f:
                f.write(smbios)
        return folder

    def run(folder, args=("--json",), env=None):
        e = {"SLICSCAN_FAKE_FIRMWARE": winpath(folder)}
        e.update(env or {})
        rc, out, err = wine(a.build, a.exe, list(args), extra=e)
        try:
            j = json.loads(out)
        except ValueError:
            j = {}
        j["_ids"] = {f["id"] for f in j.get("findings", [])}
        return rc, j, out

    rc, j, out = run(firmware("consistent"))
    case("consistent RSDT/XSDT: Windows 7 ready (valid-marker)",
         j.get("windows7_kms") == "ready" and j.get("windows7_reason") == "valid-marker"
         and rc in (0, 2) and "slic-valid" in j["_ids"], (rc, j.get("windows7_kms"), j.get("windows7_reason")))
    case("  ... what Windows hides is said: win-no-rsdp, win-no-addresses",
         {"win-no-rsdp", "win-no-addresses"} <= j["_ids"], sorted(j["_ids"]))
    case("  ... the source line names the provider and warns of loaders (installed Windows)",
         "SLICSCAN_FAKE_FIRMWARE" in j.get("source", "") and "loader" in j.get("source", ""), j.get("source"))
    case("  ... the MSDM key is masked", key.decode() not in out and mask(key) in out, "key shown")
    rc2, j2, out2 = run(firmware("consistent"), ("--json", "--show-key"))
    case("  ... and shown with --show-key", key.decode() in out2, rc2)
    # WinPE: the MiniNT key (wine resets SystemDrive for every process, so only the key is
    # testable); added to the test prefix for this one run and removed again
    mini = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\MiniNT"
    subprocess.run(["wine", "reg", "add", mini, "/f"], capture_output=True, env=wine_env(a.build))
    try:
        rc, j, _ = run(firmware("consistent"))
    finally:
        subprocess.run(["wine", "reg", "delete", mini, "/f"], capture_output=True, env=wine_env(a.build))
    case("WinPE (the MiniNT key): the source says WinPE, no loader warning",
         "WinPE" in j.get("source", "") and "loader" not in j.get("source", ""), j.get("source"))

    rc, j, _ = run(firmware("inconsistent", rsdt_ids=(ids[0], b"OTHERTBL")))
    case("RSDT OEM Table ID differs: not ready, inconsistent:RSDT, exit 1",
         (rc, j.get("windows7_kms"), j.get("windows7_reason")) == (1, "not-ready", "inconsistent:RSDT"),
         (rc, j.get("windows7_kms"), j.get("windows7_reason")))

    # a legacy-BIOS PC: 'FIRM' gives the BIOS area, the RSDP in it is found and compared
    for oem, want in ((ids[0], False), (b"OTHER ", True)):
        area = bytearray(0x20000)
        area[0x10000:0x10024] = rsdp(oem, 0, 0)
        rc, j, _ = run(firmware("bios-" + oem.decode().strip(), extra=[("FIRM_E0000", 0, bytes(area))]))
        sigs = [t.get("signature") for t in j.get("tables", [])]
        case(f"legacy-BIOS PC, RSDP OEM ID {oem.decode()!r}: RSDP from 'FIRM', compared",
             "win-no-rsdp" not in j["_ids"] and "RSDP" in sigs and
             ("slic-ids-rsdp" in j["_ids"]) == want and j.get("windows7_kms") == "ready",
             (rc, sigs, sorted(j["_ids"])))

    bad = bytearray(slic)
    bad[-1] ^= 0xFF
    rc, j, _ = run(firmware("two-slics", extra=[("SLIC", 0, bytes(bad))]))
    case("two SLICs: win-slic-hidden, Windows 7 unverified, exit 2",
         "win-slic-hidden" in j["_ids"] and j.get("windows7_kms") == "unverified" and rc == 2,
         (rc, j.get("windows7_kms"), sorted(j["_ids"])))
    rc, j, _ = run(os.path.join(tmp, "fw", "two-slics"), ("--json", "--target", "windows8"))
    sev = {f["id"]: f.get("severity") for f in j.get("findings", [])}
    case("  ... for --target windows8 only information (SLIC rules do not decide Windows 8+)",
         sev.get("win-slic-hidden") == "info" and rc == 0, (rc, sev.get("win-slic-hidden")))

    empty = os.path.join(tmp, "fw", "empty")
    os.makedirs(empty)
    rc, j, out = run(empty)
    case("an empty provider: cannot judge (exit 3)", rc == 3 and j.get("verdict") == "error", (rc, out[:200]))

    folder = firmware("smbios", smbios=rsmb("Contoso Ltd", "Imaging Box 7", "SER-4711"))
    rc, j, out = run(folder)
    case("SMBIOS identity in the JSON report", "SER-4711" in out and "Contoso Ltd" in out
         and "Imaging Box 7" in out, out[:300])
    rc, _, out = run(folder, ("--summary",))
    case("  ... and the serial in --summary", out.strip().endswith(";serial=SER-4711"), out)
    rep = os.path.join(tmp, "machine.txt")
    rc, _, out = run(folder, ("--report", winpath(rep)))
    data = open(rep, "rb").read() if os.path.exists(rep) else b""
    case("  ... and in the --report text (CRLF)", b"SER-4711" in data and b"\r\n" in data, data[:200])


def real_suite(a, dump):
    rc, out, err = wine(a.build, a.real_exe, ["--json"])
    j = comparable(out) or {}
    case("shipped build under wine (no 'ACPI' provider): no tables, exit 3",
         rc == 3 and "GetSystemFirmwareTable" in out, (rc, out[:300]))
    rc, out, _ = wine(a.build, a.real_exe, ["--json", winpath(dump)])
    lrc, lout = linux(a.slicscan, ["--json", dump])
    case("shipped build judges a dump like Linux", (rc, comparable(out)) == (lrc, comparable(lout)), rc)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--slicscan", required=True)
    ap.add_argument("--exe", required=True)
    ap.add_argument("--real-exe", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    a = ap.parse_args()
    if "test" not in os.path.abspath(a.exe):
        sys.exit("run_win.py: the fake-firmware build must live under a folder named *test*")
    t0 = time.time()
    subprocess.run(["wineboot", "--init"], capture_output=True, timeout=300, env=wine_env(a.build))
    print(f"  wine prefix ready in {time.time() - t0:.0f}s")
    with tempfile.TemporaryDirectory(prefix="slicscan-win-") as tmp:
        dumps = corpus_suite(a, tmp)
        dump = os.path.join(a.corpus, dumps[0])
        inputs_suite(a, tmp, dump)
        machine_suite(a, tmp, a.corpus)
        real_suite(a, dump)
    print(f"win: {passed} passed, {failed} failed ({time.time() - t0:.0f}s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
