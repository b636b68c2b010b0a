/* SPDX-License-Identifier: MIT */
/* Test-only loader for the QEMU suite (docs/QEMU.md, "Load options" and "No ACPI tables"):
 * booted as \EFI\BOOT\BOOTX64.EFI, it starts \EFI\BOOT\SLICSCAN.EFI from the same stick with the
 * bytes of \EFI\BOOT\LOADOPTS.BIN as its LoadOptions (none when that file is missing or empty),
 * exactly the field a boot manager fills from a Boot#### entry's optional data and iPXE or GRUB
 * fill with a command line. When \EFI\BOOT\NOACPI.TXT exists, it first removes the ACPI 2.0 and
 * 1.0 entries from the EFI configuration table (InstallConfigurationTable(guid, NULL)), after
 * printing what the RSDP's root table lists: on a machine booted with acpi=off and a display,
 * OVMF still publishes an RSDP for its own boot-logo table (BGRT), and this is how the suite
 * shows slicscan a firmware with no ACPI tables on a graphical screen. When slicscan returns
 * (action = exit) it prints the status and powers the VM off, so the suite sees both. Never
 * shipped; it writes no variable and no table memory. */
#include <efi.h>
#include <efilib.h>

#define OPTS_MAX (64u << 10)

/* Not EFIAPI: gnu-efi's crt0 calls efi_main with the SysV convention (as efi/main.c). */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab);

static void *read_file(EFI_FILE_HANDLE root, CHAR16 *name, UINTN *size, BOOLEAN *exists)
{
	EFI_FILE_HANDLE f = NULL;
	void *buf = NULL;
	*size = 0;
	*exists = FALSE;
	if (root == NULL || EFI_ERROR(root->Open(root, &f, name, EFI_FILE_MODE_READ, 0)))
		return NULL;
	*exists = TRUE;
	EFI_FILE_INFO *info = LibFileInfo(f);
	if (info != NULL && info->FileSize > 0 && info->FileSize <= OPTS_MAX) {
		*size = (UINTN)info->FileSize;
		buf = AllocatePool(*size);
		if (buf == NULL || EFI_ERROR(f->Read(f, size, buf)))
			*size = 0;
	}
	if (info != NULL)
		FreePool(info);
	f->Close(f);
	return *size > 0 ? buf : NULL;
}

static void *config_table(EFI_GUID *guid)
{
	for (UINTN i = 0; i < ST->NumberOfTableEntries; i++)
		if (CompareGuid(&ST->ConfigurationTable[i].VendorGuid, guid) == 0)
			return ST->ConfigurationTable[i].VendorTable;
	return NULL;
}

/* The signatures the RSDP's XSDT (revision 2+) or RSDT lists, for the serial log. */
static void print_root(const UINT8 *rsdp)
{
	const UINT8 *root;
	UINTN width;
	if (rsdp[15] >= 2 && *(const UINT64 *)(rsdp + 24) != 0) {
		root = (const UINT8 *)(UINTN)*(const UINT64 *)(rsdp + 24);
		width = 8;
	} else {
		root = (const UINT8 *)(UINTN)*(const UINT32 *)(rsdp + 16);
		width = 4;
	}
	if (root == NULL) {
		Print(L" (no root table)\n");
		return;
	}
	UINT32 len = *(const UINT32 *)(root + 4);
	Print(L" (%c%c%c%c lists:", root[0], root[1], root[2], root[3]);
	for (UINT32 o = 36; len <= 4096 && o + width <= len; o += (UINT32)width) {
		UINT64 a = width == 8 ? *(const UINT64 *)(root + o) : *(const UINT32 *)(root + o);
		const UINT8 *t = (const UINT8 *)(UINTN)a;
		if (t == NULL)
			Print(L" (null)");
		else
			Print(L" %c%c%c%c", t[0], t[1], t[2], t[3]);
	}
	Print(L")\n");
}

/* Remove every ACPI 2.0 and 1.0 entry from the configuration table; say what each was. */
static void hide_acpi(void)
{
	static EFI_GUID guids[] = { ACPI_20_TABLE_GUID, ACPI_TABLE_GUID };
	static const CHAR16 *names[] = { L"ACPI 2.0", L"ACPI 1.0" };
	for (UINTN g = 0; g < 2; g++) {
		UINT8 *rsdp;
		while ((rsdp = config_table(&guids[g])) != NULL) {
			Print(L"loader: %s RSDP at 0x%lx", names[g], (UINT64)(UINTN)rsdp);
			print_root(rsdp);
			EFI_STATUS st = BS->InstallConfigurationTable(&guids[g], NULL);
			if (EFI_ERROR(st)) {
				Print(L"loader: cannot remove it: %r\n", st);
				break;
			}
		}
	}
	Print(L"loader: no ACPI entry left in the configuration table (%d entries)\n",
	      (int)ST->NumberOfTableEntries);
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	EFI_LOADED_IMAGE *li = NULL, *child_li = NULL;
	EFI_HANDLE child = NULL;
	EFI_STATUS st;
	UINTN size = 0, flag_size = 0;
	BOOLEAN have_opts, no_acpi;

	InitializeLib(image, systab);
	st = BS->HandleProtocol(image, &LoadedImageProtocol, (void **)&li);
	if (!EFI_ERROR(st)) {
		EFI_FILE_HANDLE root = LibOpenRoot(li->DeviceHandle);
		void *opts = read_file(root, L"\\EFI\\BOOT\\LOADOPTS.BIN", &size, &have_opts);
		void *flag = read_file(root, L"\\EFI\\BOOT\\NOACPI.TXT", &flag_size, &no_acpi);
		if (flag != NULL)
			FreePool(flag);
		if (root != NULL)
			root->Close(root);
		if (no_acpi)
			hide_acpi();
		EFI_DEVICE_PATH *dp = FileDevicePath(li->DeviceHandle, L"\\EFI\\BOOT\\SLICSCAN.EFI");
		st = dp == NULL ? EFI_OUT_OF_RESOURCES : BS->LoadImage(FALSE, image, dp, NULL, 0, &child);
		if (!EFI_ERROR(st))
			st = BS->HandleProtocol(child, &LoadedImageProtocol, (void **)&child_li);
		if (!EFI_ERROR(st)) {
			child_li->LoadOptions = opts;
			child_li->LoadOptionsSize = (UINT32)size;
			Print(L"loader: starting SLICSCAN.EFI with %d bytes of load options\n", (int)size);
			st = BS->StartImage(child, NULL, NULL);
			Print(L"loader: SLICSCAN.EFI returned 0x%lx\n", (UINT64)st);
		} else {
			Print(L"loader: cannot load SLICSCAN.EFI: %r\n", st);
		}
	}
	RT->ResetSystem(EfiResetShutdown, EFI_SUCCESS, 0, NULL);
	return st;
}
