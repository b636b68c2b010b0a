/* SPDX-License-Identifier: MIT */
/* Shared declarations of the BIOS kernel (bios/): a Multiboot v1 32-bit kernel that boots from
 * the stick on legacy-BIOS PCs and runs the same check as slicscan.efi (docs/BIOS.md).
 *
 * bios/ stays as thin as efi/: it finds bytes (firmware memory through the memory-map check,
 * CMOS, the BIOS through the real-mode thunk) and draws the result. Every ACPI rule lives in
 * acpi/, everything pure the two firmware front ends share in fw/. */
#ifndef BIOS_H
#define BIOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bytes.h"
#include "lowmem.h"
#include "slicscan.h"
#include "acpipm.h"
#include "clock.h"
#include "fat.h"
#include "memmap.h"
#include "report.h"
#include "smbios.h"

/* ---- the real-mode thunk (thunk.S, realmode.c) ---- */

/* Registers in and out of a BIOS interrupt. All general registers are passed whole (32 bits:
 * E820 needs EAX/EDX/ECX/EBX), DS and ES as real-mode segments; eflags is output only (CF
 * says failure for most services; ZF for INT 16h AH=01h). FS, GS and SS are 0 during the call,
 * the stack lies below LOW_STACK_TOP. Buffers must lie below 1 MiB: use the bounce buffer. */
struct bios_regs {
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp;
	uint16_t ds, es;
	uint32_t eflags;
};

#define BIOS_CF 0x0001u
#define BIOS_ZF 0x0040u

/* Copy the real-mode half of the thunk below 1 MiB; call once before bios_int. */
void bios_thunk_init(void);
/* Call INT n in real mode with r's registers; r gets the registers and flags back. */
void bios_int(uint8_t n, struct bios_regs *r);
/* How often a BIOS call left A20 off and the thunk switched it back on. */
unsigned bios_a20_fixes(void);
/* The bounce buffer (LOW_BOUNCE_SIZE bytes) and its real-mode segment (offset 0). */
void *bios_bounce(void);
uint16_t bios_bounce_seg(void);

/* Reads of the first page (the IVT and the BIOS data area) go through asm: GCC treats
 * addresses below 4 KiB as null-pointer arithmetic and warns about them. */
