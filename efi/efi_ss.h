/* SPDX-License-Identifier: MIT */
/* Shared declarations of the firmware side of slicscan.efi (the efi/ directory, gnu-efi).
 *
 * efi/ stays thin: it finds bytes (firmware memory, files on the stick) and renders results.
 * Every ACPI rule lives in acpi/; every parser of untrusted bytes that does not need firmware
 * lives in fw/ (shared with the other front ends) or efi/logic/ (the app's own) and is
 * unit-tested on the host. */
#ifndef EFI_SS_H
#define EFI_SS_H

#include <efi.h>
#include <efilib.h>

#include "bytes.h"
#include "slicscan.h"
#include "clock.h"
#include "efi_launch.h"
#include "memmap.h"
#include "fleet_stick.h"
#include "report.h"
#include "smbios.h"

#if defined(__x86_64__)
#define EFI_SS_ARCH "x86_64"
#elif defined(__i386__)
#define EFI_SS_ARCH "ia32"
#else
#error "slicscan.efi is built for x86_64 and ia32 only"
#endif

/* ---- console (console.c) ---- */

/* Choose the text mode and lay the text out for it: the current mode, or mode 0 (80x25) when
 * want_80x25 or when the current one is smaller or unknown (fw_use_mode0). Called by the
 * first write with want_80x25 false; calling it again may switch to mode 0. */
void efi_ss_con_init(bool want_80x25);
/* ss_write_fn for ConOut: lines word-wrapped to the console's width (screen.h), '\n'
 * becomes CRLF, every byte that is not printable ASCII becomes '?' (so no escape sequence
 * from firmware data reaches a terminal); ctx unused. A line is printed once its '\n' came. */
