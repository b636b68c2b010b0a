#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Extract real SLIC/MSDM tables from the linuxhw acpidump corpus for the QEMU suite.

The corpus (shared/corpus/linuxhw, CC BY 4.0, linuxhw.org contributors) holds acpidump text:
a line "SIG @ 0xADDR", then lines "    OFFSET: XX XX ... XX  ascii" (at most 16 hex bytes a line,
then the ASCII column, which is ignored). The tables chosen here are written as raw .bin files
into the build folder (BUILD/qemu/real/NAME/), never into the repository: they carry real OEM
keys and, in MSDM tables, real product keys.

  python3 tests/qemu/real_tables.py [--out DIR] [--corpus DIR] [--survey]

As a module: parse_acpidump(text), extract(dump, out_dir, sigs), REAL (the rules that choose
the dumps the QEMU suite boots), choose(corpus) (apply them to expected.jsonl) and
prepare(out, corpus, choices) (extract the chosen tables). tests/qemu/run_scenarios.py derives
each scenario's expectations from the chosen row of expected.jsonl. Standard library only.
"""

import argparse
import hashlib
import json
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "linuxhw"))
HEADER_LEN = 36

_TABLE_LINE = re.compile(r"([A-Za-z0-9_!$ ]{4}) @ 0x([0-9A-Fa-f]+)\s*")
# "    0010: 46 4C 30 39 ...  FL09" : offset, colon, one space, 1..16 hex pairs separated by one
# space, then (only when an ASCII column follows) at least two spaces. Strict on purpose: a
# single-space run after the 16th byte, a 17th byte or a stray token is an error, not data.
_DATA_LINE = re.compile(r"\s+([0-9A-Fa-f]{4,8}): ((?:[0-9A-Fa-f]{2} ){0,15}[0-9A-Fa-f]{2})(?:  .*)?")


class DumpError(ValueError):
    pass


def parse_acpidump(text, name="<dump>"):
    """Return [(sig, addr, bytes)] in file order. Raises DumpError on a malformed table."""
    tables = []
    cur = None  # [sig, addr, bytearray, line number]

    def close():
        if cur is None:
            return
        sig, addr, data, ln = cur
        if len(data) < HEADER_LEN:
            raise DumpError(f"{name}:{ln}: {sig} has {len(data)} bytes, less than a header")
        length = struct.unpack_from("<I", data, 4)[0]
        if bytes(data[:4]) != sig.encode("ascii"):
            raise DumpError(f"{name}:{ln}: table {sig} starts with {bytes(data[:4])!r}")
        if length != len(data):
            raise DumpError(f"{name}:{ln}: {sig} header length {length}, dump holds {len(data)}")
        tables.append((sig, addr, bytes(data)))

    in_body = False  # between a "SIG @" line and the blank line after its hex lines
    for ln, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            in_body = False
            continue
        m = _TABLE_LINE.fullmatch(line)
        if m:
            close()
            cur = [m.group(1), int(m.group(2), 16), bytearray(), ln]
            in_body = True
            continue
        m = _DATA_LINE.fullmatch(line)
        if not m:
            if in_body or line[:1].isspace():
                raise DumpError(f"{name}:{ln}: unreadable line {line[:60]!r}")
            continue  # a message between tables ("Firmware Warning (ACPI): ...")
        if cur is None:
            raise DumpError(f"{name}:{ln}: hex line before any table")
        off = int(m.group(1), 16)
        if off != len(cur[2]):
            raise DumpError(f"{name}:{ln}: offset {off:#x}, expected {len(cur[2]):#x}")
        toks = m.group(2).split(" ")
        if len(toks) > 16 or any(len(t) != 2 for t in toks):
            raise DumpError(f"{name}:{ln}: bad hex run")
        if len(toks) < 16 and line[m.end(2):m.end(2) + 1] not in ("", " "):
            raise DumpError(f"{name}:{ln}: bad hex run")
        cur[2] += bytes(int(t, 16) for t in toks)
    close()
    return tables


def header(t):
    """The ACPI header fields of a table's bytes."""
    sig, length, rev, csum, oem_id, oem_tid = struct.unpack_from("<4sIBB6s8s", t)
    return {"sig": sig.decode("ascii", "replace"), "length": length, "revision": rev,
            "oem_id": oem_id.decode("latin-1"), "oem_table_id": oem_tid.decode("latin-1"),
            "checksum_ok": sum(t) % 256 == 0}


def extract(dump, out_dir, sigs=("SLIC", "MSDM")):
    """Write the first table of each signature in sigs as out_dir/SIG.bin (lower case).

    Returns {sig: path}. A signature the dump lacks is left out; a second table of the same
    signature is an error (no scenario here is about duplicates)."""
    with open(dump, encoding="ascii", errors="strict") as f:
        tables = parse_acpidump(f.read(), os.path.basename(dump))
    os.makedirs(out_dir, exist_ok=True)
    out = {}
    for sig, _, data in tables:
        if sig not in sigs:
            continue
        if sig in out:
            raise DumpError(f"{os.path.basename(dump)}: more than one {sig}")
        p = os.path.join(out_dir, sig.lower() + ".bin")
        with open(p, "wb") as f:
            f.write(data)
        out[sig] = p
    return out


