#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Read a VGA text screen (80x25, 9x16-pixel cells) back from a QEMU screendump: characters and
colours per cell, as a person sees them.

QEMU's monitor has no command that returns the text of a text-mode screen (pmemsave of 0xB8000
gives the buffer, which says what was written, not what is drawn). So the dump is decoded: each
cell's pixels hold one foreground and one background colour of the 16-colour VGA palette; the
foreground pixels of its 8 left columns are looked up in the 8x16 font of the video BIOS the
guest ran (Debian's SeaBIOS vgabios-stdvga.bin, the file QEMU's VGA loads as its option ROM):
an oracle independent of both slicscan and QEMU's renderer. A one-colour cell is "solid": a
blank in a background colour or a full block (CP437 0xDB) in that colour.

  python3 tests/qemu/vgatext.py FILE.ppm [--colours]   # print the screen

Standard library only.
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from screen import read_ppm  # noqa: E402

COLS, ROWS, CELL_W, CELL_H = 80, 25, 9, 16
VGABIOS = "/usr/share/seabios/vgabios-stdvga.bin"
PALETTE = ["black", "blue", "green", "cyan", "red", "magenta", "brown", "lightgray",
           "darkgray", "lightblue", "lightgreen", "lightcyan", "lightred", "lightmagenta",
           "yellow", "white"]
# The EGA colours a VGA BIOS loads into the DAC (6-bit 0x00/0x15/0x2A/0x3F), as 8-bit values.
_L, _M, _H = 0x55, 0xAA, 0xFF
RGB = [(0, 0, 0), (0, 0, _M), (0, _M, 0), (0, _M, _M), (_M, 0, 0), (_M, 0, _M), (_M, _L, 0),
       (_M, _M, _M), (_L, _L, _L), (_L, _L, _H), (_L, _H, _L), (_L, _H, _H), (_H, _L, _L),
       (_H, _L, _H), (_H, _H, _L), (_H, _H, _H)]
SOLID = "solid"
UNKNOWN = "\ufffd"
# The 'A' of the IBM VGA 8x16 font: where the font starts in the ROM is found by it.
_A = bytes([0x00, 0x00, 0x10, 0x38, 0x6c, 0xc6, 0xc6, 0xfe, 0xc6, 0xc6, 0xc6, 0xc6, 0, 0, 0, 0])


def load_font(rom=VGABIOS):
    """{glyph bytes (16 rows of 8 bits): character code}, first code for shared glyphs."""
    with open(rom, "rb") as f:
        data = f.read()
    at = data.find(_A)
    if at < 0x41 * 16:
        raise ValueError(f"{rom}: no 8x16 VGA font found")
    base = at - 0x41 * 16
    font = {}
    for code in range(256):
        g = data[base + code * 16:base + code * 16 + 16]
        font.setdefault(g, code)
    return font


def colour(rgb):
    """The palette index nearest to rgb (QEMU scales the DAC's 6 bits slightly differently)."""
    return min(range(16), key=lambda i: sum((a - b) ** 2 for a, b in zip(RGB[i], rgb)))


class Cell:
    __slots__ = ("ch", "fg", "bg")

    def __init__(self, ch, fg, bg):
        self.ch, self.fg, self.bg = ch, fg, bg  # ch: a character, SOLID or UNKNOWN

    def __repr__(self):
        return f"Cell({self.ch!r}, {self.fg}, {self.bg})"


def decode(path, font=None):
    """The screen as ROWS lists of COLS Cells. Raises ValueError for a screen that is not a
    720x400 text mode."""
    font = font if font is not None else load_font()
    w, h, px = read_ppm(path)
    if (w, h) != (COLS * CELL_W, ROWS * CELL_H):
        raise ValueError(f"{path}: {w}x{h} pixels, not an 80x25 text mode of 9x16 cells")
    memo = {}
    screen = []
    for r in range(ROWS):
        row = []
        for c in range(COLS):
            pix = []
            for y in range(CELL_H):
                o = ((r * CELL_H + y) * w + c * CELL_W) * 3
                pix.append(px[o:o + CELL_W * 3])
            key = b"".join(pix)
            if key not in memo:
                memo[key] = _cell(pix, font)
            row.append(memo[key])
        screen.append(row)
    return screen


def _cell(pix, font):
    rgbs = [tuple(line[i:i + 3]) for line in pix for i in range(0, len(line), 3)]
    cols = sorted(set(rgbs), key=rgbs.count, reverse=True)
    if len(cols) == 1:
        k = colour(cols[0])
        return Cell(SOLID, k, k)
    if len(cols) > 2:
        return Cell(UNKNOWN, None, None)
    for fg, bg in ((cols[1], cols[0]), (cols[0], cols[1])):
        glyph = bytes(sum(0x80 >> x for x in range(8)
                          if tuple(line[x * 3:x * 3 + 3]) == fg) for line in pix)
        if glyph in font:
            return Cell(chr(font[glyph]), colour(fg), colour(bg))
    return Cell(UNKNOWN, colour(cols[1]), colour(cols[0]))


def text(screen, solid="#"):
    """Each row as a string: solid cells in a bright colour as solid (a block), others blank."""
    out = []
    for row in screen:
        s = "".join((solid if c.fg >= 8 else " ") if c.ch == SOLID else c.ch for c in row)
        out.append(s.rstrip())
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ppm")
    ap.add_argument("--colours", action="store_true", help="also print fg/bg per row")
    a = ap.parse_args()
    scr = decode(a.ppm)
    for r, line in enumerate(text(scr)):
        print(line)
        if a.colours:
            print("  " + " ".join(f"{c.fg},{c.bg}" for c in scr[r] if c.ch != " " or c.bg))
    return 0


if __name__ == "__main__":
    sys.exit(main())
