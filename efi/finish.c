/* SPDX-License-Identifier: MIT */
/* The end of a run booted directly from the stick: wait for a key with a timeout, and the
 * test-only QEMU exit port. Power-off and reboot are plain RT->ResetSystem calls in main.c. */
#include "efi_ss.h"

void efi_ss_wait_key(unsigned seconds)
{
	EFI_EVENT timer = NULL;
	EFI_INPUT_KEY key;
	UINTN index;

	if (ST->ConIn == NULL) { /* headless: just wait out the timeout */
		for (unsigned i = 0; i < seconds; i++)
			BS->Stall(1000000);
		return;
	}
	/* Drain keys pressed while the tables were read, so an early key does not skip the wait. */
	while (!EFI_ERROR(ST->ConIn->ReadKeyStroke(ST->ConIn, &key)))
		;
	if (EFI_ERROR(BS->CreateEvent(EVT_TIMER, 0, NULL, NULL, &timer)))
		timer = NULL;
	if (timer != NULL &&
	    EFI_ERROR(BS->SetTimer(timer, TimerRelative, (UINT64)seconds * 10000000ull))) {
		BS->CloseEvent(timer);
		timer = NULL;
	}
	EFI_EVENT events[2] = { ST->ConIn->WaitForKey, timer };
	/* Without a timer this waits for a key only, which is still bounded by a person. */
	if (!EFI_ERROR(BS->WaitForEvent(timer != NULL ? 2 : 1, events, &index)) && index == 0)
		ST->ConIn->ReadKeyStroke(ST->ConIn, &key);
	if (timer != NULL)
		BS->CloseEvent(timer);
}

void efi_ss_debug_exit(unsigned code)
{
	/* isa-debug-exit (-device isa-debug-exit,iobase=0xf4,iosize=0x04): QEMU exits with
	 * (code << 1) | 1. On real hardware port 0xf4 may belong to anything: tests only. */
	UINT8 v = (UINT8)code;
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"((UINT16)0xf4));
}
