#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`slicscan` without INPUT on Linux: the running machine's sysfs tables plus its RSDP, RSDT and
XSDT read from /dev/mem (host/devmem.c), proven on built machines under --root DIR:

  DIR/sys/firmware/acpi/tables/   the real tables of a corpus dump, one raw file each
  DIR/dev/mem                     a file standing in for physical memory (the one seam): the
                                  RSDP, RSDT, XSDT and the tables at their addresses
  DIR/sys/firmware/memmap/N/      start, end, type: "ACPI Tables" where the tables are,
                                  "System RAM" elsewhere (never to be read)
  DIR/sys/firmware/efi/systab     "ACPI20=0x..." on a UEFI machine, absent on a BIOS one

The expectations follow the rules (docs/FACTS.md §3) and the dump's expected.jsonl row:
with consistent root tables a valid SLIC is ready (valid-marker); an RSDT with other IDs fails
(inconsistent:RSDT); a root pointer into System RAM is refused even though valid bytes lie
there; without /dev/mem the answer stays "unverified" and says why.
Usage: test_machine.py --slicscan PATH"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "qemu"))
from gen_tables import root_table, rsdp  # noqa: E402  (the test table builders)
from real_tables import parse_acpidump  # noqa: E402

CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus", "linuxhw"))
ACPI_BASE, ACPI_END = 0x100000, 0x1FFFFF   # "ACPI Tables"
RAM_BASE, RAM_END = 0x200000, 0x2FFFFF     # "System RAM": slicscan must not read it
RSDT_AT, XSDT_AT, RSDP_AT = ACPI_BASE, ACPI_BASE + 0x1000, ACPI_BASE + 0x2000
BIOS_RSDP_AT = 0xF0010                      # legacy machines: found by scanning 0xE0000..0xFFFFF
results = []


def case(name, ok, detail=""):
    results.append(ok)
    print("  %s %s%s" % ("PASS" if ok else "FAIL", name, "" if ok else ": " + detail))


def machine(d, tables, rsdt_ids=None, xsdt_at=XSDT_AT, uefi=True, devmem=True, memmap=True,
            split=False, no_rsdp=False):
    """Lay out a machine under d from (sig, bytes) tables; returns d."""
    sysfs = os.path.join(d, "sys", "firmware", "acpi", "tables")
    os.makedirs(sysfs)
    mem = bytearray(RAM_END + 1)
    at, addrs = ACPI_BASE + 0x4000, []
    for i, (sig, t) in enumerate(tables):
        with open(os.path.join(sysfs, sig + ("" if sum(s == sig for s, _ in tables[:i]) == 0 else str(i))), "wb") as f:
            f.write(t)
        mem[at:at + len(t)] = t
        if sig not in ("FACS", "DSDT"):
            addrs.append(at)
        at = (at + len(t) + 0xFFF) & ~0xFFF
    src = next((t for s, t in tables if s == "SLIC"), None) or next(t for s, t in tables if s == "FACP")
    ids = (src[10:16], src[16:24])
    rs = root_table(b"RSDT", rsdt_ids or ids, addrs)
    xs = root_table(b"XSDT", ids, addrs)
    mem[RSDT_AT:RSDT_AT + len(rs)] = rs
    mem[xsdt_at:xsdt_at + len(xs)] = xs   # xsdt_at in System RAM: valid bytes, never to be read
    p = rsdp(ids[0], RSDT_AT, xsdt_at)
    o = RSDP_AT if uefi else BIOS_RSDP_AT
    if not no_rsdp:
        mem[o:o + 36] = p
    if devmem:
        os.makedirs(os.path.join(d, "dev"))
        with open(os.path.join(d, "dev", "mem"), "wb") as f:
            f.write(mem)
    if memmap:
        acpi = [(ACPI_BASE, ACPI_END, "ACPI Tables")]
        if split:  # firmware often splits ACPI memory in two types; the RSDT spans the seam
            acpi = [(ACPI_BASE, ACPI_BASE + 0x1F, "ACPI Tables"),
                    (ACPI_BASE + 0x20, ACPI_END, "ACPI Non-volatile Storage")]
        for n, (a, b, typ) in enumerate([(0, 0x9FFFF, "System RAM")] + acpi +
                                        [(RAM_BASE, RAM_END, "System RAM")]):
            e = os.path.join(d, "sys", "firmware", "memmap", str(n))
            os.makedirs(e)
            for k, v in (("start", "0x%x\n" % a), ("end", "0x%x\n" % b), ("type", typ + "\n")):
                with open(os.path.join(e, k), "w") as f:
                    f.write(v)
    if uefi:
        os.makedirs(os.path.join(d, "sys", "firmware", "efi"))
        with open(os.path.join(d, "sys", "firmware", "efi", "systab"), "w") as f:
            f.write("SMBIOS3=0x7f000000\nACPI20=0x%x\nACPI=0x%x\n" % (RSDP_AT, RSDP_AT))
    return d


