/* SPDX-License-Identifier: MIT */
/* The known-good lists, as data: OEM public keys, accepted marker versions, placeholders.
 *
 * Keys are identified by the first 8 bytes of SHA-256 over the 128 modulus bytes exactly as
 * stored in the SLIC (little-endian). Every fingerprint below was computed from genuine
 * tables whose marker signature verifies (docs/FACTS.md §2.6, and the
 * linuxhw corpus). A policy file can add more (docs/POLICY.md). An empty OEM ID means the
 * vendor's key is known but not which OEM ID it goes with. */
#include "slicscan.h"
#include "bytes.h"
#include "internal.h"

#define FP(a, b, c, d, e, f, g, h) { 0x##a, 0x##b, 0x##c, 0x##d, 0x##e, 0x##f, 0x##g, 0x##h }

static const struct ss_known_key builtin_keys[] = {
	{ "DELL  ", FP(30, ee, 02, 84, 2d, e0, 4c, 3b), "Dell" },
	{ "LENOVO", FP(28, df, a7, bb, 4e, 7b, 92, 21), "Lenovo" },
	{ "HPQOEM", FP(ae, 14, 4f, d5, 66, 98, 3f, 23), "HP" },
	{ "ACRSYS", FP(de, cb, 30, a5, 36, 38, b9, 44), "Acer" },
	{ "", FP(4b, 66, 84, a3, c2, 59, f1, 5a), "Acer" },
	{ "TOSASU", FP(ed, 40, 41, bf, 37, 7f, cd, 84), "Toshiba" },
	{ "TOSINV", FP(ed, 40, 41, bf, 37, 7f, cd, 84), "Toshiba" },
	{ "TOSQCI", FP(ed, 40, 41, bf, 37, 7f, cd, 84), "Toshiba" },
	{ "TOSHIB", FP(ed, 40, 41, bf, 37, 7f, cd, 84), "Toshiba" },
	{ "_ASUS_", FP(c5, 7c, 48, 7e, a4, 17, 4f, ea), "ASUS" },
	{ "MSI_NB", FP(e0, db, 7f, 0f, ff, ab, 50, 65), "MSI" },
	{ "", FP(6a, d1, 0d, 0f, e4, 7c, 1e, b3), "Samsung" },
	{ "Sony", FP(5f, d3, 89, 08, ef, ad, d7, 3e), "Sony" },
	{ "FUJ", FP(8c, bf, 9d, fb, e7, f0, 35, 26), "Fujitsu" },
	{ "FSC", FP(65, 00, fe, 45, 50, f8, a0, fe), "Fujitsu-Siemens" },
	{ "GBT", FP(44, ef, 30, e6, c2, 43, 29, e1), "Gigabyte" },
	{ "ALWARE", FP(a3, dc, 48, f9, 8d, 75, 20, 65), "Alienware" },
	{ "MATBIO", FP(62, e4, 0c, 50, 2c, 6b, de, 35), "Panasonic" },
	/* grown from genuine tables in the public linuxhw ACPI collection (marker signature
	 * verifies, marker IDs = header IDs): */
	{ "MEDION", FP(a0, 33, ab, 2b, d5, d3, b2, ad), "Medion" },
	{ "ITINFO", FP(fd, 92, d2, 79, d0, 7b, df, 0f), "Itautec" },
	{ "Dealin", FP(a6, a7, 07, 29, c6, 74, 24, a8), "Dealin" },
};

/* Marker versions (u32 at marker+34): 2.0 Vista / Server 2008, 2.1 Windows 7 / 2008 R2,
 * 2.2-2.7 later Windows Server releases (mapping unverified). A newer marker also covers
 * older Windows, so target windows7 accepts all of them by default. */
const uint32_t ss_known_versions[] = { 0x00020000, 0x00020001, 0x00020002, 0x00020003,
				       0x00020004, 0x00020005, 0x00020006, 0x00020007 };
const size_t ss_known_versions_count = sizeof(ss_known_versions) / sizeof(ss_known_versions[0]);

/* OEM IDs compare with trailing spaces and NULs ignored ("DELL  " == "DELL\0\0"). */
static int oem_eq(const char *want, const uint8_t oem[SS_OEM_ID_LEN])
{
	return ss_id_trimmed_eq((const uint8_t *)want, ss_strlen(want), oem, SS_OEM_ID_LEN);
}

/* Returns the matching entry for fp, preferring one whose OEM ID equals oem (NULL = any). */
static const struct ss_known_key *lookup(const struct ss_known_key *list, size_t n,
					 const uint8_t fp[32], const uint8_t *oem,
					 const struct ss_known_key **any)
{
	for (size_t i = 0; i < n; i++) {
		if (!ss_memeq(list[i].fp, fp, sizeof(list[i].fp)))
			continue;
		if (!*any)
			*any = &list[i];
		if (oem && (!list[i].oem_id[0] || oem_eq(list[i].oem_id, oem)))
			return &list[i];
	}
	return 0;
}

const struct ss_known_key *ss_known_key_for(const struct ss_policy *p, const uint8_t fp[32],
					    const uint8_t oem[SS_OEM_ID_LEN], const struct ss_known_key **other)
{
	const struct ss_known_key *any = 0, *k;
	k = lookup(builtin_keys, sizeof(builtin_keys) / sizeof(builtin_keys[0]), fp, oem, &any);
	if (!k && p)
		k = lookup(p->keys, p->nkeys, fp, oem, &any);
	*other = k ? 0 : any;
	return k;
}

/* How many bytes after the header are searched for a "1ASR" key magic: a heuristic window
 * around the first subtable's magic (at its +16), not a layout field. */
#define MAGIC_SEARCH 64

/* Placeholders seen in real firmware (docs/FACTS.md §2.7). Each has a message of its own
 * so staff know it is a BIOS vendor's template, not damage. slic is the whole table. */
const char *ss_placeholder_message(const uint8_t *slic, size_t len, const uint8_t *marker_oem)
{
	const size_t ids_end = SS_HDR_AT(oem_table_id) + SS_OEM_TABLE_ID_LEN;
	const uint8_t *oem_id = slic + SS_HDR_AT(oem_id);
	const uint8_t *oem_table_id = slic + SS_HDR_AT(oem_table_id);
	if (marker_oem && ss_memeq(marker_oem, "INSYDE", SS_OEM_ID_LEN))
		return "Insyde BIOS template marker (OEM INSYDE): the vendor never put a real Windows marker in";
	if (len >= ids_end && ss_memeq(oem_id, "OEMID_", SS_OEM_ID_LEN))
		return "generic template table (OEM ID \"OEMID_\", table \"OEMTABLE\"): never filled in by the PC maker";
	if (len >= ids_end && ss_memeq(oem_id, "INTEL ", SS_OEM_ID_LEN) &&
	    ss_memeq(oem_table_id, "TEMPLATE", SS_OEM_TABLE_ID_LEN))
		return "ACPICA/iasl template table (INTEL/TEMPLATE): a placeholder, not an OEM's table";
	for (size_t i = SS_HEADER_LEN;
	     i + SS_KEY_SIZE(magic) <= len && i < SS_HEADER_LEN + MAGIC_SEARCH; i++)
		if (ss_memeq(slic + i, "1ASR", SS_KEY_SIZE(magic)))
			return "public key with magic \"1ASR\" (byte-reversed RSA1): a placeholder key";
	return 0;
}
