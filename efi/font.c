/* SPDX-License-Identifier: MIT */
/* The zh-TW glyphs for the graphics console: a simple font package (generated at build time
 * by scripts/mkfont from GNU Unifont, only the characters of the message catalogues) handed
 * to the HII database, and taken back before the app exits. OVMF's graphics console draws a
 * wide character from it once it is registered (docs/UEFI.md, "zh-TW on the screen").
 * gnu-efi has no HII header: the few declarations below follow UEFI 2.x §34.8. */
#include "efi_ss.h"

extern const unsigned char efi_ss_font[];
extern const size_t efi_ss_font_len;

static EFI_GUID hii_database_guid = { 0xef9fc172, 0xa1b2, 0x4693,
				      { 0xb3, 0x27, 0x6d, 0x32, 0xfc, 0x41, 0x60, 0x42 } };

typedef void *hii_handle;
struct hii_database;
typedef EFI_STATUS (EFIAPI *hii_new_package_list)(const struct hii_database *self,
						  const void *list, EFI_HANDLE driver,
						  hii_handle *handle);
typedef EFI_STATUS (EFIAPI *hii_remove_package_list)(const struct hii_database *self,
						     hii_handle handle);
/* Only the first two members are used; the rest of the protocol follows them. */
struct hii_database {
	hii_new_package_list new_package_list;
	hii_remove_package_list remove_package_list;
};

static struct hii_database *db;
static hii_handle handle;

bool efi_ss_font_load(void)
{
	if (handle != NULL)
		return true;
	if (EFI_ERROR(LibLocateProtocol(&hii_database_guid, (void **)&db)) || db == NULL)
		return false;
	if (EFI_ERROR(db->new_package_list(db, efi_ss_font, NULL, &handle))) {
		handle = NULL;
		return false;
	}
	return true;
}

void efi_ss_font_unload(void)
{
	if (handle != NULL && db != NULL)
		db->remove_package_list(db, handle);
	handle = NULL;
}