static inline uint16_t bios_peek16(uintptr_t addr)
{
	uint16_t v;
	__asm__ __volatile__("movw (%1), %0" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

/* ---- Multiboot (main.c) ---- */

#define MB_BOOT_MAGIC 0x2BADB002u

/* What the kernel keeps of the Multiboot information, copied before low memory is reused. */
struct bios_boot {
	bool multiboot;          /* started by a Multiboot loader */
	uint32_t flags;
	uint32_t mem_lower_kib;  /* flags bit 0 */
	char cmdline[512];       /* flags bit 2 */
	char loader[64];         /* flags bit 9: "SYSLINUX 6.04 ..." */
	uint8_t mmap[4096];      /* flags bit 6: the E820 map in Multiboot's format */
	size_t mmap_len;
	bool mmap_cut;           /* the loader's map was longer than mmap */
};

/* ---- the screen: VGA text and COM1 (vga.c, serial.c, console.c) ---- */

/* VGA text mode: 80x25 cells at 0xB8000 (0xB0000 on a monochrome adapter). */
#define VGA_COLS 80
#define VGA_ROWS 25
void vga_init(bool mono);
/* One line at the cursor in attr (the rest of the row cleared in the normal colour), then
 * the cursor to the next row, scrolling the screen up at the bottom. Lines longer than the
 * screen are cut (the console wraps them before). cp437 glyphs: bytes as they are. */
void vga_line(const char *s, size_t n, uint8_t attr);
/* Characters at the cursor, wrapping at the right edge: for the fault report only. */
void vga_raw(const char *s, size_t n, uint8_t attr);

/* COM1, if the BIOS data area names it and it answers like a UART. Never blocks: every wait
 * is bounded, and a port that stops accepting bytes is given up. */
void serial_init(void);
bool serial_present(void);
void serial_write(const char *s, size_t n);   /* '\n' goes out as CRLF */

void bios_con_init(void);                     /* the text mode, the screen, the serial port */
void bios_con_write(void *ctx, const char *s, size_t n); /* ss_write_fn: wrapped, printable */
void bios_con_printf(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
void bios_con_notice(const char *msg);       /* yellow "slicscan: ..." */
void bios_con_verdict(const struct ss_result *r, const char *tail);
/* Straight to the screen and the serial line, no layout: the fault report. */
void bios_con_panic(const char *s);

/* ---- firmware memory (memory.c) ---- */

#define BIOS_MAX_RANGES 256

struct bios_mem {
	struct fw_mem_range r[BIOS_MAX_RANGES];
	struct fw_memmap map;
	char source[64];     /* "Multiboot (E820 from the loader)", "INT 15h E820" */
	unsigned refused;
	/* Free RAM for the fleet page (a few MiB): from the kernel's end (page-aligned) to the
	 * end of the E820 usable range that holds it, at most BIOS_HEAP_MAX; 0 when none. */
	uintptr_t heap;
	size_t heap_len;
};

#define BIOS_HEAP_MAX (64u << 20)

/* The map from the loader's E820 copy, else from INT 15h E820 through the thunk. Returns the
 * number of ranges (0: nothing can be read; every read is refused). */
size_t bios_mem_init(struct bios_mem *m, const struct bios_boot *b);
/* The core's ss_read_fn: copies only what fw_range_ok() accepts. */
int bios_mem_read(void *ctx, uint64_t addr, void *dst, size_t len);

/* ---- tables (tables.c) ---- */

/* RSDP: the first KiB of the EBDA, then 0xE0000-0xFFFFF; then the core's walk. */
void bios_collect_acpi(struct ss_tableset *set, struct bios_mem *m);
/* SMBIOS: _SM3_ then _SM_ in 0xF0000-0xFFFFF. */
bool bios_smbios_read(struct bios_mem *m, struct fw_smbios_info *info, const char **why);
/* The first FACP of the set, parsed. */
bool bios_fadt(const struct ss_tableset *set, struct fw_fadt *f);

/* ---- clock (clock.c) ---- */

/* Read the CMOS clock (century register from the FADT, 0 none). False with why set when it
 * cannot be read consistently. */
bool bios_clock_read(struct fw_time *t, uint8_t century_reg, const char **why);

/* ---- disks and the stick (disk.c) ---- */

/* A BIOS hard-disk drive (0x80..0x8F) through INT 13h extensions. */
struct bios_disk {
	struct fw_disk fw;      /* read always; write only on the proven stick */
	uint8_t drive;
	bool writable;
	uint32_t sector_size;
	uint64_t sectors;
	uint8_t last_status;    /* AH of the last failed call */
	bool last_write;        /* ... and whether it was a write */
};

/* The drive's parameters (AH=41h, AH=48h); false when it has no usable extensions. The disk
 * gets a read callback only. */
bool bios_disk_open(struct bios_disk *d, uint8_t drive);

/* The stick id from the kernel command line: "SIGNATURE-SERIAL", 8 hex digits each. */
bool bios_stick_id_parse(const char *s, size_t n, uint32_t *sig, uint32_t *serial);

struct bios_stick {
	bool found;
	unsigned drives;        /* drives with INT 13h extensions seen */
	struct bios_disk disk;
	struct fw_fat fat;      /* mounted, writable: the stick */
	char why[160];          /* when not found */
};

/* Scan drives 0x80..0x8F; the stick is the one disk whose MBR signature is sig and whose FAT
 * volume serial is serial. 0, or -1 with st->why set (none, or more than one: nothing is
 * written anywhere). */
int bios_stick_find(struct bios_stick *st, uint32_t sig, uint32_t serial);

/* ---- files on the stick (files.c) ---- */

/* fw_report_write over the stick's FAT volume (fw/report.h). */
bool bios_report_write(struct bios_stick *st, const char *dir, const char *summary,
		       const struct fw_smbios_info *smb, struct ss_result *r,
		       const struct ss_info *info, enum ss_lang lang, struct fw_saved *saved);
/* Regenerate \\slicscan\\summary.html from the report JSON files in dir (fw/fleet_stick.c)
 * with memory from [heap, heap + len): NULL when swapped in, else why not. */
const char *bios_fleet_page(struct bios_stick *st, const char *dir, enum ss_lang lang,
			    uintptr_t heap, size_t len);
/* Read the whole file (at most cap bytes, at most 256 KiB) into a static buffer: *data is
 * valid until the next call. A fw/fat.c result (FW_FAT_ETOOBIG when larger than cap). */
int bios_file_read(struct bios_stick *st, const char *path, uint32_t cap,
		   const uint8_t **data, uint32_t *len);

/* ---- facts for the report (facts.c) ---- */

struct bios_facts {
	struct fw_facts f;   /* fw/report.c: app, run mode, SMBIOS, clock */
	char loader[64];
	char memmap[64];
};

void bios_facts_fill(struct bios_facts *f, const struct bios_boot *b,
		     const struct fw_smbios_info *smb, bool have_smbios, const char *smbios_why,
		     const struct fw_time *t, bool have_time, const struct bios_mem *m);

/* ---- the end of a run (finish.c) ---- */

/* Wait up to ms milliseconds (INT 15h AH=86h; the CMOS seconds as a fallback clock). */
void bios_sleep_ms(unsigned ms);
/* Wait for a key or the timeout; true when a key was pressed. */
bool bios_wait_key(unsigned seconds);
/* Boot the next device (INT 18h, the BIOS Boot Specification's way back to the firmware). */
void bios_boot_next(void) __attribute__((noreturn));
/* Reset: the FADT's reset register (I/O), the keyboard controller's reset line, a triple
 * fault. Does not return. */
void bios_reboot(const struct fw_fadt *f, bool have_fadt) __attribute__((noreturn));
/* Switch off: ACPI S5 from the FADT and the DSDT's \_S5, then APM. Returns when the PC is
 * still on, with why saying what was tried. */
void bios_poweroff(const struct fw_fadt *f, bool have_fadt, struct bios_mem *m,
		   const char **why);
void bios_halt(void) __attribute__((noreturn));

/* ---- CPU faults (fault.c) ---- */

/* The stack as entry.S's isr_common leaves it. */
struct bios_fault_frame {
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
	uint32_t vector, error;
	uint32_t eip, cs, eflags;
};
void bios_fault(const struct bios_fault_frame *f) __attribute__((noreturn));

#endif
