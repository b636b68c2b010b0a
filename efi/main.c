/* SPDX-License-Identifier: MIT */
/* slicscan.efi: read the firmware's ACPI tables, let the core judge SLIC/MSDM, show the verdict,
 * save a report on the stick and end the way the user asked (docs/UEFI.md).
 *
 * Flow: command line (Shell only: efi/logic/efi_launch.c) -> slicscan.cfg -> policy file ->
 * clock check -> memory map -> ACPI tables -> SMBIOS -> judge -> report files -> console ->
 * exit code or config action.
 * Nothing here writes UEFI variables or firmware memory; everything allocated is freed. */
#include "efi_ss.h"

#include "efi_args.h"
#include "config.h"

/* Everything one run allocates or decides, so that cleanup is one function. */
struct run {
	struct efi_ss_image im;
	struct efi_ss_args args;
	struct fw_config cfg;
	struct efi_ss_vol own;       /* the app's volume */
	struct efi_ss_vol shell;     /* the Shell's name space (shell mode, Shell 2.x) */
	struct efi_ss_mem mem;
	struct ss_policy *policy;
	struct ss_tableset *set;
	struct ss_result *result;
	uint8_t *arena;
	size_t arena_cap;
	struct fw_smbios_info smbios;
	struct efi_ss_facts facts;
	struct fw_time now;
	bool have_time;
	char policy_err[SS_MSG_LEN];
	struct fw_saved saved; /* what was written where, for the screen */
	struct efi_ss_net net;       /* network boot and the network checks (efi/net.c) */
	char sent[400];              /* what went to the collector */
};

static EFI_GUID shell_guid = EFI_SHELL_PROTOCOL_GUID;

/* The year the program was built: the firmware clock cannot be earlier. GCC honours
 * SOURCE_DATE_EPOCH for __DATE__, so reproducible builds stay reproducible. */
static unsigned build_year(void)
{
	unsigned y = fw_year_of_date(__DATE__);
	return y ? y : 2025;
}

/* ---- configuration ---- */

static void read_config(struct run *x)
{
	char path[EFI_SS_PATH_DIR_MAX + 16];
	UINT8 *data = NULL;
	UINTN len = 0;
	EFI_STATUS st = EFI_NOT_FOUND;

	fw_config_defaults(&x->cfg);
	/* Network boot: returning would fall through to the next boot option. */
	if (x->net.booted)
		x->cfg.action = FW_ACTION_POWEROFF;
	/* Network boot without a volume: next to the boot file (TFTP or HTTP). */
	if (x->net.booted && x->own.root == NULL)
		st = efi_ss_net_read(&x->net, FW_CONFIG_NAME, &data, &len, FW_CONFIG_FILE_MAX);
	/* Next to the app first (\EFI\BOOT\slicscan.cfg), then the stick's slicscan folder. */
	if (x->own.root != NULL && x->im.dir[0] != '\0') {
		ss_fmt(path, sizeof(path), "%s%s" FW_CONFIG_NAME, x->im.dir,
		       ss_streq(x->im.dir, "\\") ? "" : "\\");
		st = efi_ss_file_read(&x->own, path, &data, &len, FW_CONFIG_FILE_MAX);
	}
	if (st == EFI_NOT_FOUND && x->own.root != NULL) {
		ss_fmt(path, sizeof(path), "\\slicscan\\" FW_CONFIG_NAME);
		st = efi_ss_file_read(&x->own, path, &data, &len, FW_CONFIG_FILE_MAX);
	}
	if (st == EFI_BAD_BUFFER_SIZE) {
		ss_fmt(x->cfg.msg[x->cfg.nmsg++], SS_MSG_LEN,
		       FW_CONFIG_NAME " is larger than 64 KiB and was ignored");
	} else if (!EFI_ERROR(st)) {
		fw_config_parse(&x->cfg, data, len);
	}
	if (data != NULL)
		FreePool(data);
}

/* Load the policy file the user asked for, or \slicscan\policy.txt when it exists.
 * Returns 0, or -1 with x->policy_err set (and the built-in policy in x->policy). */
