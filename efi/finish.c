/* SPDX-License-Identifier: MIT */
/* The end of a run booted directly from the stick: wait for a key with a timeout, and the
 * test-only QEMU exit port. Power-off and reboot are plain RT->ResetSystem calls in main.c. */
#include "efi_ss.h"

#include "x86io.h"

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
	fw_debug_exit(code); /* fw/x86io.h: tests only */
}
