/* SPDX-License-Identifier: MIT */
/* A CPU exception in the kernel: say which, where, and stop (instead of the silent reset a
 * triple fault would be). Written for a broken state: no layout, no allocation, just text to
 * the screen and the serial line. */
#include "bios.h"

static const char *const names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
	"invalid opcode", "no FPU", "double fault", "coprocessor segment", "invalid TSS",
	"segment not present", "stack fault", "general protection", "page fault", "reserved",
	"x87 error", "alignment check", "machine check", "SIMD error", "virtualization",
	"control protection", "reserved", "reserved", "reserved", "reserved", "reserved",
	"reserved", "hypervisor injection", "VMM communication", "security", "reserved",
};

void bios_fault(const struct bios_fault_frame *f)
{
	char buf[400];
	uint32_t cr2;
	__asm__ __volatile__("movl %%cr2, %0" : "=r"(cr2));
	ss_fmt(buf, sizeof(buf),
	       "\nslicscan: CPU exception %u (%s) at EIP 0x%08x, error code 0x%x, CR2 0x%08x\n"
	       "  EAX %08x EBX %08x ECX %08x EDX %08x ESI %08x EDI %08x EBP %08x ESP %08x\n"
	       "This is a bug in slicscan, not a fault of this PC. Switch the PC off.\n",
	       f->vector, names[f->vector & 31], f->eip, f->error, cr2, f->eax, f->ebx, f->ecx,
	       f->edx, f->esi, f->edi, f->ebp, f->esp);
	bios_con_panic(buf);
	bios_halt();
}
