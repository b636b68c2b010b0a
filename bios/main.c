/* SPDX-License-Identifier: MIT */
/* The BIOS kernel: read the firmware's ACPI tables on a legacy-BIOS PC, let the core judge
 * SLIC/MSDM, show the verdict, and end the way the config says (docs/BIOS.md). The flow
 * mirrors efi/main.c: config -> memory map -> ACPI tables -> SMBIOS -> clock -> judge ->
 * screen -> action. Report files on the stick come with the FAT writer (issue 8, next step).
 *
 * Started by a Multiboot v1 loader (SYSLINUX's mboot.c32) in 32-bit protected mode; bios/
 * entry.S sets up its own GDT, stack and IDT and calls bios_main. Nothing here writes
 * firmware memory; the only BIOS state it changes is the video mode (to 80x25 text when it
 * was something else) and, with action = poweroff, ACPI mode. */
#include "bios.h"

#include "config.h"
#include "x86io.h"

/* Multiboot v1 information structure (Multiboot 0.6.96, section 3.3): offsets used. */
#define MBI_FLAGS 0
#define MBI_MEM_LOWER 4
#define MBI_CMDLINE 16
#define MBI_MMAP_LENGTH 44
#define MBI_MMAP_ADDR 48
#define MBI_LOADER 64
#define MBI_F_MEM (1u << 0)
#define MBI_F_CMDLINE (1u << 2)
#define MBI_F_MMAP (1u << 6)
#define MBI_F_LOADER (1u << 9)

#define ARENA_SIZE (4u << 20) /* table copies: real firmware has well under 1 MiB */

struct run {
	struct bios_boot boot;
	struct fw_config cfg;
	struct bios_mem mem;
	struct ss_policy policy;
	struct ss_tableset set;
	struct ss_result result;
	struct fw_smbios_info smbios;
	struct bios_facts facts;
	struct fw_fadt fadt;
	bool have_fadt;
	struct fw_time now;
	bool have_time;
};

static struct run run;
static uint8_t arena[ARENA_SIZE];

static unsigned build_year(void)
{
	unsigned y = fw_year_of_date(__DATE__);
	return y ? y : 2025;
}

/* ---- what the loader handed over, copied before low memory is reused ---- */

static uint32_t rd32(uint32_t addr)
{
	return ss_le32((const uint8_t *)(uintptr_t)addr);
}

static void copy_str(uint32_t addr, char *out, size_t cap)
{
	const char *s = (const char *)(uintptr_t)addr;
	size_t i = 0;
	for (; addr != 0 && i + 1 < cap && s[i] != '\0'; i++)
		out[i] = s[i];
	out[i] = '\0';
}

static void copy_boot(struct bios_boot *b, uint32_t magic, uint32_t info)
{
	ss_memfill(b, 0, sizeof(*b));
	b->multiboot = magic == MB_BOOT_MAGIC && info != 0;
	if (!b->multiboot)
		return;
	b->flags = rd32(info + MBI_FLAGS);
	if (b->flags & MBI_F_MEM)
		b->mem_lower_kib = rd32(info + MBI_MEM_LOWER);
	if (b->flags & MBI_F_CMDLINE)
		copy_str(rd32(info + MBI_CMDLINE), b->cmdline, sizeof(b->cmdline));
	if (b->flags & MBI_F_LOADER)
		copy_str(rd32(info + MBI_LOADER), b->loader, sizeof(b->loader));
	if (b->flags & MBI_F_MMAP) {
		uint32_t len = rd32(info + MBI_MMAP_LENGTH), addr = rd32(info + MBI_MMAP_ADDR);
		b->mmap_cut = len > sizeof(b->mmap);
		b->mmap_len = b->mmap_cut ? sizeof(b->mmap) : len;
		if (addr != 0)
			ss_memcopy(b->mmap, (const void *)(uintptr_t)addr, b->mmap_len);
		else
			b->mmap_len = 0;
	}
}

/* Until the FAT reader reads slicscan.cfg from the stick, config lines come from the kernel's
 * command line (syslinux.cfg: APPEND /slicscan/slicscan.elf action=poweroff ...): each
 * blank-separated word is one line; the first word is the kernel's own path. */
static void config_from_cmdline(struct fw_config *c, const char *cmd)
{
	static char lines[sizeof(((struct bios_boot *)0)->cmdline)];
	size_t n = 0, i = 0, word = 0;
	while (cmd[i] != '\0') {
		while (cmd[i] == ' ' || cmd[i] == '\t')
			i++;
		if (cmd[i] == '\0')
			break;
		size_t start = i;
		bool eq = false;
		while (cmd[i] != '\0' && cmd[i] != ' ' && cmd[i] != '\t')
			eq |= cmd[i++] == '=';
		if (word++ == 0 && !eq)
			continue; /* the kernel's path */
		for (size_t k = start; k < i && n + 1 < sizeof(lines); k++)
			lines[n++] = cmd[k];
		if (n + 1 < sizeof(lines))
			lines[n++] = '\n';
	}
	if (n > 0)
		fw_config_parse_from(c, (const uint8_t *)lines, n, "kernel command line, word");
}