static int read_policy(struct run *x)
{
	const struct efi_ss_vol *v = &x->own;
	char norm[FW_PATH_MAX];
	const char *path = NULL, *why = NULL;
	bool must_exist = true;
	UINT8 *data = NULL;
	UINTN len = 0;

	ss_policy_init(x->policy);
	if (x->args.policy != NULL) {
		path = x->args.policy;
		if (x->shell.shell != NULL) {
			v = &x->shell;
		} else if (fw_path_normalise(path, ss_strlen(path), norm, sizeof(norm), false,
						 &why) == 0) {
			path = norm;
		} else {
			ss_fmt(x->policy_err, sizeof(x->policy_err), "policy file %.80s: %s", path, why);
			return -1;
		}
	} else if ((path = fw_config_policy_path(&x->cfg, &must_exist)) == NULL) {
		return 0;
	}

	EFI_STATUS st;
	if (x->net.booted && x->own.root == NULL) { /* its file name, next to the boot file */
		const char *base = path;
		for (const char *p = path; *p; p++)
			if (*p == '\\' || *p == '/')
				base = p + 1;
		st = efi_ss_net_read(&x->net, base, &data, &len, FW_POLICY_FILE_MAX);
	} else {
		st = efi_ss_file_read(v, path, &data, &len, FW_POLICY_FILE_MAX);
	}
	if (st == EFI_NOT_FOUND && !must_exist)
		return 0;
	if (EFI_ERROR(st)) {
		ss_fmt(x->policy_err, sizeof(x->policy_err), "policy file %.80s: %s", path,
		       st == EFI_NOT_FOUND ? "not found" :
		       st == EFI_BAD_BUFFER_SIZE ? "larger than 256 KiB" : "cannot be read");
		return -1;
	}
	/* The bytes go to the core as they are: the policy format (docs/POLICY.md), including
	 * its refusal of UTF-16 with a clear message, is the core's, the same as in the CLI. */
	int rc = fw_policy_load(x->policy, path, data, len, x->policy_err, sizeof(x->policy_err));
	FreePool(data);
	return rc;
}

/* ---- allocation ---- */

static bool allocate(struct run *x)
{
	x->policy = AllocateZeroPool(sizeof(*x->policy));
	x->set = AllocateZeroPool(sizeof(*x->set));
	x->result = AllocateZeroPool(sizeof(*x->result));
	/* Table copies: real firmware has well under 1 MiB of tables; a DSDT may be large. */
	for (size_t cap = 16u << 20; cap >= (1u << 20) && x->arena == NULL; cap /= 2) {
		x->arena = AllocatePool(cap);
		x->arena_cap = x->arena ? cap : 0;
	}
	return x->policy && x->set && x->result && x->arena;
}

static void release(struct run *x)
{
	efi_ss_font_unload(); /* the firmware keeps no font of ours after we return */
	if (x->arena != NULL)
		FreePool(x->arena);
	if (x->result != NULL)
		FreePool(x->result);
	if (x->set != NULL)
		FreePool(x->set);
	if (x->policy != NULL)
		FreePool(x->policy);
	efi_ss_mem_free(&x->mem);
	efi_ss_vol_close(&x->own);
	x->shell.shell = NULL;
}

/* ---- the run ---- */

/* Findings the front end raises before the judgement, so they land in the report. */
static void early_findings(struct run *x)
{
	for (size_t i = 0; i < x->cfg.nmsg; i++)
		ss_tableset_finding(x->set, SS_F_CONFIG_INVALID, "", "%s", x->cfg.msg[i]);
	if (x->cfg.dropped_msgs > 0)
		ss_tableset_finding(x->set, SS_F_CONFIG_INVALID, "",
				    FW_CONFIG_NAME ": %zu more bad lines not listed",
				    x->cfg.dropped_msgs);
	if (x->policy_err[0] != '\0')
		ss_tableset_finding(x->set, SS_F_POLICY_INVALID, "", "%s; built-in policy used",
				    x->policy_err);

	EFI_STATUS st;
	char msg[SS_MSG_LEN];
	x->have_time = efi_ss_clock_read(&x->now, &st);
	if (!x->have_time) {
		fw_clock_unreadable_msg((uint64_t)st, msg, sizeof(msg));
		ss_tableset_finding(x->set, SS_F_CLOCK_IMPLAUSIBLE, "", "%s", msg);
	} else if (!fw_clock_check(&x->now, build_year(), msg, sizeof(msg))) {
		ss_tableset_finding(x->set, SS_F_CLOCK_IMPLAUSIBLE, "", "%s", msg);
	}
}

