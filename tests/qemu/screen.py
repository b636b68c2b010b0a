#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Read OVMF's graphical text console back from a QEMU screendump: text and colours per cell.

OVMF's GraphicsConsole draws every character as a cell of 8x19 pixels in one foreground and one
background colour, the text area centred on the screen (100x31 cells by default, 80x25 in mode
0). A cell is read by matching its pixels against the glyphs OVMF itself drew: learn() boots the
UEFI Shell once, has it `type` a file holding every printable ASCII character and U+2588 FULL
BLOCK, and records each cell's bitmap (no font data is kept in git; the table is made at test
time into build/qemu/glyphs.json, remade when OVMF.fd changes).

  python3 tests/qemu/screen.py FILE.ppm [--cols 100 --rows 31]   # print the screen as text

Standard library only; ~0.3 s per 1280x800 screen.
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys

CELL_W, CELL_H = 8, 19
FULL_BLOCK = "\u2588"
UNKNOWN = "\ufffd"

# edk2 GraphicsConsole's colour table (mGraphicsEfiColors), by EFI colour number. Only the
# first 8 can be backgrounds; so a one-colour cell in a bright colour is a full block.
PALETTE = ["black", "blue", "green", "cyan", "red", "magenta", "brown", "lightgray",
           "darkgray", "lightblue", "lightgreen", "lightcyan", "lightred", "lightmagenta",
           "yellow", "white"]
RGB = [(0, 0, 0), (0, 0, 0x98), (0, 0x98, 0), (0, 0x98, 0x98), (0x98, 0, 0), (0x98, 0, 0x98),
       (0x98, 0x98, 0), (0x98, 0x98, 0x98), (0x30, 0x30, 0x30), (0, 0, 0xff), (0, 0xff, 0),
       (0, 0xff, 0xff), (0xff, 0, 0), (0xff, 0, 0xff), (0xff, 0xff, 0), (0xff, 0xff, 0xff)]
NAME = {bytes(c): n for c, n in zip(RGB, PALETTE)}
BACKGROUNDS = {bytes(c) for c in RGB[:8]}

ASCII = "".join(chr(c) for c in range(0x21, 0x7F))
# What the learning boot types, one line each (no line is wider than 80 columns).
LEARN_LINES = [ASCII[:47], ASCII[47:], FULL_BLOCK * 3]


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    if not m or m.group(3) != b"255":
        raise ValueError(f"{path}: not a binary PPM with 8-bit samples")
    w, h = int(m.group(1)), int(m.group(2))
    px = data[m.end():]
    if len(px) < w * h * 3:
        raise ValueError(f"{path}: short pixel data")
    return w, h, px


class Cell:
    __slots__ = ("ch", "fg", "bg")

    def __init__(self, ch, fg, bg):
        self.ch, self.fg, self.bg = ch, fg, bg  # fg/bg: palette names, None when not shown

    def coloured(self):
        """Drawn in anything but the console's normal light gray on black."""
        return self.bg not in (None, "black") or self.fg not in (None, "lightgray")


class Screen:
    def __init__(self, cols, rows, cells):
        self.cols, self.rows, self.cells = cols, rows, cells

    def text(self, row):
        return "".join(c.ch for c in self.cells[row])

    def lines(self):
        return [self.text(r).rstrip() for r in range(self.rows)]


def cell_pixels(w, px, x0, y0):
    rows = [px[((y0 + r) * w + x0) * 3:((y0 + r) * w + x0 + CELL_W) * 3] for r in range(CELL_H)]
    flat = b"".join(rows)
    return [flat[i:i + 3] for i in range(0, len(flat), 3)]


def key_of(pixels, fg):
    return bytes(1 if p == fg else 0 for p in pixels).hex()


def grid(w, h, cols, rows):
    x0, y0 = (w - cols * CELL_W) // 2, (h - rows * CELL_H) // 2
    if x0 < 0 or y0 < 0:
        raise ValueError(f"a {cols}x{rows} console does not fit a {w}x{h} screen")
    return x0, y0


