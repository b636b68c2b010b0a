/* SPDX-License-Identifier: MIT */
/* The end of a run: wait for a key, boot on, reset, switch off. Keyboard and waiting go
 * through the BIOS (INT 16h, INT 15h AH=86h), so that its own USB legacy emulation does the
 * work: this kernel never touches the keyboard controller's data port or a USB controller.
 * Resetting and switching off use what the firmware declares (the FADT's reset register,
 * ACPI S5 from the DSDT's \_S5, APM) before the last resorts. */
#include "bios.h"

#include "x86io.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71

/* The CMOS seconds register as it is (BCD or binary: only its changes are counted). */
static uint8_t cmos_seconds(void)
{
	fw_outb(CMOS_INDEX, 0x00);
	uint8_t s = fw_inb(CMOS_DATA);
	fw_outb(CMOS_INDEX, 0x0D);
	return s;
}

/* INT 15h AH=86h: wait CX:DX microseconds. False when the BIOS does not offer it. */
static bool bios_wait_us(uint32_t us)
{
	struct bios_regs r = { 0 };
	r.eax = 0x8600;
	r.ecx = us >> 16;
	r.edx = us & 0xFFFF;
	bios_int(0x15, &r);
	return !(r.eflags & BIOS_CF);
}

void bios_sleep_ms(unsigned ms)
{
	if (bios_wait_us(ms * 1000u))
		return;
	/* No INT 15h wait: count CMOS second changes for long waits, POST-port delays (about
	 * 1 us each on a PC) for short ones. */
	if (ms >= 1000) {
		uint8_t s = cmos_seconds();
		unsigned changes = 0;
		for (unsigned long i = 0; changes < ms / 1000 && i < 50000000ul; i++) {
			uint8_t now = cmos_seconds();
			if (now != s) {
				s = now;
				changes++;
			}
		}
		return;
	}
	for (unsigned i = 0; i < ms * 1000u; i++)
		fw_outb(0x80, 0);
}

/* INT 16h AH=01h: is a key waiting (ZF clear)? Then AH=00h takes it. */
static bool key_take(void)
{
	struct bios_regs r = { 0 };
	r.eax = 0x0100;
	bios_int(0x16, &r);
	if (r.eflags & BIOS_ZF)
		return false;
	r = (struct bios_regs){ 0 };
	r.eax = 0x0000;
	bios_int(0x16, &r);
	return true;
}

bool bios_wait_key(unsigned seconds)
{
	/* Keys pressed while the tables were read must not skip the wait. */
	for (int i = 0; i < 64 && key_take(); i++)
		;
	/* Time is counted in 50 ms waits of INT 15h AH=86h; where the BIOS lacks it, in changes
	 * of the CMOS seconds, with a cap on the polls in case that clock stands still too. */
	unsigned waits = 0, changes = 0;
	uint8_t s = cmos_seconds();
	for (unsigned long polls = 0; polls < (unsigned long)seconds * 200000ul; polls++) {
		if (key_take())
			return true;
		if (bios_wait_us(50000)) {
			if (++waits >= seconds * 20u)
				return false;
		} else {
			uint8_t now = cmos_seconds();
			if (now != s) {
				s = now;
				if (++changes >= seconds)
					return false;
			}
		}
	}
	return false;
}