void efi_ss_con_write(void *ctx, const char *s, size_t n);
/* The same without wrapping, for text a program may read back (JSON). */
void efi_ss_con_write_raw(void *ctx, const char *s, size_t n);
void efi_ss_con_printf(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* The verdict block, printed last so that it is the screenful a person sees: the verdict in
 * big letters, the banner (ss_render_banner, its box in the verdict's colour), the warnings
 * and errors as far as they fit, then tail (lines ending in '\n': where the report went,
 * what happens next). Colour covers exactly the letters and the box. */
void efi_ss_con_verdict(const struct ss_result *r, const char *tail, enum ss_lang lang);
/* zh-TW on the screen: registers the font (font.c) and checks that the graphics console
 * draws it (TestString); false (and nothing registered) when it cannot, or when the screen
 * is not a separate console from the serial ones. */
bool efi_ss_con_zh(void);
/* Where the following output goes: everything behind ConOut (the default), only the
 * graphics console (zh-TW text), or only the others (serial: English). */
enum efi_ss_route { EFI_SS_ALL = 0, EFI_SS_SCREEN, EFI_SS_SERIAL };
void efi_ss_con_route(enum efi_ss_route r);

/* ---- the zh-TW font (font.c) ---- */

bool efi_ss_font_load(void);
/* Take the font back (before the app exits); harmless when none was loaded. */
void efi_ss_font_unload(void);
/* Yellow "slicscan: ..." line for errors and notices. */
void efi_ss_con_notice(const char *msg);

/* ---- text conversions (console.c) ---- */

/* ASCII -> CHAR16, NUL-terminated, truncated to cap - 1 characters. */
void efi_ss_to_char16(const char *s, CHAR16 *out, UINTN cap);
/* CHAR16 -> ASCII: efi_ss_ucs2_ascii() (efi/logic/efi_launch.h). */

/* ---- files (files.c) ----
 * A "volume" is where paths are resolved: the app's own volume (paths from its root, like
 * "\slicscan\reports") or, in the Shell, the Shell's name space (fs0:\x, relative paths). */
struct efi_ss_vol {
	EFI_FILE_HANDLE root;        /* own volume, or NULL */
	EFI_SHELL_PROTOCOL *shell;   /* Shell name space, or NULL */
};

/* Read a whole file (at most max bytes) into a new pool buffer with one extra NUL byte.
 * Returns EFI_SUCCESS, EFI_NOT_FOUND, EFI_BAD_BUFFER_SIZE (too large) or another error. */
EFI_STATUS efi_ss_file_read(const struct efi_ss_vol *v, const char *path, UINT8 **data,
			    UINTN *len, UINTN max);
/* Create every missing directory of path. */
EFI_STATUS efi_ss_mkdirs(const struct efi_ss_vol *v, const char *path);
/* Create a new file and write data; on failure the partial file is deleted. */
EFI_STATUS efi_ss_file_write(const struct efi_ss_vol *v, const char *path, const void *data,
			     UINTN len);
/* Append data to a file, creating it with head first when it is new or empty. On failure
 * a new file is deleted and an existing one cut back to its old size: earlier lines stay
 * whole and no half line is left. */
EFI_STATUS efi_ss_file_append(const struct efi_ss_vol *v, const char *path, const void *head,
			      UINTN hlen, const void *data, UINTN len);
/* Delete a file (closing it); EFI_WARN_DELETE_FAILURE when the volume refused. */
EFI_STATUS efi_ss_file_delete(const struct efi_ss_vol *v, const char *path);
/* True when path exists, or when that cannot be determined (see naming.h). */
bool efi_ss_file_exists(const struct efi_ss_vol *v, const char *path);
/* Call each(arg, name) for every file (not directory) in dir; names outside ASCII become '?'. */
EFI_STATUS efi_ss_dir_list(const struct efi_ss_vol *v, const char *dir,
			   void (*each)(void *arg, const char *name), void *arg);
/* Rename the file at path to new_name in its folder (SetInfo with a new FileName). */
EFI_STATUS efi_ss_file_rename(const struct efi_ss_vol *v, const char *path, const char *new_name);
void efi_ss_vol_close(struct efi_ss_vol *v);

/* ---- the running image (image.c) ---- */

#define EFI_SS_PATH_DIR_MAX 256

struct efi_ss_image {
	EFI_HANDLE handle;
	EFI_LOADED_IMAGE *li;
	bool shell_mode;              /* started from the UEFI Shell (its protocols on the handle) */
	struct efi_ss_launch launch;  /* Shell arguments, or what load options a boot ignored */
	char dir[EFI_SS_PATH_DIR_MAX];/* directory of the .efi file on its volume, "\EFI\BOOT" */
};

void efi_ss_image_init(struct efi_ss_image *im, EFI_HANDLE handle);

/* ---- firmware memory and tables (memory.c, tables.c, smbios.c) ---- */

struct efi_ss_mem {
	struct fw_mem_range *ranges;
	struct fw_memmap map;
	unsigned refused;  /* reads refused by the memory-map check */
};

/* Snapshot the UEFI memory map. Returns EFI_SUCCESS or the GetMemoryMap/AllocatePool error. */
EFI_STATUS efi_ss_mem_init(struct efi_ss_mem *m);
void efi_ss_mem_free(struct efi_ss_mem *m);
/* The ss_read_fn given to the core: copies only ranges fw_range_ok() accepts. */
int efi_ss_mem_read(void *ctx, uint64_t addr, void *dst, size_t len);

/* Find a configuration-table entry by GUID; 0 when absent. */
uint64_t efi_ss_config_table(EFI_GUID *guid);
/* Collect the ACPI tables through the RSDP(s) of the configuration table. */
void efi_ss_collect_acpi(struct ss_tableset *set, struct efi_ss_mem *m);

/* Read SMBIOS type 0/1 facts. Returns false (info zeroed) when there is no usable SMBIOS;
 * why says what went wrong. */
bool efi_ss_smbios_read(struct efi_ss_mem *m, struct fw_smbios_info *info,
			const char **why);

/* ---- clock (clock.c) ---- */

/* Read RT->GetTime; on success fills t and returns true. status gets the EFI status. */
bool efi_ss_clock_read(struct fw_time *t, EFI_STATUS *status);

/* ---- report (report.c) ---- */

/* The report's facts (fw/report.h) plus the UEFI ones: firmware vendor and UEFI revision. */
struct efi_ss_facts {
	struct fw_facts f;
	char fw_vendor[96];
	char uefi_rev[16];
};

void efi_ss_facts_fill(struct efi_ss_facts *f, const struct fw_smbios_info *smb,
		       bool have_smbios, const char *smbios_why, const struct fw_time *t,
		       bool have_time, bool shell_mode);

/* Choose a free base name from SMBIOS in dir and write NAME.txt and NAME.json, then append
 * the machine's line to the summary CSV (unless summary is NULL or ""). On success saved
 * names the text file and says whether the summary line was added (a failed
 * summary changes nothing else); on failure a finding "report-not-saved" is added to r (so
 * the console shows it) and false is returned. */
/* Regenerate \slicscan\summary.html from the reports in dir (fw/fleet_stick.c); NULL when
 * done, else why not. */
const char *efi_ss_fleet_page(const struct efi_ss_vol *v, const char *dir, enum ss_lang lang);
/* Pool memory for fw/ callbacks (the fw_files and fw_transport alloc/release): efi/memory.c. */
void *efi_ss_pool_alloc(void *ctx, size_t n);
void efi_ss_pool_free(void *ctx, void *p);
bool efi_ss_report_write(const struct efi_ss_vol *v, const char *dir, const char *summary,
			 const struct fw_smbios_info *smb, bool have_smbios,
			 struct ss_result *r, const struct ss_info *info, enum ss_lang lang,
			 struct fw_saved *saved);

/* ---- network boot and the network checks' transport (net.c; docs/NETWORK.md) ---- */

#include "http.h"
#include "netcheck.h"

struct efi_ss_net {
	bool booted;                  /* PXE base code started on the device, or IPv4/URI nodes */
	bool is_pxe, is_http;
	bool have_addr;               /* station address known (never UseDefaultAddress) */
	EFI_HANDLE device;
	EFI_HANDLE nic;               /* stick boot: the NIC DHCP4 gave an address on */
	struct _EFI_PXE_BASE_CODE_PROTOCOL *pxe;
	EFI_SERVICE_BINDING *sb;      /* TCP4 service binding of the NIC */
	uint8_t station[4], mask[4], router[4], server[4];
	char boot_dir[130];           /* PXE: the boot file's directory ("" or "dir/") */
	struct fw_url boot_url;       /* HTTP boot: the boot URI's directory */
	bool have_boot_url;
	char why[120];
};

void efi_ss_net_detect(struct efi_ss_net *n, EFI_LOADED_IMAGE *li);
/* Stick boot: an address by DHCP4 from a network stack the firmware already started (it is
 * never started here: that would write variables); bounded wait; false with why. */
bool efi_ss_net_dhcp(struct efi_ss_net *n);
/* A transport over TCP4 children of the NIC; false (why set) without address or TCP4. */
bool efi_ss_net_transport(struct efi_ss_net *n, struct fw_transport *t);
/* A file next to the boot file (TFTP or HTTP GET), at most max bytes, NUL added. */
EFI_STATUS efi_ss_net_read(struct efi_ss_net *n, const char *name, UINT8 **data, UINTN *len,
			   UINTN max);

/* ---- ending the run (finish.c) ---- */

/* Wait for a key or the timeout (seconds). */
void efi_ss_wait_key(unsigned seconds);
/* Tests only: write code to QEMU's isa-debug-exit port 0xf4 (QEMU exits with code*2+1). */
void efi_ss_debug_exit(unsigned code);

#endif
