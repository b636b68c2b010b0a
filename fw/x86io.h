/* SPDX-License-Identifier: MIT */
/* x86 port I/O for the firmware front ends (the UEFI app and the BIOS kernel), and the QEMU
 * test exit. Never included by host builds. */
#ifndef FW_X86IO_H
#define FW_X86IO_H

#include <stdint.h>

static inline void fw_outb(uint16_t port, uint8_t v)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void fw_outw(uint16_t port, uint16_t v)
{
	__asm__ __volatile__("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t fw_inb(uint16_t port)
{
	uint8_t v;
	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint16_t fw_inw(uint16_t port)
{
	uint16_t v;
	__asm__ __volatile__("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* Tests only: QEMU's isa-debug-exit device (-device isa-debug-exit,iobase=0xf4,iosize=0x04)
 * ends QEMU with status (code << 1) | 1. On a real PC port 0xf4 may belong to any device,
 * which is why only the debug_exit config key, never a default, leads here. */
#define FW_DEBUG_EXIT_PORT 0xf4

static inline void fw_debug_exit(unsigned code)
{
	fw_outb(FW_DEBUG_EXIT_PORT, (uint8_t)code);
}

#endif
