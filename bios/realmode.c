/* SPDX-License-Identifier: MIT */
/* The C side of the real-mode thunk (thunk.S): its real-mode half below 1 MiB, the bounce
 * buffer, the A20 count. */
#include "bios.h"

extern const uint8_t thunk_start[], thunk_end[], thunk_a20_fixes[];

void bios_thunk_init(void)
{
	size_t n = (size_t)(thunk_end - thunk_start);
	if (n > LOW_THUNK_MAX) {
		bios_con_panic("slicscan: the BIOS thunk is larger than its place below 1 MiB\n");
		bios_halt();
	}
	uint8_t *dst = (uint8_t *)(uintptr_t)LOW_THUNK;
	for (size_t i = 0; i < n; i++)
		dst[i] = thunk_start[i];
}

unsigned bios_a20_fixes(void)
{
	return *(volatile const uint16_t *)(uintptr_t)(LOW_THUNK +
						       (uintptr_t)(thunk_a20_fixes - thunk_start));
}

void *bios_bounce(void)
{
	return (void *)(uintptr_t)LOW_BOUNCE;
}

uint16_t bios_bounce_seg(void)
{
	return (uint16_t)(LOW_BOUNCE >> 4);
}

/* The layout thunk.S copies (lowmem.h). */
typedef char br_eax_at_0[offsetof(struct bios_regs, eax) == BR_EAX ? 1 : -1];
typedef char br_ebp[offsetof(struct bios_regs, ebp) == BR_EBP ? 1 : -1];
typedef char br_ds[offsetof(struct bios_regs, ds) == BR_DS ? 1 : -1];
typedef char br_es[offsetof(struct bios_regs, es) == BR_ES ? 1 : -1];
typedef char br_eflags[offsetof(struct bios_regs, eflags) == BR_EFLAGS ? 1 : -1];
typedef char br_size[sizeof(struct bios_regs) == BR_SIZE ? 1 : -1];
