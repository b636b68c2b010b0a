/* SPDX-License-Identifier: MIT */
/* The byte layouts slicscan reads, each written once: the RSDP, the ACPI table header, the
 * SLIC's subtables (OEM public key, Windows marker), the MSDM. Every offset and field size
 * the core and the front ends use comes from here; compile-time checks tie each layout to the
 * sizes and offsets documented in docs/FACTS.md (§2.1-2.3, §3, §4) and ACPI 6.5 §5.2.
 *
 * How: each layout is a struct whose members are all uint8_t arrays, in order, one per field,
 * sized as the specification says (a u32 is uint8_t[4]). The compiler derives every offset
 * (offsetof) and every field size (sizeof), so no offset is typed by hand, none can drift
 * from its neighbours, and a misspelt field name does not compile. A struct of byte arrays
 * has alignment 1, so there is no padding; the sizeof checks below would catch any.
 * Why not a list of numeric constants: each of those is one more number to keep in step with
 * the others, and the checks would then be the only place the layout is written in order.
 *
 * The structs are never instantiated and no table pointer is ever cast to one: firmware
 * bytes may be misaligned and are little-endian whatever the host. Fields are read through
 * acpi/bytes.h (ss_le32(d + SS_HDR_AT(length)), ss_memcopy(.., d + SS_HDR_AT(oem_id), ..)).
 * Freestanding: only <stddef.h> (offsetof) and <stdint.h>. C99, so the static assert is the
 * negative-array-size typedef (the project does not use C11's _Static_assert). */
#ifndef SS_LAYOUT_H
#define SS_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

/* Compile-time check (C99): a false cond makes an array of size -1, a compile error that
 * names ss_static_assert_<name>. File scope only; each name once per translation unit. */
#define SS_STATIC_ASSERT(name, cond) typedef char ss_static_assert_##name[(cond) ? 1 : -1]

#define SS_FIELD_AT(layout, field) offsetof(struct layout, field)
#define SS_FIELD_SIZE(layout, field) sizeof(((struct layout *)0)->field)

/* ---- RSDP (ACPI 6.5 §5.2.5.3; docs/FACTS.md §3) ---------------------------------------- */

struct ss_layout_rsdp {
	uint8_t signature[8];        /* "RSD PTR " */
	uint8_t checksum[1];         /* over the first 20 bytes (ACPI 1.0 part) */
	uint8_t oem_id[6];
	uint8_t revision[1];         /* 0: ACPI 1.0, only the first 20 bytes; >= 2: all 36 */
	uint8_t rsdt_address[4];     /* u32 */
	/* ---- revision >= 2 ---- */
	uint8_t length[4];           /* u32; never trusted for the checksums (fixed 20 and 36) */
	uint8_t xsdt_address[8];     /* u64, unaligned */
	uint8_t extended_checksum[1]; /* over all 36 bytes */
	uint8_t reserved[3];
};
#define SS_RSDP_AT(f) SS_FIELD_AT(ss_layout_rsdp, f)
#define SS_RSDP_SIZE(f) SS_FIELD_SIZE(ss_layout_rsdp, f)
#define SS_RSDP_SIGNATURE "RSD PTR "
#define SS_RSDP_SIG_LEN SS_RSDP_SIZE(signature)
/* The ACPI 1.0 RSDP ends where the 2.0 fields begin: 20 bytes, its checksum's span. */
#define SS_RSDP_V1_LEN SS_RSDP_AT(length)
#define SS_RSDP_V2_LEN sizeof(struct ss_layout_rsdp)
/* The BIOS-area scan looks on 16-byte boundaries (ACPI 6.5 §5.2.5.1). */
#define SS_RSDP_ALIGN 16

/* ---- the ACPI table header (ACPI 6.5 §5.2.6) ------------------------------------------ */

