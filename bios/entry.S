/* SPDX-License-Identifier: MIT */
/* The kernel's first instructions: the Multiboot v1 header, our own GDT (flat 32-bit code and
 * data, plus the 16-bit segments the BIOS thunk steps through), a stack, and an IDT whose 32
 * exception gates report a CPU fault on the screen and the serial line (bios/fault.c) instead
 * of the silent reboot a triple fault would be. Interrupts stay off in protected mode: the
 * PIC's vectors 8-15 would collide with the exceptions, and BIOS services (keyboard, timer,
 * disk) run in real mode through the thunk, where they are on. */
#include "lowmem.h"

#define MB_MAGIC 0x1BADB002
#define MB_FLAGS 0x00000003     /* modules page-aligned; memory information (mmap) wanted */

	.section .multiboot, "a"
	.align 4
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)

	.section .text
	.code32
	.globl _start
_start:
	/* Multiboot: EAX = 0x2BADB002, EBX = the information structure, flat segments, A20 on,
	 * interrupts off. Nothing else is promised: no stack, no GDT we may keep. */
	cli
	cld
	movl %eax, %esi
	movl %ebx, %edi
	lgdt bios_gdt_desc
	ljmp $SEL_CODE32, $1f
1:	movw $SEL_DATA32, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %fs
	movw %ax, %gs
	movw %ax, %ss
	movl $stack_top, %esp
	xorl %ebp, %ebp
	call idt_fill
	lidt bios_idt_desc
	pushl %edi
	pushl %esi
	call bios_main          /* void bios_main(uint32_t magic, uint32_t info): never returns */
2:	cli
	hlt
	jmp 2b

/* Exception gates 0..31: 32-bit interrupt gates to the stubs below. */
idt_fill:
	xorl %ecx, %ecx
1:	movl isr_table(,%ecx,4), %eax
	leal idt(,%ecx,8), %edx
	movw %ax, (%edx)
	movw $SEL_CODE32, 2(%edx)
	movw $0x8E00, 4(%edx)   /* present, ring 0, 32-bit interrupt gate */
	shrl $16, %eax
	movw %ax, 6(%edx)
	incl %ecx
	cmpl $32, %ecx
	jb 1b
	ret

/* Each stub pushes an error code where the CPU does not, then the vector number. */
.macro ISR n, err
isr\n:
	.if \err == 0
	pushl $0
	.endif
	pushl $\n
	jmp isr_common
.endm

	ISR 0, 0
	ISR 1, 0
	/* 2 is the NMI: nothing of ours caused it and nothing here can handle it; carry on. */
isr2:
	iret
	ISR 3, 0
	ISR 4, 0
	ISR 5, 0
	ISR 6, 0
	ISR 7, 0
	ISR 8, 1
	ISR 9, 0
	ISR 10, 1
	ISR 11, 1
	ISR 12, 1
	ISR 13, 1
	ISR 14, 1
	ISR 15, 0
	ISR 16, 0
	ISR 17, 1
	ISR 18, 0
	ISR 19, 0
	ISR 20, 0
	ISR 21, 1
	ISR 22, 0
	ISR 23, 0
	ISR 24, 0
	ISR 25, 0
	ISR 26, 0
	ISR 27, 0
	ISR 28, 0
	ISR 29, 1
	ISR 30, 1
	ISR 31, 0

isr_common:
	pushal
	movw $SEL_DATA32, %ax
	movw %ax, %ds
	movw %ax, %es
	cld
	pushl %esp              /* struct bios_fault_frame * */
	call bios_fault         /* reports and halts; never returns */
1:	cli
	hlt
	jmp 1b

	.section .rodata
	.align 4
isr_table:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.long isr\n
	.endr

	.section .data
	.align 8
	.globl bios_gdt, bios_gdt_desc, bios_idt_desc
bios_gdt:
	.quad 0
	.quad 0x00CF9A000000FFFF  /* SEL_CODE32: base 0, 4 GiB, 32-bit code */
	.quad 0x00CF92000000FFFF  /* SEL_DATA32: base 0, 4 GiB, data */
	.quad 0x00009A000000FFFF  /* SEL_CODE16: base 0, 64 KiB, 16-bit code */
	.quad 0x000092000000FFFF  /* SEL_DATA16: base 0, 64 KiB, 16-bit data */
bios_gdt_end:
	.if bios_gdt_end - bios_gdt - 1 - GDT_LIMIT
	.error "GDT_LIMIT (lowmem.h) does not match the GDT"
	.endif
	.align 4
	.word 0
bios_gdt_desc:
	.word GDT_LIMIT
	.long bios_gdt
	.align 4
	.word 0
bios_idt_desc:
	.word 32 * 8 - 1
	.long idt

	.section .bss
	.align 16
idt:
	.space 32 * 8
	.align 16
stack:
	.space 64 * 1024
stack_top:

	.section .note.GNU-stack, "", @progbits
