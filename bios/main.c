/* SPDX-License-Identifier: MIT */
/* The BIOS kernel: read the firmware's ACPI tables on a legacy-BIOS PC, let the core judge
 * SLIC/MSDM, show the verdict, and end the way the config says (docs/BIOS.md). The flow
 * mirrors efi/main.c: config -> memory map -> ACPI tables -> SMBIOS -> clock -> judge ->
 * screen -> action; slicscan.cfg, the policy file and the report files are on the stick,
 * found by its id (bios/disk.c) and read and written through fw/fat.c (bios/files.c).
 *
 * Started by a Multiboot v1 loader (SYSLINUX's mboot.c32) in 32-bit protected mode; bios/
 * entry.S sets up its own GDT, stack and IDT and calls bios_main. Nothing here writes
 * firmware memory; the only BIOS state it changes is the video mode (to 80x25 text when it
 * was something else) and, with action = poweroff, ACPI mode. */
#include "bios.h"

#include "fleet_stick.h"

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
	bool have_id;               /* stick=SIG-SERIAL on the command line */
	uint32_t id_sig, id_serial;
	struct bios_stick stick;
	char stick_why[200];        /* why nothing is read from or written to the stick */
	char policy_err[SS_MSG_LEN];
	struct fw_saved saved;      /* what was written where, for the screen */
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

static bool starts_with(const char *s, const char *prefix)
{
	while (*prefix != '\0')
		if (*s++ != *prefix++)
			return false;
	return true;
}

/* Config lines from the kernel's command line (syslinux.cfg: APPEND /syslinux/slicscan.elf
 * stick=... action=poweroff ...), applied over the stick's slicscan.cfg: each blank-separated
 * word is one line; the first word is the kernel's own path, and stick=SIG-SERIAL is the id
 * `make usb` gave the stick (bios/disk.c), not a config key. */
static void config_from_cmdline(struct run *x, const char *cmd, bool only_id)
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
		if (i - start > 6 && starts_with(cmd + start, "stick=")) {
			if (only_id)
				x->have_id = bios_stick_id_parse(cmd + start + 6, i - start - 6,
								 &x->id_sig, &x->id_serial);
			continue;
		}
		for (size_t k = start; k < i && n + 1 < sizeof(lines); k++)
			lines[n++] = cmd[k];
		if (n + 1 < sizeof(lines))
			lines[n++] = '\n';
	}
	if (n > 0 && !only_id)
		fw_config_parse_from(&x->cfg, (const uint8_t *)lines, n, "kernel command line, word");
}

/* ---- the stick: which disk, slicscan.cfg, the policy file ---- */

static void find_stick(struct run *x)
{
	config_from_cmdline(x, x->boot.cmdline, true);
	if (!x->have_id) {
		ss_fmt(x->stick_why, sizeof(x->stick_why),
		       "the kernel command line names no stick=SIGNATURE-SERIAL id (syslinux.cfg "
		       "from an older make usb), so no disk is known to be the stick");
		return;
	}
	if (bios_stick_find(&x->stick, x->id_sig, x->id_serial) != 0)
		ss_fmt(x->stick_why, sizeof(x->stick_why), "%s", x->stick.why);
}

/* As the UEFI app booted from \EFI\BOOT: next to BOOTX64.EFI first, then \slicscan. */
static void read_config(struct run *x)
{
	static const char *const where[] = { "\\EFI\\BOOT\\" FW_CONFIG_NAME,
					     "\\slicscan\\" FW_CONFIG_NAME };
	fw_config_defaults(&x->cfg);
	if (x->stick.found) {
		for (size_t i = 0; i < 2; i++) {
			const uint8_t *data;
			uint32_t len;
			int rc = bios_file_read(&x->stick, where[i], FW_CONFIG_FILE_MAX, &data, &len);
			if (rc == FW_FAT_ENOTFOUND)
				continue;
			if (rc == FW_FAT_ETOOBIG)
				ss_fmt(x->cfg.msg[x->cfg.nmsg++], SS_MSG_LEN,
				       FW_CONFIG_NAME " is larger than 64 KiB and was ignored");
			else if (rc == FW_FAT_OK)
				fw_config_parse(&x->cfg, data, len);
			break;
		}
	}
	config_from_cmdline(x, x->boot.cmdline, false);
}