struct ss_layout_header {
	uint8_t signature[4];
	uint8_t length[4];           /* u32, the whole table including this header */
	uint8_t revision[1];
	uint8_t checksum[1];         /* the whole table sums to 0 mod 256 */
	uint8_t oem_id[6];
	uint8_t oem_table_id[8];     /* right after oem_id: the 14 bytes Windows 7 compares */
	uint8_t oem_revision[4];
	uint8_t creator_id[4];
	uint8_t creator_revision[4];
};
#define SS_HDR_AT(f) SS_FIELD_AT(ss_layout_header, f)
#define SS_HDR_SIZE(f) SS_FIELD_SIZE(ss_layout_header, f)
#define SS_HEADER_LEN sizeof(struct ss_layout_header)
#define SS_SIG_LEN SS_HDR_SIZE(signature)
#define SS_OEM_ID_LEN SS_HDR_SIZE(oem_id)
#define SS_OEM_TABLE_ID_LEN SS_HDR_SIZE(oem_table_id)
/* OEM ID and OEM Table ID together, as adjacent in the header (docs/FACTS.md §3). */
#define SS_OEM_IDS_LEN (SS_OEM_ID_LEN + SS_OEM_TABLE_ID_LEN)

/* RSDT and XSDT: the header, then (length - 36) / entry size addresses (ACPI 6.5 §5.2.7-8). */
#define SS_ROOT_ENTRIES_AT SS_HEADER_LEN
#define SS_RSDT_ENTRY_LEN 4 /* u32 */
#define SS_XSDT_ENTRY_LEN 8 /* u64, unaligned */

/* What every table starts with, the FACS too: the FACS (ACPI 6.5 §5.2.10) has no checksum
 * and no OEM IDs, only a signature and a length, where the header has them. */
struct ss_layout_table_head {
	uint8_t signature[4];
	uint8_t length[4];           /* u32 */
};
#define SS_HEAD_AT(f) SS_FIELD_AT(ss_layout_table_head, f)
#define SS_TABLE_HEAD_LEN sizeof(struct ss_layout_table_head)

/* ---- SLIC (docs/FACTS.md §2): header, then subtables walked by type and length ------- */

/* Every subtable starts with these 8 bytes. */
struct ss_layout_subtable {
	uint8_t type[4];             /* u32: SS_SUBTABLE_KEY, SS_SUBTABLE_MARKER */
	uint8_t length[4];           /* u32, the whole subtable */
};
#define SS_SUB_AT(f) SS_FIELD_AT(ss_layout_subtable, f)
#define SS_SUBTABLE_HEAD_LEN sizeof(struct ss_layout_subtable)
#define SS_SUBTABLE_KEY 0u
#define SS_SUBTABLE_MARKER 1u

/* Type 0, the OEM public key: a CryptoAPI PUBLICKEYBLOB (§2.2). */
struct ss_layout_slic_key {
	struct ss_layout_subtable head;
	uint8_t b_type[1];           /* 0x06 PUBLICKEYBLOB */
	uint8_t b_version[1];        /* 0x02; no rule checks it */
	uint8_t reserved[2];
	uint8_t ai_key_alg[4];       /* u32 0x00002400 CALG_RSA_SIGN */
	uint8_t magic[4];            /* "RSA1" */
	uint8_t bit_length[4];       /* u32 1024 */
	uint8_t exponent[4];         /* u32, 65537 in every genuine key */
	uint8_t modulus[128];        /* least significant byte first */
};
#define SS_KEY_AT(f) SS_FIELD_AT(ss_layout_slic_key, f)
#define SS_KEY_SIZE(f) SS_FIELD_SIZE(ss_layout_slic_key, f)
#define SS_KEY_LEN sizeof(struct ss_layout_slic_key)

/* Type 1, the Windows marker (§2.3-2.5). */
struct ss_layout_slic_marker {
	struct ss_layout_subtable head;
	uint8_t dw_version[4];       /* u32; the first signed byte */
	uint8_t oem_id[6];
	uint8_t oem_table_id[8];
	uint8_t windows_flag[8];     /* "WINDOWS " */
	uint8_t slic_version[4];     /* u32, what MGADiag calls the marker version; 0 in 2.0 tables */
	uint8_t reserved[16];        /* the last signed bytes */
	uint8_t signature[128];      /* big-endian RSASSA-PKCS1-v1_5 SHA-256 */
};
#define SS_MARKER_AT(f) SS_FIELD_AT(ss_layout_slic_marker, f)
#define SS_MARKER_SIZE(f) SS_FIELD_SIZE(ss_layout_slic_marker, f)
#define SS_MARKER_LEN sizeof(struct ss_layout_slic_marker)
/* The signed message: dwVersion through reserved, marker +8..+53 (§2.5). */
#define SS_MARKER_SIGNED_AT SS_MARKER_AT(dw_version)
#define SS_MARKER_SIGNED_LEN (SS_MARKER_AT(signature) - SS_MARKER_AT(dw_version))

