/* SPDX-License-Identifier: MIT */
/* Calling a BIOS interrupt from 32-bit protected mode: void bios_int(uint8_t n,
 * struct bios_regs *r). Registers in, registers and flags out (bios.h).
 *
 * The way there: 32-bit code at 1 MiB+ -> far jump to the 16-bit code segment (still
 * protected mode, base 0, 64 KiB limit, so that the segment caches hold real-mode-like limits)
 * -> clear CR0.PE -> far jump to real mode at 0000:LOW_THUNK+x -> real-mode IVT, stack below
 * 0x7000, the caller's registers, STI, INT n, CLI -> save registers and flags -> check A20
 * (a BIOS may switch it off; with A20 off the return into the kernel above 1 MiB would run
 * aliased memory): INT 15h AX=2401h, then the fast-A20 port 0x92, else stop with a message
 * -> LGDT (32-bit base) -> set CR0.PE -> far jump to 32-bit code -> our IDT back.
 *
 * The real-mode half runs from a copy below 1 MiB (bios_thunk_init copies thunk_start ..
 * thunk_end to LOW_THUNK); it addresses its own data through CS = 0 at LOW(x). The INT
 * instruction's vector byte is written into that copy before each call. Not reentrant:
 * interrupts are off in protected mode and the kernel has one thread. */
#include "lowmem.h"

#define LOW(x) (LOW_THUNK + (x) - thunk_start)

	.section .text
	.code32
	.globl bios_int
bios_int:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 20(%esp), %eax             /* n */
	movb %al, LOW(rm_int_vector)
	movl 24(%esp), %esi             /* r */
	movl %esi, saved_regs
	movl $LOW(rm_regs), %edi
	movl $(BR_SIZE / 4), %ecx
	cld
	rep movsl
	movl %esp, saved_esp
	ljmp $SEL_CODE16, $LOW(pm16)

pm32_back:
	movw $SEL_DATA32, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %fs
	movw %ax, %gs
	movw %ax, %ss
	movl saved_esp, %esp
	lidt bios_idt_desc
	movl $LOW(rm_regs), %esi
	movl saved_regs, %edi
	movl $(BR_SIZE / 4), %ecx
	cld
	rep movsl
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

/* ---- copied below 1 MiB ---- */
	.code16
	.globl thunk_start, thunk_end, thunk_a20_fixes
thunk_start:
pm16:
	movw $SEL_DATA16, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %fs
	movw %ax, %gs
	movw %ax, %ss
	movl %cr0, %eax
	andl $0xFFFFFFFE, %eax
	movl %eax, %cr0
	ljmp $0, $LOW(rm)
rm:
	xorw %ax, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %fs
	movw %ax, %gs
	movw %ax, %ss
	movw $LOW_STACK_TOP, %sp
	lidt %cs:LOW(rm_idtr)
	movw %cs:LOW(rm_regs) + BR_ES, %es
	movl %cs:LOW(rm_regs) + BR_EAX, %eax
	movl %cs:LOW(rm_regs) + BR_EBX, %ebx
	movl %cs:LOW(rm_regs) + BR_ECX, %ecx
	movl %cs:LOW(rm_regs) + BR_EDX, %edx
	movl %cs:LOW(rm_regs) + BR_ESI, %esi
	movl %cs:LOW(rm_regs) + BR_EDI, %edi
	movl %cs:LOW(rm_regs) + BR_EBP, %ebp
	movw %cs:LOW(rm_regs) + BR_DS, %ds
	cld
	sti
	.byte 0xCD                      /* INT imm8 */
rm_int_vector:
	.byte 0
	cli
	pushfl
	popl %cs:LOW(rm_regs) + BR_EFLAGS
	movl %eax, %cs:LOW(rm_regs) + BR_EAX
	movl %ebx, %cs:LOW(rm_regs) + BR_EBX
	movl %ecx, %cs:LOW(rm_regs) + BR_ECX
	movl %edx, %cs:LOW(rm_regs) + BR_EDX
	movl %esi, %cs:LOW(rm_regs) + BR_ESI
	movl %edi, %cs:LOW(rm_regs) + BR_EDI
	movl %ebp, %cs:LOW(rm_regs) + BR_EBP
	movw %ds, %cs:LOW(rm_regs) + BR_DS
	movw %es, %cs:LOW(rm_regs) + BR_ES

	/* A20: the kernel above 1 MiB is unreachable without it. */
	xorw %ax, %ax
	movw %ax, %ds
	movw %ax, %ss
	movw $LOW_STACK_TOP, %sp
	movw $0xFFFF, %ax
	movw %ax, %es
	call a20_on
	jnz a20_done
	incw LOW(thunk_a20_fixes)
	movw $0x2401, %ax               /* INT 15h AX=2401h: enable A20 */
	sti
	int $0x15
	cli
	xorw %ax, %ax
	movw %ax, %ds
	movw $0xFFFF, %ax
	movw %ax, %es
	call a20_on
	jnz a20_done
	inb $0x92, %al                  /* fast A20; bit 0 would reset the PC: keep it clear */
	orb $0x02, %al
	andb $0xFE, %al
	outb %al, $0x92
	call a20_on
	jnz a20_done
	movw $LOW(a20_msg), %si         /* no way back: say so through the BIOS and stop */
1:	movb %cs:(%si), %al
	testb %al, %al
	jz 2f
	movb $0x0E, %ah
	movw $0x0007, %bx
	int $0x10
	incw %si
	jmp 1b
2:	cli
	hlt
	jmp 2b
a20_done:
	lgdtl %cs:LOW(rm_gdtr)
	movl %cr0, %eax
	orl $1, %eax
	movl %eax, %cr0
	ljmpl $SEL_CODE32, $pm32_back

/* ZF clear (and AX = 1) when A20 is on: the word at 0000:probe and the one 1 MiB higher
 * (FFFF:probe+0x10) differ, or stay different after the low one changed. DS = 0, ES = FFFF. */
a20_on:
	movw LOW(a20_probe), %ax
	movw %es:LOW(a20_probe) + 0x10, %bx
	cmpw %ax, %bx
	jne 1f
	notw %ax
	movw %ax, LOW(a20_probe)
	movw %es:LOW(a20_probe) + 0x10, %bx
	cmpw %ax, %bx
	je 2f
1:	movw $1, %ax
	testw %ax, %ax
	ret
2:	xorw %ax, %ax
	ret

	.align 4
rm_idtr:
	.word 0x3FF                     /* the real-mode IVT at 0 */
	.long 0
	.align 4
rm_gdtr:
	.word GDT_LIMIT
	.long bios_gdt
	.align 4
rm_regs:
	.space BR_SIZE
a20_probe:
	.word 0
thunk_a20_fixes:
	.word 0
a20_msg:
	.asciz "\r\nslicscan: A20 is off after a BIOS call and cannot be switched on. Switch the PC off.\r\n"
thunk_end:

	.section .bss
	.align 4
saved_esp:
	.long 0
saved_regs:
	.long 0

	.section .note.GNU-stack, "", @progbits