/* The policy file the config names, or \slicscan\policy.txt when it exists (efi/main.c's
 * rules and messages). Returns 0, or -1 with x->policy_err set and the built-in policy. */
static int read_policy(struct run *x)
{
	const char *path;
	bool must_exist;
	const uint8_t *data;
	uint32_t len = 0;

	ss_policy_init(&x->policy);
	if ((path = fw_config_policy_path(&x->cfg, &must_exist)) == NULL)
		return 0;
	if (!x->stick.found) {
		if (!must_exist)
			return 0;
		ss_fmt(x->policy_err, sizeof(x->policy_err), "policy file %.80s: %s", path,
		       "the stick was not found");
		return -1;
	}
	int rc = bios_file_read(&x->stick, path, FW_POLICY_FILE_MAX, &data, &len);
	if (rc == FW_FAT_ENOTFOUND && !must_exist)
		return 0;
	if (rc != FW_FAT_OK) {
		ss_fmt(x->policy_err, sizeof(x->policy_err), "policy file %.80s: %s", path,
		       rc == FW_FAT_ENOTFOUND ? "not found" :
		       rc == FW_FAT_ETOOBIG ? "larger than 256 KiB" : "cannot be read");
		return -1;
	}
	return fw_policy_load(&x->policy, path, data, len, x->policy_err, sizeof(x->policy_err));
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

	ss_tableset_init(&x->set, arena, sizeof(arena));
	for (size_t i = 0; i < x->cfg.nmsg; i++)
		ss_tableset_finding(&x->set, SS_F_CONFIG_INVALID, "", "%s", x->cfg.msg[i]);
	if (x->cfg.dropped_msgs > 0)
		ss_tableset_finding(&x->set, SS_F_CONFIG_INVALID, "",
				    FW_CONFIG_NAME " and the kernel command line: %zu more bad "
				    "lines not listed", x->cfg.dropped_msgs);
	(void)read_policy(x);
	if (x->policy_err[0] != '\0')
		ss_tableset_finding(&x->set, SS_F_POLICY_INVALID, "", "%s; built-in policy used",
				    x->policy_err);

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
	if (x->cfg.report) {
		if (x->stick.found) {
			fw_fat_set_time(&x->stick.fat, x->have_time ? &x->now : NULL);
			if (bios_report_write(&x->stick, x->cfg.report_dir, x->cfg.summary,
					      have_smbios ? &x->smbios : NULL, &x->result,
					      &x->facts.f.info, x->cfg.lang, &x->saved)) {
				/* the stick's fleet page, from every report on it (as the UEFI app) */
				fw_fleet_stick_note(&x->saved, FW_FLEET_PAGE_DEFAULT,
						    bios_fleet_page(&x->stick, x->cfg.report_dir,
								    x->cfg.lang, x->mem.heap,
								    x->mem.heap_len));
			}
		} else {
			ss_result_add_finding(&x->result, SS_F_REPORT_NOT_SAVED, "", "%s",
					      x->stick_why);
		}
	}
	return (unsigned)x->result.exit_code;
}

static void show(struct run *x)
{
	char tail[sizeof(x->saved) + 256];
	size_t n;
	if (!x->cfg.quiet)
		ss_render_text(&x->result, &x->facts.f.info, bios_con_write, NULL);
	/* VGA text mode has no CJK glyphs: the screen stays English */
	n = fw_tail_text(&x->saved, NULL, SS_LANG_EN, tail, sizeof(tail));
	if (n >= sizeof(tail))
		n = sizeof(tail) - 1;
	tail[n] = '\0';
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
	find_stick(x);
	read_config(x);
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
