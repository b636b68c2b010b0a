/* SPDX-License-Identifier: MIT */
/* The VGA text screen: 80x25 cells of (character, attribute) at 0xB8000, written directly
 * (INT 10h per character would cost a mode switch each). Rows scroll up at the bottom; the
 * hardware cursor follows the next line's start. */
#include "bios.h"

#include "verdict.h"
#include "x86io.h"

static volatile uint16_t *cells = (volatile uint16_t *)(uintptr_t)0xB8000;
static uint16_t crtc = 0x3D4;
static unsigned row, col;

static uint16_t cell(char c, uint8_t attr)
{
	return (uint16_t)((uint8_t)c | (uint16_t)attr << 8);
}

static void cursor(void)
{
	unsigned pos = row * VGA_COLS + col;
	fw_outb(crtc, 0x0F);
	fw_outb((uint16_t)(crtc + 1), (uint8_t)pos);
	fw_outb(crtc, 0x0E);
	fw_outb((uint16_t)(crtc + 1), (uint8_t)(pos >> 8));
}

void vga_init(bool mono)
{
	cells = (volatile uint16_t *)(uintptr_t)(mono ? 0xB0000 : 0xB8000);
	crtc = mono ? 0x3B4 : 0x3D4;
	for (unsigned i = 0; i < VGA_COLS * VGA_ROWS; i++)
		cells[i] = cell(' ', FW_ATTR_NORMAL);
	row = col = 0;
	cursor();
}

static void newline(void)
{
	col = 0;
	if (++row < VGA_ROWS)
		return;
	for (unsigned i = 0; i < VGA_COLS * (VGA_ROWS - 1); i++)
		cells[i] = cells[i + VGA_COLS];
	for (unsigned i = 0; i < VGA_COLS; i++)
		cells[VGA_COLS * (VGA_ROWS - 1) + i] = cell(' ', FW_ATTR_NORMAL);
	row = VGA_ROWS - 1;
}

void vga_line(const char *s, size_t n, uint8_t attr)
{
	if (col != 0)
		newline();
	for (unsigned i = 0; i < VGA_COLS; i++)
		cells[row * VGA_COLS + i] = i < n ? cell(s[i], attr) : cell(' ', FW_ATTR_NORMAL);
	newline();
	cursor();
}

void vga_raw(const char *s, size_t n, uint8_t attr)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			newline();
			continue;
		}
		cells[row * VGA_COLS + col] = cell(s[i], attr);
		if (++col == VGA_COLS)
			newline();
	}
	cursor();
}
