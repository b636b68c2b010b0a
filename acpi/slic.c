/* SPDX-License-Identifier: MIT */
/* SLIC (Software Licensing Description Table, Microsoft OEM Activation 2.x) rules.
 *
 * Layout (docs/FACTS.md §2; field names after ACPICA 2011 and fwts): a 36-byte ACPI
 * header, then subtables {u32 type, u32 length, ...}, walked by type/length, never by fixed
 * offsets. Type 0, OEM public key (0x9C bytes), offsets inside the subtable:
 *   +8 bType 0x06, +9 bVersion 0x02, +12 aiKeyAlg 0x2400, +16 "RSA1", +20 bitlen 1024,
 *   +24 pubexp, +28 modulus[128] little-endian.
 * Type 1, Windows marker (0xB6 bytes):
 *   +8 dwVersion, +12 OEMID[6], +18 OEMTableID[8], +26 "WINDOWS ", +34 SLIC version,
 *   +38 reserved[16], +54 signature[128] (big-endian RSASSA-PKCS1-v1_5 SHA-256 over +8..+53).
 * Contract: the table bytes are untrusted; nothing outside [data, data+declared_len) is read,
 * and declared_len was checked against the bytes held before this runs. */
#include "slicscan.h"
#include "bytes.h"
#include "internal.h"
#include "rsa.h"
#include "sha256.h"

#define KEY_LEN 0x9C
#define MARKER_LEN 0xB6
#define MAX_SUBTABLES 64

static int all_bytes(const uint8_t *p, size_t n, uint8_t v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

/* Only 0xFF and 0x00 bytes. */
static int blank(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != 0xff && p[i] != 0x00)
			return 0;
	return 1;
}

static void version_text(char *out, size_t cap, uint32_t v)
{
	ss_fmt(out, cap, "%u.%u", (unsigned)(v >> 16), (unsigned)(v & 0xffff));
}

static void check_key(struct ss_result *r, const struct ss_table *t, const uint8_t *k,
		      size_t klen, struct ss_slic *o)
{
	o->has_key = true;
	if (klen < KEY_LEN) {
		ss_result_finding(r, SS_F_SLIC_KEY_INVALID, "SLIC",
				  "The public key subtable is 0x%zx bytes; its layout needs 0x%x", klen,
				  KEY_LEN);
		return;
	}
	o->key_bits = ss_le32(k + 20);
	o->key_exp = ss_le32(k + 24);
	const char *bad = 0;
	if (k[8] != 0x06)
		bad = "bType is not 6 (PUBLICKEYBLOB)";
	else if (ss_le32(k + 12) != 0x2400)
		bad = "aiKeyAlg is not 0x2400 (CALG_RSA_SIGN)";
	else if (!ss_memeq(k + 16, "RSA1", 4))
		bad = "the magic is not \"RSA1\"";
	else if (o->key_bits != 1024)
		bad = "the key is not 1024 bits";
	if (bad) {
		ss_result_finding(r, SS_F_SLIC_KEY_INVALID, "SLIC", "The public key is malformed: %s",
				  bad);
		return;
	}
	o->key_well_formed = true;
	ss_sha256(k + 28, 128, o->key_fp);
	if (o->key_exp != 65537)
		ss_result_finding(r, SS_F_SLIC_KEY_EXPONENT, "SLIC",
				  "The public key's exponent is %u, not 65537 as in every genuine OEM key",
				  o->key_exp);
	const struct ss_known_key *other = 0;
	const struct ss_known_key *known = ss_known_key_for(r->policy, o->key_fp, t->oem_id, &other);
	char fp[17];
	ss_fmt(fp, sizeof(fp), "%02x%02x%02x%02x%02x%02x%02x%02x", o->key_fp[0], o->key_fp[1],
	       o->key_fp[2], o->key_fp[3], o->key_fp[4], o->key_fp[5], o->key_fp[6], o->key_fp[7]);
	if (known) {
		o->key_vendor = known->vendor;
		o->key_known = true;
		ss_fmt(o->key_owner, sizeof(o->key_owner), "%s", known->oem_id);
		ss_result_finding(r, SS_F_SLIC_KEY_KNOWN, "SLIC",
				  "The OEM public key %s is on the known-good list: %s", fp, known->vendor);
	} else if (other) {
		o->key_vendor = other->vendor;
		ss_fmt(o->key_owner, sizeof(o->key_owner), "%s", other->oem_id);
		char id[32];
		ss_id_text(id, sizeof(id), t->oem_id, 6);
		ss_result_finding(r, SS_F_SLIC_KEY_OTHER_OEM, "SLIC",
				  "The OEM public key %s is known as %s (OEM ID \"%s\"), but this SLIC says OEM ID \"%s\"",
				  fp, other->vendor, other->oem_id, id);
	} else {
		ss_result_finding(r, SS_F_SLIC_KEY_UNKNOWN, "SLIC",
				  "The OEM public key %s is on no known-good list (add it with a policy file if it is genuine)",
				  fp);
	}
}