/* upload / timezone / kms (docs/NETWORK.md): the checks' findings before any report is
 * written, so the stick's report and the collector's say the same. */
static void net_checks(struct run *x, bool have_smbios)
{
	struct fw_transport t;
	if (!x->cfg.upload_set && x->cfg.nkms == 0)
		return;
	if (!x->net.booted && !efi_ss_net_dhcp(&x->net))
		efi_ss_con_printf("Note: no network address for the network checks: %s.\n", x->net.why);
	else if (!x->net.booted)
		efi_ss_con_printf("Network (DHCP): address %u.%u.%u.%u.\n", x->net.station[0],
				  x->net.station[1], x->net.station[2], x->net.station[3]);
	if (!efi_ss_net_transport(&x->net, &t)) {
		if (x->cfg.upload_set)
			ss_result_add_finding(x->result, SS_F_REPORT_NOT_SAVED, "", "report not sent "
					      "to the collector: %s", x->net.why);
		else
			efi_ss_con_printf("Note: KMS hosts not checked: %s.\n", x->net.why);
		return;
	}
	if (fw_net_run(&x->cfg, &t, x->have_time ? &x->now : NULL, have_smbios ? &x->smbios : NULL,
		       x->result, &x->facts.f.info, x->sent, sizeof(x->sent)) &&
	    x->sent[0] != '\0') {
		char where[300]; /* x->sent: "\reports\NAME.txt" */
		ss_fmt(where, sizeof(where), "http://%s:%u%s%s", x->cfg.upload.host,
		       x->cfg.upload.port, x->cfg.upload.path, x->sent[0] == '\\' ? x->sent + 1 : x->sent);
		for (char *p = where; *p; p++)
			if (*p == '\\')
				*p = '/';
		ss_fmt(x->sent, sizeof(x->sent), "%s", where);
	}
}

static unsigned scan(struct run *x)
{
	const char *smbios_why = NULL;
	EFI_STATUS st;

	ss_tableset_init(x->set, x->arena, x->arena_cap);
	early_findings(x);

	st = efi_ss_mem_init(&x->mem);
	if (EFI_ERROR(st))
		efi_ss_con_notice("GetMemoryMap failed: no firmware memory can be read safely");
	efi_ss_collect_acpi(x->set, &x->mem); /* with no map every read is refused */
	bool have_smbios = efi_ss_smbios_read(&x->mem, &x->smbios, &smbios_why);

	/* Command line over slicscan.cfg over the policy file. */
	if (x->cfg.target_set)
		x->policy->target = x->cfg.target;
	if (x->args.lang_set)
		x->cfg.lang = x->args.lang; /* the Shell's --lang wins over slicscan.cfg */
	if (x->args.target_set)
		x->policy->target = x->args.target;
	if (x->cfg.show_key || x->args.show_key)
		x->policy->show_key = true;

	ss_judge(x->set, x->policy, x->result);
	efi_ss_facts_fill(&x->facts, &x->smbios, have_smbios, smbios_why, &x->now, x->have_time,
			  x->im.shell_mode);
	if (x->net.booted)
		ss_fmt(x->facts.f.mode, sizeof(x->facts.f.mode), "network boot");
	net_checks(x, have_smbios);

	bool report = (x->cfg.report && !x->args.no_report) || x->args.report_dir != NULL;
	if (x->net.booted && x->own.root == NULL)
		report = false; /* no stick: the collector (upload) is where the report goes */
	if (report) {
		const struct efi_ss_vol *v = &x->own;
		const char *dir = x->cfg.report_dir;
		char norm[FW_PATH_MAX];
		const char *why = NULL;
		if (x->args.report_dir != NULL) {
			dir = x->args.report_dir;
			if (x->shell.shell != NULL)
				v = &x->shell;
			else if (fw_path_normalise(dir, ss_strlen(dir), norm, sizeof(norm), true,
						       &why) == 0)
				dir = norm;
			else
				ss_result_add_finding(x->result, SS_F_REPORT_NOT_SAVED, "",
						      "report directory %.80s: %s", dir, why);
		}
		if (why == NULL &&
		    efi_ss_report_write(v, dir, x->cfg.summary, &x->smbios, have_smbios, x->result,
					&x->facts.f.info, x->cfg.lang, &x->saved) &&
		    v == &x->own) { /* the stick's fleet page, from every report on it */
			fw_fleet_stick_note(&x->saved, FW_FLEET_PAGE_DEFAULT,
					    efi_ss_fleet_page(v, dir, x->cfg.lang));
		}
	}
	return (unsigned)x->result->exit_code;
}

