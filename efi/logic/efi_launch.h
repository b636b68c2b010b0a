/* SPDX-License-Identifier: MIT */
/* How slicscan.efi was started, and where its arguments come from (pure logic).
 *
 * A Shell run is told apart only by the Shell's own protocols on the image handle:
 * EFI_SHELL_PARAMETERS_PROTOCOL (UEFI Shell 2.x) or EFI_SHELL_INTERFACE (the EDK1 shell). Both
 * give Argc/Argv already split, Argv[0] being the program name. Without either the app was
 * booted directly (a boot manager's Boot#### entry, the removable-media default, a loader such as
 * iPXE or GRUB): its LoadOptions are then whatever that caller chose to pass - binary optional
 * data, a kernel command line, the image's own name - and are never parsed as arguments. They are
 * only described, so the screen can say what was ignored. efi/image.c finds the protocols and
 * hands over what they hold; everything here is bounded by the sizes given. */
#ifndef EFI_SS_LAUNCH_H
#define EFI_SS_LAUNCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "efi_args.h"

/* What the firmware side found on the image handle. */
struct efi_ss_launch_in {
	bool shell_params;               /* EFI_SHELL_PARAMETERS_PROTOCOL (UEFI Shell 2.x) */
	bool shell_interface;            /* EFI_SHELL_INTERFACE (EDK1 shell) */
	const uint16_t *const *argv;     /* that protocol's Argv: UCS-2, argv[0] the program name */
	size_t argc;
	const void *load_options;        /* EFI_LOADED_IMAGE.LoadOptions (any bytes, any alignment) */
	size_t load_options_size;
};

struct efi_ss_launch {
	bool shell;                      /* a Shell run: arguments apply, the app always returns */
	char cmdline[512];               /* ASCII copies of the arguments, NUL-separated */
	char *argv[EFI_SS_ARGS_MAX];     /* options only: the program name removed */
	size_t argc;
	bool args_overflow;              /* more arguments, or longer, than fit */
	char ignored[128];               /* booted with load options: what they were, else "" */
};

void efi_ss_launch_decide(struct efi_ss_launch *l, const struct efi_ss_launch_in *in);

/* UCS-2 to ASCII: at most max units, stopping at a NUL; non-ASCII becomes '?'. out gets at most
 * cap - 1 characters and a NUL (nothing when cap is 0). */
void efi_ss_ucs2_ascii(const uint16_t *s, size_t max, char *out, size_t cap);

#endif
