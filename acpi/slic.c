/* SPDX-License-Identifier: MIT */
/* SLIC (Software Licensing Description Table, Microsoft OEM Activation 2.x) rules.
 *
 * Layout (docs/FACTS.md §2; field names after ACPICA 2011 and fwts; written once, with its
 * compile-time checks, in acpi/layout.h): a 36-byte ACPI header, then subtables
 * {u32 type, u32 length, ...}, walked by type/length, never by fixed offsets. Type 0, the OEM
 * public key (struct ss_layout_slic_key, 0x9C bytes): bType, bVersion, aiKeyAlg, "RSA1", bit
 * length, exponent, modulus[128] little-endian. Type 1, the Windows marker
 * (struct ss_layout_slic_marker, 0xB6 bytes): dwVersion, OEMID, OEMTableID, "WINDOWS ", SLIC
 * version, reserved, signature[128] (big-endian RSASSA-PKCS1-v1_5 SHA-256 over +8..+53).
 * Contract: the table bytes are untrusted; nothing outside [data, data+declared_len) is read,
 * and declared_len was checked against the bytes held before this runs. */
#include "slicscan.h"
#include "bytes.h"
#include "internal.h"
#include "rsa.h"
#include "sha256.h"

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
	if (klen < SS_KEY_LEN) {
		ss_result_finding(r, SS_F_SLIC_KEY_INVALID, "SLIC",
				  "The public key subtable is 0x%zx bytes; its layout needs 0x%x", klen,
				  (unsigned)SS_KEY_LEN);
		return;
	}
	o->key_bits = ss_le32(k + SS_KEY_AT(bit_length));
	o->key_exp = ss_le32(k + SS_KEY_AT(exponent));
	const char *bad = 0;
	if (k[SS_KEY_AT(b_type)] != 0x06)
		bad = "bType is not 6 (PUBLICKEYBLOB)";
	else if (ss_le32(k + SS_KEY_AT(ai_key_alg)) != 0x2400)
		bad = "aiKeyAlg is not 0x2400 (CALG_RSA_SIGN)";
	else if (!ss_memeq(k + SS_KEY_AT(magic), "RSA1", SS_KEY_SIZE(magic)))
		bad = "the magic is not \"RSA1\"";
	else if (o->key_bits != 1024)
		bad = "the key is not 1024 bits";
	if (bad) {
		ss_result_finding(r, SS_F_SLIC_KEY_INVALID, "SLIC", "The public key is malformed: %s",
				  bad);
		return;
	}
	o->key_well_formed = true;
	ss_sha256(k + SS_KEY_AT(modulus), SS_KEY_SIZE(modulus), o->key_fp);
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
		ss_id_text(id, sizeof(id), t->oem_id, SS_OEM_ID_LEN);
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
	if (mlen < SS_MARKER_LEN) {
		ss_result_finding(r, SS_F_SLIC_MARKER_LENGTH, "SLIC",
				  "The Windows marker subtable is 0x%zx bytes; its layout needs 0x%x", mlen,
				  (unsigned)SS_MARKER_LEN);
		return;
	}
	const uint8_t *m_oem_id = m + SS_MARKER_AT(oem_id);
	const uint8_t *m_oem_table_id = m + SS_MARKER_AT(oem_table_id);
	const uint8_t *m_flag = m + SS_MARKER_AT(windows_flag);
	o->dw_version = ss_le32(m + SS_MARKER_AT(dw_version));
	uint32_t v34 = ss_le32(m + SS_MARKER_AT(slic_version));
	/* Older 2.0 tables leave +34 zero: fall back to dwVersion (docs/FACTS.md §2.4). */
	o->version = v34 ? v34 : o->dw_version;
	o->version_present = true;
	version_text(o->version_str, sizeof(o->version_str), o->version);
	ss_memcopy(o->marker_oem_id, m_oem_id, SS_OEM_ID_LEN);
	ss_memcopy(o->marker_oem_table_id, m_oem_table_id, SS_OEM_TABLE_ID_LEN);

	if (!ss_memeq(m_flag, "WINDOWS ", SS_MARKER_SIZE(windows_flag))) {
		char flag[40];
		ss_id_text(flag, sizeof(flag), m_flag, SS_MARKER_SIZE(windows_flag));
		ss_result_finding(r, SS_F_SLIC_MARKER_FLAG, "SLIC",
				  "The Windows marker's flag is \"%s\", not \"WINDOWS \"", flag);
	}

	if (o->key_well_formed) {
		/* the modulus is stored least significant byte first, the signature as it is */
		uint8_t mod_be[SS_KEY_SIZE(modulus)];
		for (size_t i = 0; i < sizeof(mod_be); i++)
			mod_be[i] = key[SS_KEY_AT(modulus) + sizeof(mod_be) - 1 - i];
		o->sig_checked = true;
		o->rsa_result = ss_rsa_verify_sha256(mod_be, sizeof(mod_be), o->key_exp,
						     m + SS_MARKER_AT(signature),
						     SS_MARKER_SIZE(signature), m + SS_MARKER_SIGNED_AT,
						     SS_MARKER_SIGNED_LEN);
		o->sig_valid = o->rsa_result == SS_RSA_OK;
		if (!o->sig_valid)
			ss_result_finding(r, SS_F_SLIC_SIGNATURE, "SLIC",
					  "The Windows marker's signature does not verify with the table's own key (%s)",
					  ss_rsa_result_str((enum ss_rsa_result)o->rsa_result));
	}

	o->ids[SS_CMP_MARKER] = ss_memeq(m_oem_id, t->oem_id, SS_OEM_ID_LEN) &&
					ss_memeq(m_oem_table_id, t->oem_table_id, SS_OEM_TABLE_ID_LEN)
				? SS_MATCH_YES : SS_MATCH_NO;
	if (o->ids[SS_CMP_MARKER] == SS_MATCH_NO) {
		char a[32], b[40], c[32], d[40];
		ss_id_text(a, sizeof(a), m_oem_id, SS_OEM_ID_LEN);
		ss_id_text(b, sizeof(b), m_oem_table_id, SS_OEM_TABLE_ID_LEN);
		ss_id_text(c, sizeof(c), t->oem_id, SS_OEM_ID_LEN);
		ss_id_text(d, sizeof(d), t->oem_table_id, SS_OEM_TABLE_ID_LEN);
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

	if (!t->has_header || !t->length_ok ||
	    t->declared_len < SS_HEADER_LEN + SS_SUBTABLE_HEAD_LEN) {
		if (!t->has_header)
			ss_result_finding(r, SS_F_SLIC_SHORT, "SLIC",
					  "The SLIC is only %u bytes, less than an ACPI header", t->len);
		else if (t->declared_len > t->len)
			ss_result_finding(r, SS_F_SLIC_SHORT, "SLIC",
					  "The SLIC claims %u bytes but only %u are present (truncated)",
					  t->declared_len, t->len);
		else if (t->declared_len == SS_HEADER_LEN)
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
	const uint8_t *body = d + SS_HEADER_LEN;
	size_t body_len = end - SS_HEADER_LEN;
	/* Erased flash: all 0xFF, or 0xFF with zero padding (as seen in erased MSDM tables). */
	if (blank(body, body_len) && !all_bytes(body, body_len, 0x00)) {
		ss_result_finding(r, SS_F_SLIC_BLANK_FF, "SLIC",
				  "The SLIC body (%zu bytes) is all 0xFF%s: erased or never written",
				  body_len, all_bytes(body, body_len, 0xff) ? "" : " and 0x00");
		o->oa20 = SS_OA20_INVALID;
		return;
	}
	if (all_bytes(body, body_len, 0x00)) {
		ss_result_finding(r, SS_F_SLIC_BLANK_00, "SLIC",
				  "The SLIC body (%zu bytes) is all 0x00: erased or never written", body_len);
		o->oa20 = SS_OA20_INVALID;
		return;
	}
	if (!t->checksum_ok)
		ss_result_finding(r, SS_F_SLIC_CHECKSUM, "SLIC",
				  "The SLIC checksum is wrong (bytes sum to 0x%02x, not 0)",
				  ss_sum8(d, end));

	size_t key_off = 0, key_len = 0, mk_off = 0, mk_len = 0, off = SS_HEADER_LEN;
	for (int n = 0; off < end && n < MAX_SUBTABLES; n++) {
		if (end - off < SS_SUBTABLE_HEAD_LEN) {
			ss_result_finding(r, SS_F_SLIC_SUBTABLE_LENGTH, "SLIC",
					  "%zu stray byte(s) at offset 0x%zx after the last subtable",
					  end - off, off);
			break;
		}
		uint32_t type = ss_le32(d + off + SS_SUB_AT(type));
		uint32_t len = ss_le32(d + off + SS_SUB_AT(length));
		if (len < SS_SUBTABLE_HEAD_LEN || len > end - off) {
			ss_result_finding(r, SS_F_SLIC_SUBTABLE_LENGTH, "SLIC",
					  "Subtable at offset 0x%zx (type %u) has length %u, %s", off, type,
					  len, len < SS_SUBTABLE_HEAD_LEN ? "below the 8-byte minimum"
									 : "past the end of the table");
			break;
		}
		if (type == SS_SUBTABLE_KEY || type == SS_SUBTABLE_MARKER) {
			int marker = type == SS_SUBTABLE_MARKER;
			size_t *po = marker ? &mk_off : &key_off, *pl = marker ? &mk_len : &key_len;
			if (*po) {
				ss_result_finding(r, SS_F_SLIC_SUBTABLE_DUPLICATE, "SLIC",
						  "A second %s subtable at offset 0x%zx",
						  marker ? "Windows marker" : "public key", off);
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

	/* the marker's OEM ID, when the marker is long enough to hold it (even if too short for
	 * the rest) */
	const uint8_t *mk_oem = o->has_marker && mk_len >= SS_MARKER_AT(oem_id) + SS_OEM_ID_LEN
					? d + mk_off + SS_MARKER_AT(oem_id) : 0;
	const char *ph = ss_placeholder_message(d, end, mk_oem);
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