/* A genuine SLIC: header, key, marker; 0x176 bytes in every real table seen (§2.1). The
 * code walks the subtables and never assumes this order; the struct only documents it. */
struct ss_layout_slic {
	struct ss_layout_header header;
	struct ss_layout_slic_key key;
	struct ss_layout_slic_marker marker;
};
#define SS_SLIC_GENUINE_LEN sizeof(struct ss_layout_slic)

/* ---- MSDM (docs/FACTS.md §4) ------------------------------------------------------------- */

struct ss_layout_msdm {
	struct ss_layout_header header;
	uint8_t version[4];          /* u32 1 */
	uint8_t reserved[4];
	uint8_t data_type[4];        /* u32 1 */
	uint8_t data_reserved[4];
	uint8_t data_length[4];      /* u32 29 */
	uint8_t data[29];            /* the product key "XXXXX-XXXXX-XXXXX-XXXXX-XXXXX" */
};
#define SS_MSDM_AT(f) SS_FIELD_AT(ss_layout_msdm, f)
#define SS_MSDM_SIZE(f) SS_FIELD_SIZE(ss_layout_msdm, f)
/* The fixed part ends where the data begins; a shorter MSDM cannot be read. */
#define SS_MSDM_DATA_AT SS_MSDM_AT(data)
#define SS_MSDM_KEY_LEN SS_MSDM_SIZE(data)
#define SS_MSDM_LEN sizeof(struct ss_layout_msdm)

/* ---- the compile-time checks ------------------------------------------------------------ */
/* Each layout against the numbers documented for it: a field of the wrong size, a field left
 * out or padding anywhere fails the build here. */

/* RSDP: 20 bytes for ACPI 1.0, 36 for 2.0 and later; the offsets ACPI 6.5 Table 5.3 gives. */
SS_STATIC_ASSERT(rsdp_v1_len, SS_RSDP_V1_LEN == 20);
SS_STATIC_ASSERT(rsdp_v2_len, SS_RSDP_V2_LEN == 36);
SS_STATIC_ASSERT(rsdp_checksum, SS_RSDP_AT(checksum) == 8);
SS_STATIC_ASSERT(rsdp_oem_id, SS_RSDP_AT(oem_id) == 9);
SS_STATIC_ASSERT(rsdp_revision, SS_RSDP_AT(revision) == 15);
SS_STATIC_ASSERT(rsdp_rsdt, SS_RSDP_AT(rsdt_address) == 16);
SS_STATIC_ASSERT(rsdp_xsdt, SS_RSDP_AT(xsdt_address) == 24);
SS_STATIC_ASSERT(rsdp_ext_checksum, SS_RSDP_AT(extended_checksum) == 32);
SS_STATIC_ASSERT(rsdp_sig, sizeof(SS_RSDP_SIGNATURE) - 1 == SS_RSDP_SIG_LEN);
SS_STATIC_ASSERT(rsdp_oem_id_len, SS_RSDP_SIZE(oem_id) == SS_OEM_ID_LEN);

/* Header: 36 bytes; the offsets of ACPI 6.5 Table 5.4. */
SS_STATIC_ASSERT(header_len, SS_HEADER_LEN == 36);
SS_STATIC_ASSERT(header_length, SS_HDR_AT(length) == 4);
SS_STATIC_ASSERT(header_revision, SS_HDR_AT(revision) == 8);
SS_STATIC_ASSERT(header_checksum, SS_HDR_AT(checksum) == 9);
SS_STATIC_ASSERT(header_oem_id, SS_HDR_AT(oem_id) == 10);
SS_STATIC_ASSERT(header_oem_table_id, SS_HDR_AT(oem_table_id) == 16);
SS_STATIC_ASSERT(header_oem_ids_adjacent,
		 SS_HDR_AT(oem_table_id) == SS_HDR_AT(oem_id) + SS_OEM_ID_LEN);
