/* SPDX-License-Identifier: MIT */
/* FADT fields and the \_S5 sleep type (acpipm.h). */
#include "acpipm.h"

#include "bytes.h"

/* FADT offsets, ACPI 6.5 §5.2.9 (and ACPICA's struct acpi_table_fadt) */
#define FADT_DSDT 40
#define FADT_SMI_CMD 48
#define FADT_ACPI_ENABLE 52
#define FADT_PM1A_CNT 64
#define FADT_PM1B_CNT 68
#define FADT_CENTURY 108
#define FADT_BOOT_ARCH 109
#define FADT_FLAGS 112
#define FADT_RESET_REG 116   /* GAS, 12 bytes */
#define FADT_RESET_VALUE 128
#define FADT_X_DSDT 140
#define FADT_X_PM1A_CNT 172  /* GAS */
#define FADT_X_PM1B_CNT 184  /* GAS */
#define FADT_V1_LEN 116
#define FLAG_RESET_REG_SUP (1u << 10)

/* An I/O port from a GAS at off, or 0 when the GAS is absent, not I/O or above 16 bits. */
static uint32_t gas_port(const uint8_t *t, size_t len, size_t off)
{
	if (!ss_in_bounds(off, 12, len) || t[off] != FW_GAS_IO)
		return 0;
	uint64_t a = ss_le64(t + off + 4);
	return a != 0 && a <= 0xFFFF ? (uint32_t)a : 0;
}

bool fw_fadt_parse(const uint8_t *t, size_t len, struct fw_fadt *f)
{
	ss_memfill(f, 0, sizeof(*f));
	if (t == NULL || len < FADT_V1_LEN || !ss_memeq(t, "FACP", 4))
		return false;
	f->revision = t[8];
	f->smi_cmd = ss_le32(t + FADT_SMI_CMD);
	f->acpi_enable = t[FADT_ACPI_ENABLE];
	f->pm1a_cnt = ss_le32(t + FADT_PM1A_CNT);
	f->pm1b_cnt = ss_le32(t + FADT_PM1B_CNT);
	f->dsdt = ss_le32(t + FADT_DSDT);
	f->century = t[FADT_CENTURY];
	/* Revision 2 (ACPI 1.0b) added the reset register; revision 3 (ACPI 2.0) the 64-bit
	 * fields and IAPC_BOOT_ARCH, a reserved (zero) byte before it. What ACPI 2.0+ OSes
	 * prefer is taken where present and usable. */
	if (f->revision >= 2 && ss_in_bounds(FADT_RESET_VALUE, 1, len) &&
	    (ss_le32(t + FADT_FLAGS) & FLAG_RESET_REG_SUP) != 0) {
		f->reset_space = t[FADT_RESET_REG];
		f->reset_addr = ss_le64(t + FADT_RESET_REG + 4);
		f->reset_value = t[FADT_RESET_VALUE];
		f->reset_supported = f->reset_addr != 0;
	}
	if (f->revision >= 3) {
		if (ss_in_bounds(FADT_X_DSDT, 8, len) && ss_le64(t + FADT_X_DSDT) != 0)
			f->dsdt = ss_le64(t + FADT_X_DSDT);
		uint32_t p = gas_port(t, len, FADT_X_PM1A_CNT);
		if (p != 0)
			f->pm1a_cnt = p;
		p = gas_port(t, len, FADT_X_PM1B_CNT);
		if (p != 0)
			f->pm1b_cnt = p;
		f->boot_arch_valid = true;
		f->boot_arch = ss_le16(t + FADT_BOOT_ARCH);
	}
	if (f->pm1a_cnt > 0xFFFF)
		f->pm1a_cnt = 0;
	if (f->pm1b_cnt > 0xFFFF)
		f->pm1b_cnt = 0;
	return true;
}

bool fw_fadt_no_cmos(const struct fw_fadt *f)
{
	/* the flag came with ACPI 5.0 (FADT revision 5); the bit was reserved before */
	return f->boot_arch_valid && f->revision >= 5 && (f->boot_arch & FW_BOOT_ARCH_NO_CMOS) != 0;
}

bool fw_fadt_no_8042(const struct fw_fadt *f)
{
	return f->boot_arch_valid && (f->boot_arch & FW_BOOT_ARCH_8042) == 0;
}

/* One integer package element at *p; false when it is not a constant integer. */
static bool aml_int(const uint8_t *aml, size_t len, size_t *p, uint32_t *v)
{
	if (*p >= len)
		return false;
	uint8_t op = aml[(*p)++];
	size_t n;
	switch (op) {
	case 0x00: *v = 0; return true;          /* ZeroOp */
	case 0x01: *v = 1; return true;          /* OneOp */
	case 0x0A: n = 1; break;                 /* BytePrefix */
	case 0x0B: n = 2; break;                 /* WordPrefix */
	case 0x0C: n = 4; break;                 /* DWordPrefix */
	default: return false;
	}
	if (!ss_in_bounds(*p, n, len))
		return false;
	*v = n == 1 ? aml[*p] : n == 2 ? ss_le16(aml + *p) : ss_le32(aml + *p);
	*p += n;
	return true;
}

int fw_aml_s5(const uint8_t *aml, size_t len, uint8_t *typa, uint8_t *typb)
{
	if (aml == NULL)
		return -1;
	for (size_t i = 1; ss_in_bounds(i, 4, len); i++) {
		if (!ss_memeq(aml + i, "_S5_", 4))
			continue;
		/* NameOp, optionally followed by the root prefix '\' */
		bool named = aml[i - 1] == 0x08 || (aml[i - 1] == '\\' && i >= 2 && aml[i - 2] == 0x08);
		size_t p = i + 4;
		if (!named || p >= len || aml[p] != 0x12) /* PackageOp */
			continue;
		p++;
		if (p >= len)
			continue;
		size_t follow = aml[p] >> 6; /* PkgLength: bytes that follow the lead byte */
		p += 1 + follow;
		if (p >= len)
			continue;
		uint8_t count = aml[p++]; /* NumElements */
		uint32_t a, b;
		if (count < 1 || !aml_int(aml, len, &p, &a))
			continue;
		b = a;
		if (count >= 2 && !aml_int(aml, len, &p, &b))
			b = a;
		*typa = (uint8_t)(a & 7);
		*typb = (uint8_t)(b & 7);
		return 0;
	}
	return -1;
}
