/* SPDX-License-Identifier: MIT */
/* Test-only loader for the QEMU suite (docs/QEMU.md, "Load options"): booted as
 * \EFI\BOOT\BOOTX64.EFI, it starts \EFI\BOOT\SLICSCAN.EFI from the same stick with the bytes of
 * \EFI\BOOT\LOADOPTS.BIN as its LoadOptions (none when that file is missing or empty), exactly
 * the field a boot manager fills from a Boot#### entry's optional data and iPXE or GRUB fill
 * with a command line. When slicscan returns (action = exit) it prints the status and powers
 * the VM off, so the suite sees both. Never shipped; it writes no variable. */
#include <efi.h>
#include <efilib.h>

#define OPTS_MAX (64u << 10)

/* Not EFIAPI: gnu-efi's crt0 calls efi_main with the SysV convention (as efi/main.c). */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab);

static void *read_options(EFI_LOADED_IMAGE *li, UINTN *size)
{
	EFI_FILE_HANDLE root = LibOpenRoot(li->DeviceHandle), f = NULL;
	void *buf = NULL;
	*size = 0;
	if (root == NULL)
		return NULL;
	if (!EFI_ERROR(root->Open(root, &f, L"\\EFI\\BOOT\\LOADOPTS.BIN", EFI_FILE_MODE_READ, 0))) {
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
	}
	root->Close(root);
	return *size > 0 ? buf : NULL;
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	EFI_LOADED_IMAGE *li = NULL, *child_li = NULL;
	EFI_HANDLE child = NULL;
	EFI_STATUS st;
	UINTN size = 0;

	InitializeLib(image, systab);
	st = BS->HandleProtocol(image, &LoadedImageProtocol, (void **)&li);
	if (!EFI_ERROR(st)) {
		void *opts = read_options(li, &size);
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