# ---- what the tables hold (enough to choose dumps and to derive expectations) ----------------

def slic_facts(t):
    """Key fingerprint (first 16 hex digits of SHA-256 over the LE modulus), marker IDs."""
    facts = {"key_fp": None, "marker_oem_id": None}
    off = HEADER_LEN
    while off + 8 <= len(t):
        typ, ln = struct.unpack_from("<II", t, off)
        if ln < 8 or off + ln > len(t):
            break
        if typ == 0 and ln >= 0x9C:
            facts["key_fp"] = hashlib.sha256(t[off + 28:off + 28 + 128]).hexdigest()[:16]
        elif typ == 1 and ln >= 0xB6:
            facts["marker_oem_id"] = t[off + 12:off + 18].decode("latin-1")
        off += ln
    return facts


def msdm_key(t):
    """The product key an MSDM carries (bytes), or None. Never print it unmasked."""
    if len(t) < HEADER_LEN + 20:
        return None
    n = struct.unpack_from("<I", t, HEADER_LEN + 16)[0]
    k = t[HEADER_LEN + 20:HEADER_LEN + 20 + n]
    return k if len(k) == 29 else None


def mask(key):
    """XXXXX-XXXXX-XXXXX-XXXXX-LAST5, the form the product shows."""
    if isinstance(key, bytes):
        key = key.decode("ascii", "replace")
    return "XXXXX-XXXXX-XXXXX-XXXXX-" + key[-5:]


def load_expected(corpus):
    with open(os.path.join(corpus, "expected.jsonl")) as f:
        return {r["file"]: r for r in (json.loads(l) for l in f if l.strip())}


# ---- the dumps the QEMU suite boots -----------------------------------------------------------
#
# Each entry: scenario name, the rule that finds its dump in expected.jsonl (a predicate over the
# row and the SLIC/MSDM header facts; the first match in file-name order wins, so the choice is
# stable), "file" the dump the rule chose when the suite was written (preferred while the corpus
# still has it and it still fits the rule; otherwise the rule's first fit is booted and the
# scenario's note says so: a grown or changed corpus still tests the same case), "key" ("known" or "unknown":
# whether the SLIC key is one of the OEM keys built into acpi/known.c; only for valid markers)
# and findings the scenario must show beyond what the row implies.

def _vendor(row):
    return row["file"].split("_")[1]


def trimmed(oem_id):
    """OEM IDs compare with trailing spaces and NULs ignored, as acpi/ does."""
    return oem_id.rstrip(" \0")


REAL = [
    {"name": "real-dell-2.1", "file": "All-In-One_Dell_Inspiron-One-2310_5F83FBD970E4.acpidump",
     "pick": lambda r, s, m: _vendor(r) == "Dell" and r["win7_kms"] == "ready-unverified"
     and r["marker_version"] == "2.1" and r["msdm"] == "absent",
     "about": "Dell, signed marker 2.1", "key": "known"},
    {"name": "real-lenovo-2.3", "file": "Desktop_Lenovo_ThinkCentre-M800-10FW0004CA_F935B8431F8F.acpidump",
     "pick": lambda r, s, m: _vendor(r) == "Lenovo" and r["win7_kms"] == "ready-unverified"
     and r["marker_version"] == "2.3",
     "about": "Lenovo, signed marker 2.3, MSDM", "key": "known"},
    {"name": "real-dell-2.0", "file": "Desktop_Dell_Inspiron-530_DEF2DEF61AED.acpidump",
     "pick": lambda r, s, m: _vendor(r) == "Dell" and r["win7_kms"] == "ready-unverified"
     and r["marker_version"] == "2.0",
     "about": "Dell, signed marker 2.0 (Vista era)", "key": "known"},
    {"name": "real-hp-msdm", "file": "Desktop_Hewlett-Packard_EliteDesk-800-G3-SFF_45F34BFD030B.acpidump",
     "pick": lambda r, s, m: _vendor(r) in ("Hewlett-Packard", "Toshiba")
     and r["win7_kms"] == "ready-unverified" and r["msdm"] == "key-ok",
     "about": "HP, signed marker 2.1, MSDM key (masked)", "key": "known"},
    {"name": "real-insyde", "file": "Convertible_Lenovo_Yoga-6-13ALC6-82ND_4B89F57A5AA6.acpidump",
     "pick": lambda r, s, m: r["reason"] == "invalid-marker:signature"
     and (s.get("marker_oem_id") or "").startswith("INSYDE"),
     "about": "Insyde template marker under LENOVO header, MSDM", "findings": ["slic-placeholder"]},
    {"name": "real-blank-ff", "file": "Notebook_Lenovo_G580-20150_0D75B079ABA0.acpidump",
     "pick": lambda r, s, m: r["reason"] == "invalid-slic:blank-ff",
     "about": "SLIC body all 0xFF"},
    {"name": "real-blank-00", "file": "Notebook_Hewlett-Packard_Presario-CQ57_C92D814C37F9.acpidump",
     "pick": lambda r, s, m: r["reason"] == "invalid-slic:blank-00",
     "about": "SLIC body all 0x00"},
    {"name": "real-itinfo-key", "file": "Notebook_Itautec_Infoway_401B6B5F36EF.acpidump",
     "pick": lambda r, s, m: r["win7_kms"] == "ready-unverified" and trimmed(s["oem_id"]) == "ITINFO",
     "about": "ITINFO (Itautec), signed marker 2.0, a key grown from real data", "key": "known"},
    {"name": "real-msdm-ids-differ", "file": "Notebook_Timi_RedmiBook-Pro-15S_3509D1F696E7.acpidump",
     "pick": lambda r, s, m: r["msdm"] != "absent" and m
     and trimmed(m["oem_id"]) != trimmed(s["oem_id"]),
     "about": "Insyde marker; MSDM OEM ID differs from the SLIC's", "findings": ["slic-placeholder"]},
]


