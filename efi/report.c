/* SPDX-License-Identifier: MIT */
/* The report files on the stick as the UEFI app writes them: fw/report.c decides names and
 * contents; this file adds the UEFI facts and hands it the file operations of efi/files.c.
 * The text file gets CRLF line ends so that old Notepad shows it properly. */
#include "efi_ss.h"

#include "fleet_stick.h"
#include "printable.h"

void efi_ss_facts_fill(struct efi_ss_facts *f, const struct fw_smbios_info *smb,
		       bool have_smbios, const char *smbios_why, const struct fw_time *t,
		       bool have_time, bool shell_mode)
{
	char app[64];
	ss_memfill(f, 0, sizeof(*f));
	ss_fmt(app, sizeof(app), "slicscan %s (UEFI %s)", SS_VERSION, EFI_SS_ARCH);
	fw_facts_fill(&f->f, app, shell_mode ? "UEFI Shell" : "booted from the stick",
		      have_smbios ? smb : NULL, smbios_why, have_time ? t : NULL);
	if (ST->FirmwareVendor != NULL) {
		char vendor[64];
		efi_ss_ucs2_ascii(ST->FirmwareVendor, 63, vendor, sizeof(vendor));
		fw_printable((const uint8_t *)vendor, ss_strlen(vendor), vendor, sizeof(vendor));
		ss_fmt(f->fw_vendor, sizeof(f->fw_vendor), "%s, revision 0x%08x", vendor,
		       (unsigned)ST->FirmwareRevision);
		ss_info_add(&f->f.info, "firmware_vendor", ss_msg(SS_LANG_EN, SS_M_I_UEFI_FW),
			    f->fw_vendor);
	}
	ss_fmt(f->uefi_rev, sizeof(f->uefi_rev), "%u.%u", (unsigned)(ST->Hdr.Revision >> 16),
	       (unsigned)(ST->Hdr.Revision & 0xFFFF) / 10);
	ss_info_add(&f->f.info, "uefi_revision", ss_msg(SS_LANG_EN, SS_M_I_UEFI_REV),
		    f->uefi_rev);
}

/* ---- fw_files over efi/files.c: error codes are the EFI_STATUS values themselves ---- */

static int code(EFI_STATUS st)
{
	return EFI_ERROR(st) ? (int)(st & ~EFI_ERROR_MASK) : 0; /* error codes are 1, 2, ... */
}

static const char *why(void *ctx, int err)
{
	(void)ctx;
	switch ((EFI_STATUS)err | EFI_ERROR_MASK) {
	case EFI_WRITE_PROTECTED: return "the stick is write-protected";
	case EFI_VOLUME_FULL: return "the stick is full";
	case EFI_ACCESS_DENIED: return "access denied";
	case EFI_NOT_FOUND: return "not found";
	case EFI_OUT_OF_RESOURCES: return "out of memory";
	case EFI_MEDIA_CHANGED: return "the stick was changed";
	case EFI_NO_MEDIA: return "no medium";
	case EFI_INVALID_PARAMETER: return "invalid path";
	default: return "device error";
	}
}

static bool f_exists(void *ctx, const char *path)
{
	return efi_ss_file_exists(ctx, path);
}

static int f_mkdirs(void *ctx, const char *path)
{
	return code(efi_ss_mkdirs(ctx, path));
}

static int f_write_new(void *ctx, const char *path, const void *data, size_t len)
{
	return code(efi_ss_file_write(ctx, path, data, len));
}

static int f_append(void *ctx, const char *path, const void *head, size_t hlen,
		    const void *data, size_t len)
{
	return code(efi_ss_file_append(ctx, path, head, hlen, data, len));
}

static int f_remove(void *ctx, const char *path)
{
	return code(efi_ss_file_delete(ctx, path));
}


bool efi_ss_report_write(const struct efi_ss_vol *v, const char *dir, const char *summary,
			 const struct fw_smbios_info *smb, bool have_smbios,
			 struct ss_result *r, const struct ss_info *info, enum ss_lang lang,
			 struct fw_saved *saved)
{
	const struct fw_files fs = { (void *)v, f_exists, f_mkdirs, f_write_new, f_append,
				     f_remove, why, efi_ss_pool_alloc, efi_ss_pool_free };
	return fw_report_write(&fs, dir, summary, have_smbios ? smb : NULL, r, info, lang, saved);
}

/* ---- the fleet page's extra operations (fw/fleet_stick.h) ---- */

static int f_list(void *ctx, const char *dir, fw_list_fn each, void *arg)
{
	return code(efi_ss_dir_list(ctx, dir, each, arg));
}

static int f_read_all(void *ctx, const char *path, size_t max, char **data, size_t *len)
{
	UINT8 *d = NULL;
	UINTN n = 0;
	int err = code(efi_ss_file_read(ctx, path, &d, &n, max));
	*data = (char *)d; /* from AllocatePool: efi_ss_pool_free frees it */
	*len = n;
	return err;
}

static int f_rename(void *ctx, const char *path, const char *new_name)
{
	return code(efi_ss_file_rename(ctx, path, new_name));
}

const char *efi_ss_fleet_page(const struct efi_ss_vol *v, const char *dir, enum ss_lang lang)
{
	const struct fw_files fs = { (void *)v, f_exists, f_mkdirs, f_write_new, f_append,
				     f_remove, why, efi_ss_pool_alloc, efi_ss_pool_free };
	const struct fw_fleet_files ff = { &fs, f_list, f_read_all, f_rename };
	return fw_fleet_stick_write(&ff, dir, FW_FLEET_PAGE_DEFAULT, ss_lang_str(lang));
}
