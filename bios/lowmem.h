/* SPDX-License-Identifier: MIT */
/* Where the BIOS kernel lives and what it borrows below 1 MiB; shared by the assembly and C.
 *
 * The kernel is linked at 1 MiB (bios/bios.ld) and runs in 32-bit protected mode with its own
 * GDT. BIOS services run in real mode, which can only execute and address the first MiB, so
 * the real-mode half of the thunk is copied to LOW_THUNK and BIOS calls that take a buffer
 * (E820, INT 13h disk reads and writes) use the bounce buffer. The area
 * 0x1000-0xFFFF is conventional memory on every PC (the IVT and BIOS data area end at 0x4FF,
 * the EBDA sits at the top of the first 640 KiB); the kernel copies what the Multiboot loader
 * left there before it claims the area. */
#ifndef BIOS_LOWMEM_H
#define BIOS_LOWMEM_H

#define LOW_THUNK 0x1000        /* real-mode half of the thunk and its data, < 4 KiB */
#define LOW_THUNK_MAX 0x1000
#define LOW_STACK_TOP 0x7000    /* real-mode stack: 0x2000..0x6FFF */
#define LOW_DAP 0x7000          /* INT 13h AH=42h/43h disk address packet (16 bytes) */
#define LOW_DRVPARAM 0x7100     /* INT 13h AH=48h drive parameters (up to 0x42 bytes) */
#define LOW_BOUNCE 0x8000       /* bounce buffer for BIOS calls: 0x8000..0xFFFF */
#define LOW_BOUNCE_SIZE 0x8000  /* 64 sectors of 512 bytes */
#define LOW_END 0x10000

/* GDT selectors (bios/entry.S) */
#define SEL_CODE32 0x08
#define SEL_DATA32 0x10
#define SEL_CODE16 0x18         /* base 0, limit 64 KiB, 16-bit: the step into real mode */
#define SEL_DATA16 0x20
#define GDT_LIMIT (5 * 8 - 1)   /* null + the four above */

/* struct bios_regs (bios.h), as thunk.S copies it */
#define BR_EAX 0
#define BR_EBX 4
#define BR_ECX 8
#define BR_EDX 12
#define BR_ESI 16
#define BR_EDI 20
#define BR_EBP 24
#define BR_DS 28
#define BR_ES 30
#define BR_EFLAGS 32
#define BR_SIZE 36

#endif