def facts_of(corpus, row):
    """SLIC/MSDM header facts of one dump, for choosing (never includes the MSDM key)."""
    with open(os.path.join(corpus, row["file"]), encoding="ascii") as f:
        tables = parse_acpidump(f.read(), row["file"])
    s, m = {}, {}
    for sig, _, t in tables:
        if sig == "SLIC" and not s:
            s = dict(header(t), **slic_facts(t))
        elif sig == "MSDM" and not m:
            m = header(t)
    return s, m


def choose(corpus=DEFAULT_CORPUS):
    """Apply each REAL rule to expected.jsonl. Returns [{"name", "file", "row", "about", "key",
    "findings", "slic": header facts, "msdm": header facts or None}]; raises DumpError."""
    rows = sorted(load_expected(corpus).values(), key=lambda r: r["file"])
    cache = {}
    out = []
    for ent in REAL:
        def fits(r):
            if not r["slic"]:
                return False
            if r["file"] not in cache:
                cache[r["file"]] = facts_of(corpus, r)
            return ent["pick"](r, *cache[r["file"]])

        pinned = [r for r in rows if r["file"] == ent["file"] and fits(r)]
        chosen = pinned[0] if pinned else next((r for r in rows if fits(r)), None)
        if chosen is None:
            raise DumpError(f"{ent['name']}: no dump in expected.jsonl fits ({ent['about']})")
        s, m = cache[chosen["file"]]
        out.append({"name": ent["name"], "file": chosen["file"], "row": chosen,
                    "about": ent["about"] + ("" if pinned else
                                             f"; {ent['file']} gone or changed, rule's first fit"),
                    "key": ent.get("key"),
                    "findings": list(ent.get("findings", [])), "slic": s, "msdm": m or None})
    return out


def prepare(out, corpus=DEFAULT_CORPUS, choices=None):
    """Extract each chosen dump's SLIC (and MSDM) into out/NAME/. Returns {name: {"file",
    "tables": [paths, SLIC first], "msdm_key": bytes or None (keep it out of any output)}}."""
    man = {}
    for c in choices if choices is not None else choose(corpus):
        d = os.path.join(out, c["name"])
        if os.path.isdir(d):
            for old in os.listdir(d):
                os.remove(os.path.join(d, old))
        got = extract(os.path.join(corpus, c["file"]), d)
        if "SLIC" not in got:
            raise DumpError(f"{c['file']}: no SLIC table")
        key = None
        if "MSDM" in got:
            with open(got["MSDM"], "rb") as f:
                key = msdm_key(f.read())
        man[c["name"]] = {"file": c["file"], "msdm_key": key,
                          "tables": [got["SLIC"]] + ([got["MSDM"]] if "MSDM" in got else [])}
    return man


def survey(corpus):
    """One line per dump with a SLIC: what expected.jsonl says and the header IDs (no keys)."""
    expected = load_expected(corpus)
    for name in sorted(expected):
        r = expected[name]
        if not r["slic"]:
            continue
        s, m = facts_of(corpus, r)
        print(f"{r['win7_kms']:16} {r['reason']:26} {str(r['marker_version']):4} {r['msdm']:7} "
              f"slic={s.get('oem_id')!r}/{s.get('oem_table_id')!r} marker={s.get('marker_oem_id')!r} "
              f"key={s.get('key_fp')} msdm={m.get('oem_id')!r} {name}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(os.environ.get("BUILD", os.path.join(ROOT, "build")),
                                                  "qemu", "real"))
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--survey", action="store_true", help="list every dump with a SLIC")
    a = ap.parse_args()
    if a.survey:
        survey(a.corpus)
        return 0
    man = prepare(a.out, a.corpus)
    for name, it in man.items():
        extra = f"  MSDM key {mask(it['msdm_key'])}" if it["msdm_key"] else ""
        print(f"{name:24} {it['file']}{extra}")
        for p in it["tables"]:
            print(f"{'':24} {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
