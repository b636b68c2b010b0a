#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Make the SLIC/MSDM test tables the QEMU scenarios inject, signed with a throwaway test key.

Layout and signature follow docs/FACTS.md, §2 SLIC (§2.5 the signature) and §4 MSDM. The key is an RSA-1024 key made here with `openssl genrsa` into the output folder:
never a real OEM key. Signing and the self-check use the `openssl` CLI, an implementation
independent of acpi/, so the tables are an oracle for the app and the CLI alike.

Output (OUT defaults to build/qemu/tables):
  OUT/testkey.pem              the test key (kept between runs, so the fingerprint is stable)
  OUT/policy.txt               a policy file that lists the test key (stick's \\slicscan\\policy.txt)
  OUT/variants.json            {variant: {"description", "tables": [{"file", "qemu"}]}}
  OUT/NAME/N-SIG.bin           the raw tables of variant NAME, in injection order
  OUT/NAME/acpidump.txt        the same bytes as QEMU installs them, in acpidump text format,
                               after a FACP carrying the IDs QEMU's FACP gets (see qemu_like_facp)

"qemu" is the -acpitable argument (file=...[,oem_id=..,oem_table_id=..]). When a variant
rewrites header IDs that way, its acpidump.txt holds the rewritten header, as the firmware would.

Add a variant: write a function returning a list of Table objects and register it in VARIANTS.
"""

import argparse
import hashlib
import json
import os
import struct
import subprocess
import sys
import tempfile

# ---- test identity --------------------------------------------------------------------------

OEM_ID = b"TEST  "        # padded with spaces like real IDs ("DELL  "): policy must quote it
OEM_TABLE_ID = b"SLICSCAN"
OTHER_OEM_ID = b"OTHERX"
OTHER_TABLE_ID = b"OTHERTBL"
KEY_VENDOR = "slicscan QEMU test key"  # the core keeps 31 characters

# A syntactically valid but fake Windows 8+ key: the product-key alphabet in order, one N.
FAKE_MSDM_KEY = b"NBCDF-GHJKM-PQRTV-WXY23-46789"
MALFORMED_MSDM_KEY = b"ABCDE-FGHIJ-KLMNO-PQRST-UVWXY"

SLIC_KEY_LEN = 0x9C
SLIC_MARKER_LEN = 0xB6
HEADER_LEN = 36


# ---- byte builders --------------------------------------------------------------------------

def checksum_fix(table):
    """Return table with byte 9 set so the whole table sums to 0 mod 256."""
    t = bytearray(table)
    t[9] = 0
    t[9] = (-sum(t)) & 0xFF
    return bytes(t)


def acpi_header(sig, length, oem_id=OEM_ID, oem_table_id=OEM_TABLE_ID, revision=1):
    assert len(sig) == 4 and len(oem_id) == 6 and len(oem_table_id) == 8
    return struct.pack("<4sIBB6s8sI4sI", sig, length, revision, 0, oem_id, oem_table_id,
                       1, b"SSQT", 1)


def table(sig, body, **hdr):
    return checksum_fix(acpi_header(sig, HEADER_LEN + len(body), **hdr) + body)


def root_table(sig, ids, entries):
    """An RSDT (32-bit entries) or XSDT (64-bit) with header IDs ids = (oem_id, oem_table_id)."""
    fmt = "<Q" if sig == b"XSDT" else "<I"
    return table(sig, b"".join(struct.pack(fmt, a) for a in entries), oem_id=ids[0],
                 oem_table_id=ids[1])


def rsdp(oem_id, rsdt_addr, xsdt_addr):
    """A revision-2 RSDP (36 bytes) with both checksums right."""
    r = bytearray(struct.pack("<8sB6sBIIQB3s", b"RSD PTR ", 0, oem_id, 2, rsdt_addr, 36,
                              xsdt_addr, 0, bytes(3)))
    r[8] = (-sum(r[:20])) & 0xFF
    r[32] = (-sum(r)) & 0xFF
    return bytes(r)


def rewrite_ids(tbl, oem_id, oem_table_id):
    """What QEMU does with -acpitable oem_id=..,oem_table_id=..: new header IDs, new checksum."""
    t = bytearray(tbl)
    t[10:16] = oem_id
    t[16:24] = oem_table_id
    return checksum_fix(t)


class Key:
    """The throwaway RSA-1024 test key, through the openssl CLI."""

    def __init__(self, path):
        self.path = path
        if not os.path.exists(path):
            tmp = path + ".tmp"
            run(["openssl", "genrsa", "-out", tmp, "1024"])
            os.replace(tmp, path)
        out = run(["openssl", "rsa", "-in", path, "-noout", "-modulus"]).strip()
        if not out.startswith("Modulus="):
            sys.exit(f"gen_tables: unexpected openssl output: {out[:60]}")
        n = int(out[len("Modulus="):], 16)
        self.modulus_le = n.to_bytes(128, "big")[::-1]
        self.exponent = 65537  # openssl genrsa's default (-F4)
        self.fingerprint = hashlib.sha256(self.modulus_le).hexdigest()[:16]

    def sign(self, msg):
        """RSASSA-PKCS1-v1_5 SHA-256, 128 bytes big-endian exactly as openssl writes them."""
        with tempfile.TemporaryDirectory() as d:
            m = os.path.join(d, "msg")
            s = os.path.join(d, "sig")
            with open(m, "wb") as f:
                f.write(msg)
            run(["openssl", "dgst", "-sha256", "-sign", self.path, "-out", s, m])
            with open(s, "rb") as f:
                sig = f.read()
        assert len(sig) == 128
        return sig

    def verifies(self, msg, sig):
        with tempfile.TemporaryDirectory() as d:
            m, s, pub = (os.path.join(d, x) for x in ("msg", "sig", "pub"))
            for p, b in ((m, msg), (s, sig)):
                with open(p, "wb") as f:
                    f.write(b)
            run(["openssl", "rsa", "-in", self.path, "-pubout", "-out", pub])
            r = subprocess.run(["openssl", "dgst", "-sha256", "-verify", pub, "-signature", s, m],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return r.returncode == 0


def run(argv):
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit(f"gen_tables: {' '.join(argv)} failed: {r.stderr.strip()}")
    return r.stdout


def key_subtable(modulus_le, exponent):
    """SLIC type 0: OEM public key, a Microsoft PUBLICKEYBLOB (length 0x9C)."""
    st = struct.pack("<IIBBHI4sII", 0, SLIC_KEY_LEN, 0x06, 0x02, 0, 0x00002400, b"RSA1", 1024,
                     exponent) + modulus_le
    assert len(st) == SLIC_KEY_LEN
    return st


def marker_subtable(key, oem_id=OEM_ID, oem_table_id=OEM_TABLE_ID, dw_version=0x00020000,
                    slic_version=0x00020001, sign=True, signature=None):
    """SLIC type 1: Windows marker (length 0xB6); signed over marker bytes +8..+53."""
    signed = struct.pack("<I6s8s8sI16s", dw_version, oem_id, oem_table_id, b"WINDOWS ",
                         slic_version, bytes(16))
    assert len(signed) == 46
    if signature is None:
        signature = key.sign(signed) if sign else bytes(128)
    st = struct.pack("<II", 1, SLIC_MARKER_LEN) + signed + signature
    assert len(st) == SLIC_MARKER_LEN
    return st


def slic(body, oem_id=OEM_ID, oem_table_id=OEM_TABLE_ID):
    return table(b"SLIC", body, oem_id=oem_id, oem_table_id=oem_table_id)


def valid_slic(key, oem_id=OEM_ID, oem_table_id=OEM_TABLE_ID, **marker):
    return slic(key_subtable(key.modulus_le, key.exponent) +
                marker_subtable(key, oem_id, oem_table_id, **marker), oem_id, oem_table_id)


def msdm(data, oem_id=OEM_ID, oem_table_id=OEM_TABLE_ID, fields=(1, 0, 1, 0, 29)):
    """MSDM (OA 3.0): u32 version, reserved, data type, data reserved, data length, data."""
    return table(b"MSDM", struct.pack("<5I", *fields) + data, oem_id=oem_id,
                 oem_table_id=oem_table_id, revision=3)


def pseudo_random(seed, n):
    out = b""
    while len(out) < n:
        seed = hashlib.sha256(seed).digest()
        out += seed
    return out[:n]


# ---- variants -------------------------------------------------------------------------------

class Table:
    def __init__(self, data, oem_id=None, oem_table_id=None):
        self.data = data
        self.oem_id = oem_id              # QEMU -acpitable header override, or None
        self.oem_table_id = oem_table_id

    def installed(self):
        """The bytes as the firmware presents them after QEMU applied the options."""
        if self.oem_id is None:
            return self.data
        return rewrite_ids(self.data, self.oem_id, self.oem_table_id)


def v_valid(version):
    return lambda k: [Table(valid_slic(k, slic_version=version))]


VARIANTS = {
    "valid-2.1": ("valid signed SLIC 2.1 (marker +34 = 0x20001)", v_valid(0x00020001)),
    "valid-2.0": ("valid signed SLIC 2.0 (marker +34 = 0, dwVersion 0x20000)", v_valid(0)),
    "valid-2.3": ("valid signed SLIC 2.3 (marker +34 = 0x20003)", v_valid(0x00020003)),
    "key-no-marker": ("SLIC with a public key and no Windows marker",
                      lambda k: [Table(slic(key_subtable(k.modulus_le, k.exponent)))]),
    "header-only": ("SLIC of 36 bytes: header, no body",
                    lambda k: [Table(slic(b""))]),
    "body-ff": ("SLIC of 0x176 bytes whose body is all 0xFF",
                lambda k: [Table(slic(b"\xff" * (0x176 - HEADER_LEN)))]),
    "body-00": ("SLIC of 0x176 bytes whose body is all 0x00",
                lambda k: [Table(slic(bytes(0x176 - HEADER_LEN)))]),
    "insyde-placeholder": (
        "Insyde template: header LENOVO/CB-01, marker INSYDE/INSYDE00, dwVersion 0x2000, "
        "exponent 257, signature that does not verify",
        lambda k: [Table(slic(
            key_subtable(pseudo_random(b"insyde-modulus", 128), 257) +
            marker_subtable(k, b"INSYDE", b"INSYDE00", dw_version=0x2000,
                            signature=pseudo_random(b"insyde-signature", 128)),
            b"LENOVO", b"CB-01   "))]),
    "marker-ids-differ": (
        "valid SLIC injected with oem_id/oem_table_id options: header IDs differ from the marker's",
        lambda k: [Table(valid_slic(k), OTHER_OEM_ID, OTHER_TABLE_ID)]),
    "rsdt-differs": (
        "two valid SLICs; RSDT/FADT follow the first, the second carries other IDs",
        lambda k: [Table(valid_slic(k)), Table(valid_slic(k, OTHER_OEM_ID, OTHER_TABLE_ID))]),
    "sig-flipped": ("valid SLIC with one bit of the marker signature flipped",
                    lambda k: [Table(flip_signature_bit(valid_slic(k)))]),
    "unknown-subtable": (
        "valid key and marker plus an extra subtable of type 7 (16 bytes)",
        lambda k: [Table(slic(key_subtable(k.modulus_le, k.exponent) + marker_subtable(k) +
                              struct.pack("<II", 7, 16) + b"SLICSCAN"))]),
    "zero-length-subtable": (
        "valid key and marker followed by a subtable whose length is 0",
        lambda k: [Table(slic(key_subtable(k.modulus_le, k.exponent) + marker_subtable(k) +
                              struct.pack("<II", 2, 0) + bytes(8)))]),
    "msdm-valid": ("no SLIC; MSDM with a well-formed FAKE key (one N)",
                   lambda k: [Table(msdm(FAKE_MSDM_KEY))]),
    "msdm-erased": ("no SLIC; MSDM whose body after the header is all 0xFF",
                    lambda k: [Table(table(b"MSDM", b"\xff" * (0x55 - HEADER_LEN), revision=3))]),
    "msdm-malformed": ("no SLIC; MSDM whose key holds letters outside the key alphabet",
                       lambda k: [Table(msdm(MALFORMED_MSDM_KEY))]),
    "none": ("no SLIC and no MSDM", lambda k: []),
    "sample": ("make run's sample PC: valid signed SLIC 2.1 and an MSDM with a fake key",
               lambda k: [Table(valid_slic(k)), Table(msdm(FAKE_MSDM_KEY))]),
}

MARKER_OFF = HEADER_LEN + SLIC_KEY_LEN  # where the marker starts in a standard SLIC


def flip_signature_bit(tbl):
    t = bytearray(tbl)
    t[MARKER_OFF + 54 + 40] ^= 0x10
    return checksum_fix(t)


# ---- output ---------------------------------------------------------------------------------

def acpidump_text(tables, addrs=None):
    """ACPICA acpidump format: 'SIG @ 0xADDR', 16-byte hex lines with ASCII, blank line after.
    addrs: each table's address (default 0, as in dumps taken from /sys)."""
    out = []
    for i, t in enumerate(tables):
        sig = "RSDP" if t[:8] == b"RSD PTR " else t[:4].decode("latin-1")
        out.append(f"{sig} @ 0x{addrs[i] if addrs else 0:016X}")
        for off in range(0, len(t), 16):
            chunk = t[off:off + 16]
            hx = " ".join(f"{b:02X}" for b in chunk)
            asc = "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in chunk)
            out.append(f"    {off:04X}: {hx:<47}  {asc}")
        out.append("")
    return "\n".join(out) + "\n"


def qemu_like_facp(installed):
    """A stand-in for the FACP QEMU builds: QEMU copies the first SLIC's header IDs into it
    (commit 4933716b), else uses its own BOCHS/BXPC. Only its header matters to slicscan; it is
    in the dump because a table set with neither root tables nor FACP is not judged at all."""
    ids = (b"BOCHS ", b"BXPC    ")
    for t in installed:
        if t[:4] == b"SLIC" and len(t) >= 24:
            ids = (t[10:16], t[16:24])
            break
    return table(b"FACP", bytes(244 - HEADER_LEN), oem_id=ids[0], oem_table_id=ids[1],
                 revision=3)


def policy_text(key):
    return (
        "# slicscan policy for the QEMU test suite (made by tests/qemu/gen_tables.py).\n"
        "# The key below is a throwaway test key, not an OEM's: fingerprint = first 16 hex\n"
        "# digits of SHA-256 over the 128 modulus bytes as stored in the SLIC.\n"
        "target windows7\n"
        "accept-versions 2.0 2.1 2.2 2.3\n"
        f"oem-key \"{OEM_ID.decode('ascii')}\" {key.fingerprint} {KEY_VENDOR}\n")


def self_check(key, name, tables):
    """The oracle checks its own output: valid markers verify with openssl, flipped ones don't."""
    for t in tables:
        d = t.data
        assert sum(d) % 256 == 0, f"{name}: checksum"
        assert struct.unpack_from("<I", d, 4)[0] == len(d), f"{name}: length field"
        if d[:4] != b"SLIC" or len(d) < MARKER_OFF + SLIC_MARKER_LEN:
            continue
        typ, ln = struct.unpack_from("<II", d, MARKER_OFF)
        if typ != 1 or ln != SLIC_MARKER_LEN:
            continue
        msg = d[MARKER_OFF + 8:MARKER_OFF + 54]
        sig = d[MARKER_OFF + 54:MARKER_OFF + 182]
        ok = key.verifies(msg, sig)
        want = name not in ("sig-flipped", "insyde-placeholder")
        assert ok == want, f"{name}: openssl says signature valid={ok}, expected {want}"


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(root, "build", "qemu", "tables"))
    ap.add_argument("--list", action="store_true", help="print variant names and descriptions")
    args = ap.parse_args()

    if args.list:
        for name, (desc, _) in VARIANTS.items():
            print(f"{name:22} {desc}")
        return 0

    os.makedirs(args.out, exist_ok=True)
    key = Key(os.path.join(args.out, "testkey.pem"))
    with open(os.path.join(args.out, "policy.txt"), "w") as f:
        f.write(policy_text(key))

    manifest = {}
    for name, (desc, build) in VARIANTS.items():
        tables = build(key)
        self_check(key, name, tables)
        vdir = os.path.join(args.out, name)
        os.makedirs(vdir, exist_ok=True)
        for old in os.listdir(vdir):
            os.remove(os.path.join(vdir, old))
        entries = []
        for i, t in enumerate(tables, 1):
            fn = os.path.join(vdir, f"{i}-{t.data[:4].decode('ascii').lower()}.bin")
            with open(fn, "wb") as f:
                f.write(t.data)
            q = "file=" + fn
            if t.oem_id is not None:
                q += f",oem_id={t.oem_id.decode('ascii')},oem_table_id={t.oem_table_id.decode('ascii')}"
            entries.append({"file": fn, "qemu": q})
        with open(os.path.join(vdir, "acpidump.txt"), "w") as f:
            installed = [t.installed() for t in tables]
            f.write(acpidump_text([qemu_like_facp(installed)] + installed))
        manifest[name] = {"description": desc, "tables": entries,
                          "acpidump": os.path.join(vdir, "acpidump.txt")}
    manifest_doc = {"key_fingerprint": key.fingerprint, "oem_id": OEM_ID.decode("ascii"),
                    "oem_table_id": OEM_TABLE_ID.decode("ascii"),
                    "policy": os.path.join(args.out, "policy.txt"), "variants": manifest}
    with open(os.path.join(args.out, "variants.json"), "w") as f:
        json.dump(manifest_doc, f, indent=1)
    print(f"gen_tables: {len(manifest)} variants in {args.out} (test key {key.fingerprint})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