/* ---- the run ---- */

static void clock_finding(struct run *x)
{
	char msg[SS_MSG_LEN];
	const char *why = NULL;
	if (x->have_fadt && fw_fadt_no_cmos(&x->fadt)) {
		why = "the FADT says this PC has no CMOS clock";
		x->have_time = false;
	} else {
		x->have_time = bios_clock_read(&x->now, x->have_fadt ? x->fadt.century : 0, &why);
	}
	if (!x->have_time) {
		fw_clock_unreadable_why(why, msg, sizeof(msg));
		ss_tableset_finding(&x->set, SS_F_CLOCK_IMPLAUSIBLE, "", "%s", msg);
	} else if (!fw_clock_check(&x->now, build_year(), msg, sizeof(msg))) {
		ss_tableset_finding(&x->set, SS_F_CLOCK_IMPLAUSIBLE, "", "%s", msg);
	}
}

static unsigned scan(struct run *x)
{
	const char *smbios_why = NULL;

	ss_policy_init(&x->policy);
	ss_tableset_init(&x->set, arena, sizeof(arena));
	for (size_t i = 0; i < x->cfg.nmsg; i++)
		ss_tableset_finding(&x->set, SS_F_CONFIG_INVALID, "", "%s", x->cfg.msg[i]);
	if (x->cfg.dropped_msgs > 0)
		ss_tableset_finding(&x->set, SS_F_CONFIG_INVALID, "",
				    "kernel command line: %zu more bad words not listed",
				    x->cfg.dropped_msgs);

	if (bios_mem_init(&x->mem, &x->boot) == 0)
		bios_con_notice("no E820 memory map: no firmware memory can be read safely");
	bios_collect_acpi(&x->set, &x->mem); /* with no map every read is refused */
	bool have_smbios = bios_smbios_read(&x->mem, &x->smbios, &smbios_why);
	x->have_fadt = bios_fadt(&x->set, &x->fadt);
	clock_finding(x);

	if (x->cfg.target_set)
		x->policy.target = x->cfg.target;
	if (x->cfg.show_key)
		x->policy.show_key = true;
	ss_judge(&x->set, &x->policy, &x->result);
	bios_facts_fill(&x->facts, &x->boot, &x->smbios, have_smbios, smbios_why, &x->now,
			x->have_time, &x->mem);
	return (unsigned)x->result.exit_code;
}

static void show(struct run *x)
{
	char tail[256];
	size_t n;
	if (!x->cfg.quiet)
		ss_render_text(&x->result, &x->facts.f.info, bios_con_write, NULL);
	n = ss_fmt(tail, sizeof(tail), "Report files: none yet on BIOS PCs (UEFI mode writes them).\n");
	switch (x->cfg.action) {
	case FW_ACTION_POWEROFF: ss_fmt(tail + n, sizeof(tail) - n, "Powering off.\n"); break;
	case FW_ACTION_REBOOT: ss_fmt(tail + n, sizeof(tail) - n, "Rebooting.\n"); break;
	case FW_ACTION_WAIT:
		ss_fmt(tail + n, sizeof(tail) - n,
		       "Press any key to boot the next device (automatically in %u s).\n",
		       x->cfg.timeout);
		break;
	case FW_ACTION_EXIT: break;
	}
	bios_con_verdict(&x->result, tail);
}

static void finish(struct run *x, unsigned code) __attribute__((noreturn));

static void finish(struct run *x, unsigned code)
{
	const char *why = NULL;
	char msg[SS_MSG_LEN];
	switch (x->cfg.action) {
	case FW_ACTION_POWEROFF:
		if (x->cfg.debug_exit)
			fw_debug_exit(code); /* tests only (QEMU's isa-debug-exit) */
		bios_poweroff(&x->fadt, x->have_fadt, &x->mem, &why);
		ss_fmt(msg, sizeof(msg), "could not switch off (%s): switch the PC off now", why);
		bios_con_notice(msg);
		bios_halt();
	case FW_ACTION_REBOOT:
		bios_reboot(&x->fadt, x->have_fadt);
	case FW_ACTION_WAIT:
		(void)bios_wait_key(x->cfg.timeout);
		break;
	case FW_ACTION_EXIT:
		break;
	}
	bios_con_printf("Booting the next device (INT 18h).\n");
	bios_boot_next();
}

void bios_main(uint32_t magic, uint32_t info);

void bios_main(uint32_t magic, uint32_t info)
{
	struct run *x = &run;

	copy_boot(&x->boot, magic, info); /* before the thunk claims low memory */
	bios_thunk_init();
	serial_init();
	bios_con_init();
	fw_config_defaults(&x->cfg);
	config_from_cmdline(&x->cfg, x->boot.cmdline);
	if (!x->cfg.quiet)
		bios_con_printf("slicscan %s (legacy BIOS): reading the firmware's ACPI tables...\n",
				SS_VERSION);
	if (!x->boot.multiboot)
		bios_con_notice("not started by a Multiboot loader: the memory map comes from "
				"INT 15h E820, the config is the built-in one");
	unsigned code = scan(x);
	show(x);
	finish(x, code);
}