def judge(slicscan, d):
    p = subprocess.run([slicscan, "--json", "--root", d], capture_output=True, timeout=60)
    try:
        j = json.loads(p.stdout)
    except ValueError:
        j = {}
    j["_exit"], j["_stderr"] = p.returncode, p.stderr.decode(errors="replace")
    j["_ids"] = {f["id"] for f in j.get("findings", [])}
    return j


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--slicscan", required=True)
    a = ap.parse_args()
    rows = [json.loads(l) for l in open(os.path.join(CORPUS, "expected.jsonl"))]
    valid = next(r for r in rows if r["win7_kms"] == "ready-unverified" and r["msdm"] == "absent")
    failing = next(r for r in rows if r["win7_kms"] == "fail")

    def tables_of(row):
        with open(os.path.join(CORPUS, row["file"]), encoding="latin-1") as f:
            return [(sig, t) for sig, _, t in parse_acpidump(f.read(), row["file"])]

    with tempfile.TemporaryDirectory(prefix="slicscan-machine-") as tmp:
        def m(name, row, **kw):
            return judge(a.slicscan, machine(os.path.join(tmp, name), tables_of(row), **kw))

        j = m("uefi", valid)
        case("UEFI machine: valid SLIC + root tables from /dev/mem is ready",
             j.get("windows7_kms") == "ready" and j.get("windows7_reason") == "valid-marker"
             and "slic-valid" in j["_ids"] and "slic-ids-unverified" not in j["_ids"]
             and j["_exit"] in (0, 2), "%s %s exit %s" % (j.get("windows7_kms"), j.get("windows7_reason"), j["_exit"]))
        case("the source says where the root tables came from",
             "RSDP/RSDT/XSDT from /dev/mem (RSDP via the EFI system table)" in j.get("source", ""),
             j.get("source", ""))
        addrs = {t["signature"]: t["address"] for t in j.get("tables", [])}
        case("RSDT/XSDT carry their physical addresses",
             addrs.get("RSDT") == "0x%x" % RSDT_AT and addrs.get("XSDT") == "0x%x" % XSDT_AT, str(addrs))

        j = m("bios", valid, uefi=False)
        case("BIOS machine: the RSDP is found in 0xE0000-0xFFFFF",
             j.get("windows7_kms") == "ready" and "BIOS area" in j.get("source", ""),
             "%s %s" % (j.get("windows7_kms"), j.get("source")))

        j = m("split-memmap", valid, split=True)
        case("an RSDT across two adjacent ACPI regions is read whole",
             j.get("windows7_kms") == "ready" and "slic-valid" in j["_ids"], str(j.get("windows7_reason")))

        j = m("no-rsdp", valid, uefi=False, no_rsdp=True)
        case("a BIOS machine without an RSDP: unverified, and says so",
             j.get("windows7_reason") == "no-rsdt-xsdt-in-dump" and "no RSDP" in j.get("source", ""),
             "%s %s" % (j.get("windows7_reason"), j.get("source")))

        j = m("rsdt-other", valid, rsdt_ids=(b"OTHERX", b"OTHERTBL"))
        case("an RSDT with other IDs fails: inconsistent:RSDT, exit 1, 0xC004F035",
             (j.get("windows7_reason"), j["_exit"], j.get("predicted_error")) ==
             ("inconsistent:RSDT", 1, "0xC004F035"), "%s exit %s" % (j.get("windows7_reason"), j["_exit"]))

        j = m("wild-xsdt", valid, xsdt_at=RAM_BASE + 0x1000)
        case("an XSDT pointer into System RAM is refused (root-pointer-bad), not read",
             "root-pointer-bad" in j["_ids"] and j.get("windows7_kms") == "unverified"
             and j["_exit"] == 2 and "XSDT" not in {t["signature"] for t in j.get("tables", [])},
             "%s %s %s" % (sorted(j["_ids"]), j.get("windows7_kms"), j["_exit"]))

        j = m("no-devmem", valid, devmem=False)
        case("no /dev/mem: unverified as from sysfs alone, and says why",
             j.get("windows7_reason") == "no-rsdt-xsdt-in-dump" and j["_exit"] == 2
             and "no RSDT/XSDT" in j.get("source", ""),
             "%s %s" % (j.get("windows7_reason"), j.get("source")))

        j = m("no-memmap", valid, memmap=False)
        case("no memory map: nothing outside the BIOS area is read (unverified)",
             j.get("windows7_reason") == "no-rsdt-xsdt-in-dump" and "no readable RSDT" in j.get("source", ""),
             "%s %s" % (j.get("windows7_reason"), j.get("source")))

        j = m("failing", failing)
        case("a failing SLIC still fails with root tables (%s)" % failing["reason"],
             (j.get("windows7_reason"), j["_exit"]) == (failing["reason"], 1),
             "%s exit %s" % (j.get("windows7_reason"), j["_exit"]))

        p = subprocess.run([a.slicscan, "--root", tmp, os.path.join(CORPUS, valid["file"])],
                           capture_output=True, timeout=60)
        case("--root with an INPUT is a usage error", p.returncode == 4, str(p.returncode))
        bad = [n for n in os.listdir(tmp) if judge(a.slicscan, os.path.join(tmp, n))["_stderr"]]
        case("no sanitizer report or stray message on any machine", not bad, str(bad))

    passed = sum(results)
    print("machine: %d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