SS_STATIC_ASSERT(header_oem_revision, SS_HDR_AT(oem_revision) == 24);
SS_STATIC_ASSERT(header_creator_id, SS_HDR_AT(creator_id) == 28);
SS_STATIC_ASSERT(header_creator_revision, SS_HDR_AT(creator_revision) == 32);
SS_STATIC_ASSERT(oem_ids_len, SS_OEM_IDS_LEN == 14);
SS_STATIC_ASSERT(table_head, SS_HEAD_AT(signature) == SS_HDR_AT(signature) &&
				     SS_HEAD_AT(length) == SS_HDR_AT(length) && SS_TABLE_HEAD_LEN == 8);

/* SLIC subtables: key 0x9C, marker 0xB6, offsets of docs/FACTS.md §2.2 and §2.3. */
SS_STATIC_ASSERT(subtable_head, SS_SUBTABLE_HEAD_LEN == 8 && SS_SUB_AT(length) == 4);
SS_STATIC_ASSERT(key_len, SS_KEY_LEN == 0x9C);
SS_STATIC_ASSERT(key_b_type, SS_KEY_AT(b_type) == 8);
SS_STATIC_ASSERT(key_alg, SS_KEY_AT(ai_key_alg) == 12);
SS_STATIC_ASSERT(key_magic, SS_KEY_AT(magic) == 16);
SS_STATIC_ASSERT(key_bit_length, SS_KEY_AT(bit_length) == 20);
SS_STATIC_ASSERT(key_exponent, SS_KEY_AT(exponent) == 24);
SS_STATIC_ASSERT(key_modulus, SS_KEY_AT(modulus) == 28);
SS_STATIC_ASSERT(marker_len, SS_MARKER_LEN == 0xB6);
SS_STATIC_ASSERT(marker_dw_version, SS_MARKER_AT(dw_version) == 8);
SS_STATIC_ASSERT(marker_oem_id, SS_MARKER_AT(oem_id) == 12);
SS_STATIC_ASSERT(marker_oem_table_id, SS_MARKER_AT(oem_table_id) == 18);
SS_STATIC_ASSERT(marker_flag, SS_MARKER_AT(windows_flag) == 26);
SS_STATIC_ASSERT(marker_slic_version, SS_MARKER_AT(slic_version) == 34);
SS_STATIC_ASSERT(marker_reserved, SS_MARKER_AT(reserved) == 38);
SS_STATIC_ASSERT(marker_signature, SS_MARKER_AT(signature) == 54);
SS_STATIC_ASSERT(marker_signed_len, SS_MARKER_SIGNED_LEN == 46);
SS_STATIC_ASSERT(marker_ids_len, SS_MARKER_SIZE(oem_id) == SS_OEM_ID_LEN &&
				 SS_MARKER_SIZE(oem_table_id) == SS_OEM_TABLE_ID_LEN);
SS_STATIC_ASSERT(marker_rsa1024, SS_MARKER_SIZE(signature) == SS_KEY_SIZE(modulus) &&
				 SS_KEY_SIZE(modulus) == 1024 / 8);
/* The genuine SLIC: the marker ends at 374 = 0x176 = 36 + 0x9C + 0xB6. */
SS_STATIC_ASSERT(slic_key_at, offsetof(struct ss_layout_slic, key) == SS_HEADER_LEN);
SS_STATIC_ASSERT(slic_marker_at, offsetof(struct ss_layout_slic, marker) == SS_HEADER_LEN + 0x9C);
SS_STATIC_ASSERT(slic_genuine_len, SS_SLIC_GENUINE_LEN == 374 && SS_SLIC_GENUINE_LEN == 0x176);

/* MSDM: header, five u32 fields, 29 key characters: 85 = 0x55 bytes (§4). */
SS_STATIC_ASSERT(msdm_version, SS_MSDM_AT(version) == SS_HEADER_LEN);
SS_STATIC_ASSERT(msdm_data_type, SS_MSDM_AT(data_type) == 44);
SS_STATIC_ASSERT(msdm_data_length, SS_MSDM_AT(data_length) == 52);
SS_STATIC_ASSERT(msdm_data, SS_MSDM_DATA_AT == 56);
SS_STATIC_ASSERT(msdm_key_len, SS_MSDM_KEY_LEN == 29);
SS_STATIC_ASSERT(msdm_len, SS_MSDM_LEN == 0x55);

#endif