void bios_halt(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

void bios_boot_next(void)
{
	/* INT 18h: in the BIOS Boot Specification, "boot failure": the BIOS tries the next boot
	 * device (SeaBIOS does; an old BIOS may print a message and wait for Ctrl-Alt-Del). */
	struct bios_regs r = { 0 };
	bios_int(0x18, &r);
	bios_halt();
}

void bios_reboot(const struct fw_fadt *f, bool have_fadt)
{
	/* 1. The FADT's reset register (ACPI 2.0+), when it is an I/O port. */
	if (have_fadt && f->reset_supported && f->reset_space == FW_GAS_IO &&
	    f->reset_addr <= 0xFFFF) {
		fw_outb((uint16_t)f->reset_addr, f->reset_value);
		bios_sleep_ms(500);
	}
	/* 2. The keyboard controller's reset line (command 0xFE), unless the FADT says there is
	 * no 8042; only its command port, after its input buffer has emptied. */
	if (!(have_fadt && fw_fadt_no_8042(f))) {
		for (unsigned i = 0; i < 100000u && (fw_inb(0x64) & 0x02); i++)
			;
		fw_outb(0x64, 0xFE);
		bios_sleep_ms(500);
	}
	/* 3. A triple fault: no IDT at all, then an exception. Every x86 resets on it. */
	static const struct __attribute__((packed)) { uint16_t limit; uint32_t base; } none = { 0, 0 };
	__asm__ __volatile__("cli; lidt %0; int3" : : "m"(none));
	bios_halt();
}

/* \_S5 in the DSDT, read through the memory-map check in overlapping windows. */
static bool find_s5(struct bios_mem *m, uint64_t dsdt, uint8_t *a, uint8_t *b)
{
	static uint8_t win[4096 + 64];
	uint8_t hdr[36];
	if (dsdt == 0 || bios_mem_read(m, dsdt, hdr, sizeof(hdr)) != 0 ||
	    !ss_memeq(hdr, "DSDT", 4))
		return false;
	uint32_t len = ss_le32(hdr + 4);
	if (len > SS_MAX_TABLE_LEN)
		len = SS_MAX_TABLE_LEN;
	for (uint32_t off = 36; off < len; off += 4096) {
		uint32_t n = len - off < sizeof(win) ? len - off : (uint32_t)sizeof(win);
		if (bios_mem_read(m, dsdt + off, win, n) != 0)
			return false;
		if (fw_aml_s5(win, n, a, b) == 0)
			return true;
	}
	return false;
}

static bool acpi_off(const struct fw_fadt *f, struct bios_mem *m, const char **why)
{
	uint8_t a, b;
	if (f->pm1a_cnt == 0) {
		*why = "the FADT names no PM1a control port";
		return false;
	}
	if (!find_s5(m, f->dsdt, &a, &b)) {
		*why = "no plain \\_S5 object in the DSDT";
		return false;
	}
	uint16_t pa = (uint16_t)f->pm1a_cnt, pb = (uint16_t)f->pm1b_cnt;
	/* ACPI mode first, as an OS would: SCI_EN clear means the BIOS (SMM) still owns the
	 * power-management registers. */
	if (!(fw_inw(pa) & FW_PM1_SCI_EN) && f->smi_cmd != 0 && f->smi_cmd <= 0xFFFF &&
	    f->acpi_enable != 0) {
		fw_outb((uint16_t)f->smi_cmd, f->acpi_enable);
		for (int i = 0; i < 300 && !(fw_inw(pa) & FW_PM1_SCI_EN); i++)
			bios_sleep_ms(10);
	}
	const uint16_t typ_mask = (uint16_t)(7u << FW_PM1_SLP_TYP_SHIFT) | FW_PM1_SLP_EN;
	/* As ACPICA does: the sleep type into both blocks, then SLP_EN into both. */
	uint16_t va = (uint16_t)((fw_inw(pa) & ~typ_mask) | (a << FW_PM1_SLP_TYP_SHIFT));
	uint16_t vb = pb != 0 ? (uint16_t)((fw_inw(pb) & ~typ_mask) | (b << FW_PM1_SLP_TYP_SHIFT)) : 0;
	fw_outw(pa, va);
	if (pb != 0)
		fw_outw(pb, vb);
	fw_outw(pa, (uint16_t)(va | FW_PM1_SLP_EN));
	if (pb != 0)
		fw_outw(pb, (uint16_t)(vb | FW_PM1_SLP_EN));
	bios_sleep_ms(2000);
	*why = "ACPI S5 was requested but the PC stayed on";
	return false;
}

/* APM 1.2 through INT 15h: installation check, connect the real-mode interface, declare
 * version 1.2, set all devices to "off". */
static void apm_off(const char **why)
{
	struct bios_regs r = { 0 };
	r.eax = 0x5300;
	bios_int(0x15, &r);
	if ((r.eflags & BIOS_CF) || (r.ebx & 0xFFFF) != 0x504D) { /* "PM" */
		return;
	}
	r = (struct bios_regs){ 0 };
	r.eax = 0x5301; /* connect real mode; "already connected" is fine */
	bios_int(0x15, &r);
	r = (struct bios_regs){ 0 };
	r.eax = 0x530E;
	r.ecx = 0x0102;
	bios_int(0x15, &r);
	r = (struct bios_regs){ 0 };
	r.eax = 0x5307;
	r.ebx = 0x0001; /* all devices */
	r.ecx = 0x0003; /* off */
	bios_int(0x15, &r);
	bios_sleep_ms(2000);
	*why = "neither ACPI S5 nor APM switched the PC off";
}

void bios_poweroff(const struct fw_fadt *f, bool have_fadt, struct bios_mem *m,
		   const char **why)
{
	*why = "no FADT: ACPI power-off is not possible";
	if (have_fadt)
		(void)acpi_off(f, m, why);
	apm_off(why);
}