static void check_marker(struct ss_result *r, const struct ss_table *t, const uint8_t *key,
			 const uint8_t *m, size_t mlen, struct ss_slic *o)
{
	o->has_marker = true;
	if (mlen < MARKER_LEN) {
		ss_result_finding(r, SS_F_SLIC_MARKER_LENGTH, "SLIC",
				  "The Windows marker subtable is 0x%zx bytes; its layout needs 0x%x", mlen,
				  MARKER_LEN);
		return;
	}
	o->dw_version = ss_le32(m + 8);
	uint32_t v34 = ss_le32(m + 34);
	/* Older 2.0 tables leave +34 zero: fall back to dwVersion (docs/FACTS.md §2.4). */
	o->version = v34 ? v34 : o->dw_version;
	o->version_present = true;
	version_text(o->version_str, sizeof(o->version_str), o->version);
	ss_memcopy(o->marker_oem_id, m + 12, 6);
	ss_memcopy(o->marker_oem_table_id, m + 18, 8);

	if (!ss_memeq(m + 26, "WINDOWS ", 8)) {
		char flag[40];
		ss_id_text(flag, sizeof(flag), m + 26, 8);
		ss_result_finding(r, SS_F_SLIC_MARKER_FLAG, "SLIC",
				  "The Windows marker's flag is \"%s\", not \"WINDOWS \"", flag);
	}

	if (o->key_well_formed) {
		uint8_t mod_be[128];
		for (int i = 0; i < 128; i++)
			mod_be[i] = key[28 + 127 - i];
		o->sig_checked = true;
		o->rsa_result = ss_rsa_verify_sha256(mod_be, sizeof(mod_be), o->key_exp, m + 54, 128,
						     m + 8, 46);
		o->sig_valid = o->rsa_result == SS_RSA_OK;
		if (!o->sig_valid)
			ss_result_finding(r, SS_F_SLIC_SIGNATURE, "SLIC",
					  "The Windows marker's signature does not verify with the table's own key (%s)",
					  ss_rsa_result_str((enum ss_rsa_result)o->rsa_result));
	}

	o->ids[SS_CMP_MARKER] = ss_memeq(m + 12, t->oem_id, 6) && ss_memeq(m + 18, t->oem_table_id, 8)
				       ? SS_MATCH_YES : SS_MATCH_NO;
	if (o->ids[SS_CMP_MARKER] == SS_MATCH_NO) {
		char a[32], b[40], c[32], d[40];
		ss_id_text(a, sizeof(a), m + 12, 6);
		ss_id_text(b, sizeof(b), m + 18, 8);
		ss_id_text(c, sizeof(c), t->oem_id, 6);
		ss_id_text(d, sizeof(d), t->oem_table_id, 8);
		ss_result_finding(r, SS_F_SLIC_MARKER_IDS, "SLIC",
				  "The marker says \"%s\"/\"%s\" but the SLIC header says \"%s\"/\"%s\"", a, b,
				  c, d);
	}

	const struct ss_policy *p = r->policy;
	for (size_t i = 0; i < p->nversions; i++)
		if (p->versions[i] == o->version)
			o->version_accepted = true;
	if (!o->version_accepted && r->target == SS_TARGET_WIN7) {
		int known = 0;
		for (size_t i = 0; i < ss_known_versions_count; i++)
			known |= ss_known_versions[i] == o->version;
		ss_result_finding(r, SS_F_SLIC_MARKER_VERSION, "SLIC",
				  "Windows marker version %s (0x%08x) is %s", o->version_str, o->version,
				  known ? "not accepted by the policy for this target"
					: "not a known SLIC version");
	} else if (o->version == 0x00020000) {
		ss_result_finding(r, SS_F_SLIC_VERSION_20, "SLIC",
				  "Windows marker version 2.0 (Vista era); Windows 7 accepts it too");
	}
}