def margins_blank(w, h, px, cols, rows):
    """Nothing is drawn outside the text area of a cols x rows console."""
    x0, y0 = grid(w, h, cols, rows)
    x1, y1 = x0 + cols * CELL_W, y0 + rows * CELL_H
    for y in range(h):
        line = px[y * w * 3:(y + 1) * w * 3]
        if y < y0 or y >= y1:
            if line.count(0) != len(line):
                return False
        elif line[:x0 * 3].count(0) != x0 * 3 or line[x1 * 3:].count(0) != (w - x1) * 3:
            return False
    return True


UNIFONT = "/usr/share/unifont/unifont.hex"


def unifont_glyphs(catalogues, hexpath=UNIFONT, top=2):
    """The cells a zh-TW character covers on OVMF's console, from the same Unifont glyphs the
    app registers (scripts/mkfont: 16x16 in a 16x19 wide cell, `top` blank rows above): its
    left half reads as the character, its right half as "" (one character, two cells)."""
    want = set()
    for p in catalogues:
        for s in re.findall(r'"((?:[^"\\]|\\.)*)"', open(p, encoding="utf-8").read()):
            want.update(c for c in s if ord(c) > 0x7E)
    font = {}
    for line in open(hexpath, encoding="ascii"):
        cp, _, bits = line.strip().partition(":")
        if len(cp) <= 4 and chr(int(cp, 16)) in want and len(bits) == 64:
            font[chr(int(cp, 16))] = bytes.fromhex(bits)
    glyphs = {}
    for ch, bits in font.items():
        for half, blank in ((0, ch), (1, "")):
            rows = [0] * CELL_H
            for r in range(16):
                rows[top + r] = bits[2 * r + half]
            key = bytes((row >> (7 - c)) & 1 for row in rows for c in range(CELL_W)).hex()
            glyphs[key] = blank
    return glyphs


def read(path, glyphs, cols, rows):
    """The screen as cells. glyphs: {bitmap key: character} from learn()."""
    w, h, px = read_ppm(path)
    x0, y0 = grid(w, h, cols, rows)
    cells = []
    for r in range(rows):
        line = []
        for c in range(cols):
            pixels = cell_pixels(w, px, x0 + c * CELL_W, y0 + r * CELL_H)
            colours = set(pixels)
            if len(colours) == 1:
                col = pixels[0]
                if col in BACKGROUNDS:
                    line.append(Cell(" ", None, NAME[col]))
                else:
                    line.append(Cell(FULL_BLOCK, NAME.get(col, "?"), None))
                continue
            cell = Cell(UNKNOWN, None, None)
            if len(colours) == 2:
                a, b = sorted(colours)
                for fg, bg in ((a, b), (b, a)):
                    ch = glyphs.get(key_of(pixels, fg))
                    if ch is not None:
                        cell = Cell(ch, NAME.get(fg, "?"), NAME.get(bg, "?"))
                        break
            line.append(cell)
        cells.append(line)
    return Screen(cols, rows, cells)


def learn_from(path, cols=100, rows=31):
    """The glyph table from the learning boot's screen: LEARN_LINES on the first rows that
    are not blank, from their first drawn cell."""
    w, h, px = read_ppm(path)
    x0, y0 = grid(w, h, cols, rows)
    table, found = {}, 0
    normal_fg = bytes(RGB[PALETTE.index("lightgray")])
    r = 0
    for want in LEARN_LINES:
        while r < rows:
            drawn = [c for c in range(cols)
                     if len(set(cell_pixels(w, px, x0 + c * CELL_W, y0 + r * CELL_H))) > 1
                     or cell_pixels(w, px, x0 + c * CELL_W, y0 + r * CELL_H)[0] != bytes(3)]
            if drawn:
                break
            r += 1
        if r == rows:
            raise ValueError(f"learning screen: line {want[:10]!r}... not found")
        start = drawn[0]
        for i, ch in enumerate(want):
            pixels = cell_pixels(w, px, x0 + (start + i) * CELL_W, y0 + r * CELL_H)
            if ch == FULL_BLOCK:
                if set(pixels) != {normal_fg}:
                    raise ValueError("OVMF does not draw U+2588 as a full cell")
                continue
            if set(pixels) - {normal_fg, bytes(3)}:
                raise ValueError(f"learning screen: {ch!r} is not light gray on black")
            k = key_of(pixels, normal_fg)
            if k in table and table[k] != ch:
                raise ValueError(f"learning screen: {ch!r} looks like {table[k]!r}")
            table[k] = ch
            found += 1
        r += 1
    if found != len(ASCII):
        raise ValueError(f"learned {found} glyphs, expected {len(ASCII)}")
    return table