/* What a booted run says it does next (the last line of the screen), in lang; "" in the
 * Shell. */
static void next_step(const struct run *x, enum ss_lang lang, char *buf, size_t cap)
{
	const char *m = NULL;
	buf[0] = '\0';
	if (x->im.shell_mode)
		return;
	switch (x->cfg.action) {
	case FW_ACTION_POWEROFF: m = ss_msg(lang, SS_M_TL_POWEROFF); break;
	case FW_ACTION_REBOOT: m = ss_msg(lang, SS_M_TL_REBOOT); break;
	case FW_ACTION_WAIT: m = ss_msg(lang, SS_M_TL_WAIT); break;
	case FW_ACTION_EXIT: break;
	}
	if (m != NULL)
		ss_fmt_msg(buf, cap, m, x->cfg.timeout);
}

/* The lines below the verdict, in lang: the files, then what happens next. */
static void tail_text(const struct run *x, enum ss_lang lang, char *tail, size_t cap)
{
	size_t n = fw_tail_text(&x->saved, x->sent, lang, tail, cap);
	next_step(x, lang, tail + n, cap - n);
	n += ss_strlen(tail + n);
	if (n > 0 && tail[n - 1] != '\n' && n + 1 < cap) {
		tail[n++] = '\n';
		tail[n] = '\0';
	}
}

static void show(struct run *x, bool quiet)
{
	static char tail[sizeof(x->saved) + sizeof(x->sent) + 256];
	if (x->args.json) {
		ss_render_json(x->result, &x->facts.f.info, efi_ss_con_write_raw, NULL);
		return;
	}
	/* zh-TW goes to the graphics console only, where the registered font draws it; the
	 * serial console gets the English text (it would get the low byte of each character). */
	bool zh = x->cfg.lang == SS_LANG_ZH_TW && efi_ss_con_zh();
	for (int pass = 0; pass < (zh ? 2 : 1); pass++) {
		enum ss_lang lang = zh && pass == 1 ? SS_LANG_ZH_TW : SS_LANG_EN;
		if (zh)
			efi_ss_con_route(pass == 0 ? EFI_SS_SERIAL : EFI_SS_SCREEN);
		tail_text(x, lang, tail, sizeof(tail));
		/* The details first, the verdict block last: it is what stays on the screen. */
		if (!quiet)
			ss_render_text_lang(x->result, &x->facts.f.info, lang, efi_ss_con_write, NULL);
		efi_ss_con_verdict(x->result, tail, lang);
	}
	if (zh)
		efi_ss_con_route(EFI_SS_ALL);
}

/* Booted directly: a returned status goes nowhere useful, so do what slicscan.cfg says
 * (show() has said which). */
static void finish_booted(struct run *x, unsigned code)
{
	switch (x->cfg.action) {
	case FW_ACTION_POWEROFF:
		if (x->cfg.debug_exit)
			efi_ss_debug_exit(code);
		RT->ResetSystem(EfiResetShutdown, EFI_SUCCESS, 0, NULL);
		break; /* not reached; if it is, return to firmware */
	case FW_ACTION_REBOOT:
		RT->ResetSystem(EfiResetCold, EFI_SUCCESS, 0, NULL);
		break;
	case FW_ACTION_WAIT:
		efi_ss_wait_key(x->cfg.timeout);
		break;
	case FW_ACTION_EXIT:
		break;
	}
}

