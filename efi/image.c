/* SPDX-License-Identifier: MIT */
/* Facts about the running image: Shell or booted directly, its command line, its directory.
 *
 * Shell mode: the image handle carries EFI_SHELL_PARAMETERS_PROTOCOL (UEFI Shell 2.x), or
 * LoadOptions is a printable UCS-2 command line (older shells, some boot managers). A boot
 * option's LoadOptions is otherwise binary data (OVMF puts a GUID there) and is ignored. */
#include "efi_ss.h"

#include "efi_args.h"

static EFI_GUID shell_params_guid = EFI_SHELL_PARAMETERS_PROTOCOL_GUID;

/* Append one CHAR16 argument to the ASCII command line; false when it does not fit. */
static bool append_arg(struct efi_ss_image *im, size_t *used, const CHAR16 *arg)
{
	if (im->argc >= sizeof(im->argv) / sizeof(im->argv[0]))
		return false;
	size_t room = sizeof(im->cmdline) - *used;
	size_t n = 0;
	while (arg[n] != 0)
		n++;
	if (n + 1 > room)
		return false;
	efi_ss_to_ascii(arg, n, im->cmdline + *used, n + 1);
	im->argv[im->argc++] = im->cmdline + *used;
	*used += n + 1;
	return true;
}

/* LoadOptions that look like text: even size, at least one unit, printable ASCII units up to
 * a NUL or the end. */
static bool load_options_text(const EFI_LOADED_IMAGE *li, UINTN *units)
{
	const CHAR16 *p = li->LoadOptions;
	UINTN n = li->LoadOptionsSize / sizeof(CHAR16), i = 0;
	if (p == NULL || n == 0 || li->LoadOptionsSize % 2 != 0)
		return false;
	for (; i < n && p[i] != 0; i++)
		if (p[i] < 0x20 || p[i] > 0x7E)
			return false;
	*units = i;
	return i > 0;
}

static void split_load_options(struct efi_ss_image *im, UINTN units)
{
	char *tok[EFI_SS_ARGS_MAX];
	efi_ss_to_ascii(im->li->LoadOptions, units, im->cmdline, sizeof(im->cmdline));
	if (units >= sizeof(im->cmdline)) {
		im->args_overflow = true;
		return;
	}
	int n = efi_ss_args_split(im->cmdline, tok, EFI_SS_ARGS_MAX);
	if (n < 0) {
		im->args_overflow = true;
		return;
	}
	/* The Shell's command line starts with the program name; a boot manager's options may
	 * not. Our options all start with '-', so a first token that does not is the name. */
	int first = n > 0 && tok[0][0] != '-' ? 1 : 0;
	for (int i = first; i < n && im->argc < sizeof(im->argv) / sizeof(im->argv[0]); i++)
		im->argv[im->argc++] = tok[i];
}

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
	efi_ss_to_ascii(path, n, im->dir, sizeof(im->dir));
}

void efi_ss_image_init(struct efi_ss_image *im, EFI_HANDLE handle)
{
	EFI_SHELL_PARAMETERS_PROTOCOL *sp = NULL;
	UINTN units = 0;

	ss_memfill(im, 0, sizeof(*im));
	im->handle = handle;
	if (EFI_ERROR(BS->HandleProtocol(handle, &LoadedImageProtocol, (void **)&im->li)))
		im->li = NULL;

	if (!EFI_ERROR(BS->OpenProtocol(handle, &shell_params_guid, (void **)&sp, handle, NULL,
					EFI_OPEN_PROTOCOL_GET_PROTOCOL)) &&
	    sp != NULL) {
		size_t used = 0;
		im->shell_mode = true;
		for (UINTN i = 1; i < sp->Argc; i++)
			if (sp->Argv[i] == NULL || !append_arg(im, &used, sp->Argv[i])) {
				im->args_overflow = true;
				break;
			}
	} else if (im->li != NULL && load_options_text(im->li, &units)) {
		im->shell_mode = true;
		split_load_options(im, units);
	}
	if (im->li != NULL)
		image_dir(im);
}