void ss_check_slic(struct ss_result *r, size_t ti, struct ss_slic *o)
{
	const struct ss_table *t = &r->set->t[ti];
	ss_memfill(o, 0, sizeof(*o));
	o->table = ti;
	unsigned char seen[SS_F_COUNT]; /* counts before this table: several SLICs share r */
	ss_memcopy(seen, r->raised, sizeof(seen));
	if (ss_input_truncated(t)) {
		o->oa20 = SS_OA20_INVALID; /* unknown: judge.c reports input-truncated (fatal) */
		return;
	}

	if (!t->has_header || !t->length_ok || t->declared_len < 36 + 8) {
		if (!t->has_header)
			ss_result_finding(r, SS_F_SLIC_SHORT, "SLIC",
					  "The SLIC is only %u bytes, less than an ACPI header", t->len);
		else if (t->declared_len > t->len)
			ss_result_finding(r, SS_F_SLIC_SHORT, "SLIC",
					  "The SLIC claims %u bytes but only %u are present (truncated)",
					  t->declared_len, t->len);
		else if (t->declared_len == 36)
			ss_result_finding(r, SS_F_SLIC_SHORT, "SLIC",
					  "The SLIC is a bare 36-byte header with no key and no marker");
		else
			ss_result_finding(r, SS_F_SLIC_SHORT, "SLIC",
					  "The SLIC's length field (%u) is impossible", t->declared_len);
		o->oa20 = SS_OA20_INVALID;
		return;
	}
	const uint8_t *d = t->data;
	size_t end = t->declared_len;
	/* Erased flash: all 0xFF, or 0xFF with zero padding (as seen in erased MSDM tables). */
	if (blank(d + 36, end - 36) && !all_bytes(d + 36, end - 36, 0x00)) {
		ss_result_finding(r, SS_F_SLIC_BLANK_FF, "SLIC",
				  "The SLIC body (%zu bytes) is all 0xFF%s: erased or never written",
				  end - 36, all_bytes(d + 36, end - 36, 0xff) ? "" : " and 0x00");
		o->oa20 = SS_OA20_INVALID;
		return;
	}
	if (all_bytes(d + 36, end - 36, 0x00)) {
		ss_result_finding(r, SS_F_SLIC_BLANK_00, "SLIC",
				  "The SLIC body (%zu bytes) is all 0x00: erased or never written", end - 36);
		o->oa20 = SS_OA20_INVALID;
		return;
	}
	if (!t->checksum_ok)
		ss_result_finding(r, SS_F_SLIC_CHECKSUM, "SLIC",
				  "The SLIC checksum is wrong (bytes sum to 0x%02x, not 0)",
				  ss_sum8(d, end));

	size_t key_off = 0, key_len = 0, mk_off = 0, mk_len = 0, off = 36;
	for (int n = 0; off < end && n < MAX_SUBTABLES; n++) {
		if (end - off < 8) {
			ss_result_finding(r, SS_F_SLIC_SUBTABLE_LENGTH, "SLIC",
					  "%zu stray byte(s) at offset 0x%zx after the last subtable",
					  end - off, off);
			break;
		}
		uint32_t type = ss_le32(d + off), len = ss_le32(d + off + 4);
		if (len < 8 || len > end - off) {
			ss_result_finding(r, SS_F_SLIC_SUBTABLE_LENGTH, "SLIC",
					  "Subtable at offset 0x%zx (type %u) has length %u, %s", off, type,
					  len, len < 8 ? "below the 8-byte minimum" : "past the end of the table");
			break;
		}
		if (type == 0 || type == 1) {
			size_t *po = type ? &mk_off : &key_off, *pl = type ? &mk_len : &key_len;
			if (*po) {
				ss_result_finding(r, SS_F_SLIC_SUBTABLE_DUPLICATE, "SLIC",
						  "A second %s subtable at offset 0x%zx",
						  type ? "Windows marker" : "public key", off);
			} else {
				*po = off;
				*pl = len;
			}
		} else {
			ss_result_finding(r, SS_F_SLIC_SUBTABLE_UNKNOWN, "SLIC",
					  "Subtable of unknown type %u (length %u) at offset 0x%zx", type, len,
					  off);
		}
		off += len;
	}

	if (!key_off)
		ss_result_finding(r, SS_F_SLIC_NO_KEY, "SLIC", "The SLIC has no OEM public key subtable");
	else
		check_key(r, t, d + key_off, key_len, o);
	if (!mk_off)
		ss_result_finding(r, SS_F_SLIC_NO_MARKER, "SLIC",
				  "The SLIC has no Windows marker: this PC was not sold with Windows 7/Vista, or the marker was erased");
	else
		check_marker(r, t, key_off ? d + key_off : 0, d + mk_off, mk_len, o);

	const char *ph = ss_placeholder_message(d, end, o->has_marker && mk_len >= 18 ? d + mk_off + 12 : 0);
	if (ph)
		ss_result_finding(r, SS_F_SLIC_PLACEHOLDER, "SLIC", "Placeholder: %s", ph);

	/* MGADiag's "BIOS valid for OA 2.0", from the findings this table raised (each finding's
	 * oa20 column in findings.def): any invalidating one wins over a missing marker. */
	int invalid = 0, no_marker = 0;
	for (unsigned i = 0; i < SS_F_COUNT; i++) {
		if (r->raised[i] == seen[i])
			continue;
		enum ss_oa20_effect e = ss_finding_info((enum ss_finding_id)i)->oa20;
		invalid |= e == SS_OA_INVALID;
		no_marker |= e == SS_OA_NO_MARKER;
	}
	o->oa20 = invalid ? SS_OA20_INVALID : no_marker ? SS_OA20_NO_MARKER : SS_OA20_VALID;
}
