/* SPDX-License-Identifier: MIT */
/* Facts about the running image: Shell or booted directly, its command line, its directory.
 *
 * Shell mode only when the image handle carries one of the Shell's own protocols:
 * EFI_SHELL_PARAMETERS_PROTOCOL (UEFI Shell 2.x) or EFI_SHELL_INTERFACE (EDK1 shell). LoadOptions
 * never make a Shell run: booted directly they are whatever the boot manager or loader passed
 * (efi/logic/efi_launch.c decides and describes; nothing of them is parsed). */
#include "efi_ss.h"

#include <efishellintf.h>

#include "efi_launch.h"

static EFI_GUID shell_params_guid = EFI_SHELL_PARAMETERS_PROTOCOL_GUID;
static EFI_GUID shell_interface_guid = SHELL_INTERFACE_PROTOCOL_GUID;

/* The directory part of the image's file path: FILEPATH nodes concatenated, cut at the last
 * '\'. Node lengths are firmware data: a node shorter than its header ends the walk. */
static void image_dir(struct efi_ss_image *im)
{
	CHAR16 path[EFI_SS_PATH_DIR_MAX];
	UINTN n = 0;
	const UINT8 *node = (const UINT8 *)im->li->FilePath;
	im->dir[0] = '\0';
	for (int guard = 0; node != NULL && guard < 64; guard++) {
		UINT8 type = node[0], sub = node[1];
		UINT16 len = (UINT16)(node[2] | node[3] << 8);
		if (len < 4 || type == END_DEVICE_PATH_TYPE)
			break;
		if (type == MEDIA_DEVICE_PATH && sub == MEDIA_FILEPATH_DP) {
			const CHAR16 *name = (const CHAR16 *)(const void *)(node + 4);
			UINTN units = (UINTN)(len - 4) / 2;
			if (n > 0 && path[n - 1] != '\\' && units > 0 && name[0] != '\\' &&
			    n + 1 < EFI_SS_PATH_DIR_MAX)
				path[n++] = '\\';
			for (UINTN i = 0; i < units && name[i] != 0 && n + 1 < EFI_SS_PATH_DIR_MAX; i++)
				path[n++] = name[i] == '/' ? '\\' : name[i];
		}
		node += len;
	}
	while (n > 0 && path[n - 1] != '\\')
		n--;
	while (n > 1 && path[n - 1] == '\\')
		n--;
	if (n == 0)
		return;
	efi_ss_ucs2_ascii(path, n, im->dir, sizeof(im->dir));
}

void efi_ss_image_init(struct efi_ss_image *im, EFI_HANDLE handle)
{
	EFI_SHELL_PARAMETERS_PROTOCOL *sp = NULL;
	EFI_SHELL_INTERFACE *si = NULL;
	struct efi_ss_launch_in in;

	ss_memfill(im, 0, sizeof(*im));
	ss_memfill(&in, 0, sizeof(in));
	im->handle = handle;
	if (EFI_ERROR(BS->HandleProtocol(handle, &LoadedImageProtocol, (void **)&im->li)))
		im->li = NULL;

	/* As gnu-efi's GetShellArgcArgv: Shell 2.x first, then the EDK1 shell's interface. */
	if (!EFI_ERROR(BS->OpenProtocol(handle, &shell_params_guid, (void **)&sp, handle, NULL,
					EFI_OPEN_PROTOCOL_GET_PROTOCOL)) &&
	    sp != NULL) {
		in.shell_params = true;
		in.argv = (const uint16_t *const *)sp->Argv;
		in.argc = sp->Argc;
	} else if (!EFI_ERROR(BS->HandleProtocol(handle, &shell_interface_guid, (void **)&si)) &&
		   si != NULL) {
		in.shell_interface = true;
		in.argv = (const uint16_t *const *)si->Argv;
		in.argc = si->Argc;
	}
	if (im->li != NULL) {
		in.load_options = im->li->LoadOptions;
		in.load_options_size = im->li->LoadOptionsSize;
	}
	efi_ss_launch_decide(&im->launch, &in);
	im->shell_mode = im->launch.shell;
	if (im->li != NULL)
		image_dir(im);
}