def learn(root, ovmf, work, timeout=90):
    """Boot the Shell to type every glyph once; cache the table by the firmware's hash."""
    fw = os.path.join(ovmf, "OVMF.fd")
    with open(fw, "rb") as f:
        fw_hash = hashlib.sha256(f.read()).hexdigest()
    cache = os.path.join(work, "glyphs.json")
    try:
        with open(cache) as f:
            doc = json.load(f)
        if doc.get("ovmf_sha256") == fw_hash and len(doc.get("glyphs", {})) == len(ASCII):
            return doc["glyphs"]
    except (OSError, ValueError):
        pass
    wd = os.path.join(work, "learn-glyphs")
    os.makedirs(wd, exist_ok=True)
    txt = os.path.join(wd, "glyphs.txt")
    with open(txt, "wb") as f:  # UCS-2 with a BOM, CRLF: the Shell's `type` prints it as is
        f.write(b"\xff\xfe" + "".join(l + "\r\n" for l in LEARN_LINES).encode("utf-16-le"))
    nsh = os.path.join(wd, "startup.nsh")
    with open(nsh, "w") as f:
        f.write("@echo -off\ncls\ntype fs0:\\glyphs.txt\necho GLYPHS-TYPED\nstall 60000000\n"
                "reset -s\n")
    img = os.path.join(wd, "stick.img")
    r = subprocess.run([os.path.join(root, "scripts", "mkesp"), "-o", img, "--startup", nsh,
                        "--add", f"{txt}:/glyphs.txt"], capture_output=True, text=True)
    if r.returncode != 0:
        raise ValueError(f"mkesp failed: {r.stdout}{r.stderr}")
    ppm = os.path.join(wd, "screen.ppm")
    r = subprocess.run([os.path.join(root, "scripts", "qemu-boot"), "--disk", img,
                        "--ovmf-dir", ovmf, "--skip-shell-countdown", "--stop-on",
                        r"GLYPHS-TYPED\s*\n", "--screendump", ppm, "--timeout", str(timeout),
                        "--result", os.path.join(wd, "result.json"),
                        "--serial-log", os.path.join(wd, "serial.log")],
                       capture_output=True, text=True)
    if r.returncode != 11 or not os.path.exists(ppm):
        raise ValueError(f"learning boot failed: {r.stderr.strip()[-300:]}")
    table = learn_from(ppm)
    with open(cache, "w") as f:
        json.dump({"ovmf_sha256": fw_hash, "glyphs": table}, f)
    return table


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ppm")
    ap.add_argument("--cols", type=int, default=100)
    ap.add_argument("--rows", type=int, default=31)
    ap.add_argument("--glyphs", default=os.path.join(os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))), "build", "qemu", "glyphs.json"))
    ap.add_argument("--colours", action="store_true", help="also print each row's colours")
    a = ap.parse_args()
    with open(a.glyphs) as f:
        glyphs = json.load(f)["glyphs"]
    s = read(a.ppm, glyphs, a.cols, a.rows)
    for r in range(s.rows):
        line = s.text(r).rstrip()
        if a.colours:
            cols = sorted({(c.fg, c.bg) for c in s.cells[r] if c.coloured()}, key=str)
            line += f"   {cols}" if cols else ""
        print(line)
    return 0


if __name__ == "__main__":
    sys.dont_write_bytecode = True
    sys.exit(main())
