/* SPDX-License-Identifier: MIT */
/* What a firmware front end without an OS needs from the FADT and the DSDT to reset or switch
 * off the PC itself, and where the CMOS clock's century is (pure logic, untrusted bytes).
 *
 * Used by the BIOS kernel (the UEFI app has RT->ResetSystem). Offsets: the FADT, ACPI 6.5
 * §5.2.9, and its Generic Address Structures, §5.2.3.2; the \_S5 package: ACPI 6.5 chapter 7
 * (system states) and the AML grammar of chapter 20. Power-off is: SLP_TYPa from \_S5 and
 * SLP_EN written to PM1a_CNT (and SLP_TYPb to PM1b_CNT), after switching the chipset to ACPI
 * mode (ACPI_ENABLE written to SMI_CMD) when SCI_EN is still clear. */
#ifndef FW_ACPIPM_H
#define FW_ACPIPM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FW_PM1_SCI_EN 0x0001u
#define FW_PM1_SLP_EN 0x2000u
#define FW_PM1_SLP_TYP_SHIFT 10

#define FW_GAS_MEMORY 0
#define FW_GAS_IO 1

struct fw_fadt {
	uint8_t revision;
	uint32_t smi_cmd;        /* I/O port, 0: the chipset is always in ACPI mode */
	uint8_t acpi_enable;
	uint32_t pm1a_cnt, pm1b_cnt; /* I/O ports, 0 none (the X_ fields when they are I/O) */
	uint64_t dsdt;           /* X_DSDT when present, else DSDT */
	uint8_t century;         /* CMOS register of the century, 0 none */
	bool boot_arch_valid;    /* IAPC_BOOT_ARCH exists (revision >= 3, ACPI 2.0) */
	uint16_t boot_arch;
	bool reset_supported;    /* flags bit 10 and a RESET_REG the table is long enough for */
	uint8_t reset_space;     /* FW_GAS_* */
	uint64_t reset_addr;
	uint8_t reset_value;
};

#define FW_BOOT_ARCH_8042 0x0002u      /* an 8042 keyboard controller exists */
#define FW_BOOT_ARCH_NO_CMOS 0x0020u   /* no CMOS RTC (ACPI 5.0 and later) */

/* Parse a FACP table of len bytes (header included). Returns false when it is too short to
 * hold even the PM1 control blocks (116 bytes, ACPI 1.0) or is not a FACP; f is zeroed then. */
bool fw_fadt_parse(const uint8_t *t, size_t len, struct fw_fadt *f);

/* Whether the chipset is known to have no CMOS clock (ACPI 5.0+) or no 8042 (ACPI 2.0+): only
 * when a FADT of that revision says so (older ones say nothing; PCs of that era have both). */
bool fw_fadt_no_cmos(const struct fw_fadt *f);
bool fw_fadt_no_8042(const struct fw_fadt *f);

/* Find the \_S5 object in AML bytes (a DSDT body, or a piece of one: call it on overlapping
 * windows) when it is the plain static form firmware uses, Name (_S5, Package () {a, b, ...})
 * with integer elements (ZeroOp, OneOp, BytePrefix, WordPrefix, DWordPrefix). Returns 0 with
 * SLP_TYPa and SLP_TYPb (3 bits each), or -1: no such object here (a method, or not in this
 * window). A single element serves for both. Never reads outside aml[0..len). */
int fw_aml_s5(const uint8_t *aml, size_t len, uint8_t *typa, uint8_t *typb);

#endif