/* Not EFIAPI: gnu-efi's crt0 calls efi_main with the SysV calling convention
 * (docs/FACTS.md §5); EFIAPI here faults at the first call. */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab);

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	static struct run run; /* zeroed .bss: keeps 10 KiB off the firmware's small stack */
	struct run *x = &run;
	unsigned code;

	InitializeLib(image, systab);
	ss_memfill(x, 0, sizeof(*x));
	/* The firmware's 5-minute watchdog would reset the PC during a long wait. */
	BS->SetWatchdogTimer(0, 0, 0, NULL);

	efi_ss_image_init(&x->im, image);
	/* Network-booted (PXE, HTTP, or chained by iPXE with a text command line): never a Shell
	 * run, whatever the load options look like. */
	efi_ss_net_detect(&x->net, x->im.li);
	if (x->net.booted) {
		x->im.shell_mode = x->im.launch.shell = false;
		x->im.launch.argc = 0;
		x->im.launch.args_overflow = false;
	}
	if (x->im.li != NULL)
		x->own.root = LibOpenRoot(x->im.li->DeviceHandle);
	if (x->im.shell_mode &&
	    EFI_ERROR(LibLocateProtocol(&shell_guid, (void **)&x->shell.shell)))
		x->shell.shell = NULL;

	/* Booted directly there are no arguments: load options are not a command line. */
	const struct efi_ss_launch *l = &x->im.launch;
	if (l->args_overflow || efi_ss_args_parse(&x->args, l->argc, l->argv) != 0) {
		efi_ss_con_notice(l->args_overflow ? "command line too long" : x->args.err);
		efi_ss_con_write(NULL, efi_ss_usage(), ss_strlen(efi_ss_usage()));
		release(x);
		return (EFI_STATUS)SS_EXIT_USAGE;
	}
	if (x->args.version) {
		efi_ss_con_printf("slicscan %s\n", SS_VERSION); /* as the Linux command's */
		release(x);
		return EFI_SUCCESS;
	}
	if (x->args.help) {
		efi_ss_con_printf("slicscan %s: is this PC's firmware ready for Windows KMS "
				  "activation?\n", SS_VERSION);
		efi_ss_con_write(NULL, efi_ss_usage(), ss_strlen(efi_ss_usage()));
		release(x);
		return EFI_SUCCESS;
	}

	read_config(x);
	efi_ss_con_init(x->cfg.text_80x25);
	bool quiet = x->args.quiet || x->cfg.quiet;
	if (!quiet && !x->args.json)
		efi_ss_con_printf("slicscan %s (UEFI %s): reading the firmware's ACPI tables...\n",
				  SS_VERSION, EFI_SS_ARCH);
	if (x->net.booted)
		efi_ss_con_printf("Network boot (%s): address %u.%u.%u.%u, files from %s%s.\n",
				  x->net.is_pxe ? "PXE" : x->net.is_http ? "HTTP" : "IPv4",
				  x->net.station[0], x->net.station[1], x->net.station[2],
				  x->net.station[3], x->net.is_pxe ? "TFTP " : x->net.have_boot_url ?
				  "http://" : "nowhere", x->net.is_pxe ? x->net.boot_dir :
				  x->net.have_boot_url ? x->net.boot_url.host : "");
	if (!quiet && !x->args.json && l->ignored[0] != '\0')
		efi_ss_con_printf("Note: %s.\n", l->ignored);
	if (!allocate(x)) {
		efi_ss_con_notice("out of memory: cannot judge");
		release(x);
		return (EFI_STATUS)SS_EXIT_CANNOT_JUDGE;
	}
	if (read_policy(x) != 0) {
		efi_ss_con_notice(x->policy_err);
		if (x->im.shell_mode) {
			release(x);
			return (EFI_STATUS)SS_EXIT_USAGE;
		}
		efi_ss_con_notice("continuing with the built-in policy");
	}

	code = scan(x);
	show(x, quiet);
	if (!x->im.shell_mode)
		finish_booted(x, code);
	release(x);
	return (EFI_STATUS)code;
}
