/* SPDX-License-Identifier: MIT */
/* MSDM (Microsoft Data Management table, OEM Activation 3.0) rules.
 *
 * Layout (docs/FACTS.md §4, after fwts; struct ss_layout_msdm in acpi/layout.h): 36-byte
 * header, then u32 Version (1),
 * Reserved (0), DataType (1), DataReserved (0), DataLength (29), then DataLength bytes
 * "XXXXX-XXXXX-XXXXX-XXXXX-XXXXX" from BCDFGHJKMPQRTVWXY2346789 plus exactly one 'N'
 * for Windows 8+ keys. The key is the machine owner's secret: the result carries a masked
 * copy for display and the full key only for --show-key. */
#include "slicscan.h"
#include "bytes.h"
#include "internal.h"

static int key_char(char c)
{
	const char *alphabet = "BCDFGHJKMPQRTVWXY2346789N";
	for (const char *a = alphabet; *a; a++)
		if (*a == c)
			return 1;
	return 0;
}

/* Why the 29 bytes are not a product key, or NULL when they are one. */
static const char *key_problem(const uint8_t *k)
{
	int ns = 0;
	for (size_t i = 0; i < SS_MSDM_KEY_LEN; i++) {
		char c = (char)k[i];
		if (i % 6 == 5) {
			if (c != '-')
				return "the groups are not separated by '-'";
			continue;
		}
		if (!key_char(c))
			return "it holds characters outside the product-key alphabet";
		ns += c == 'N';
	}
	if (ns != 1)
		return "it has no single 'N', unlike every Windows 8+ key";
	return 0;
}

static void copy_key(char *out, const uint8_t *k, int mask)
{
	for (size_t i = 0; i < SS_MSDM_KEY_LEN; i++) {
		char c = (char)k[i];
		if (c < 0x21 || c > 0x7e)
			c = '?';
		/* masked: only the last group and the dashes show; a key character where a dash
		 * belongs (a malformed key) is masked too */
		out[i] = (mask && i < 24 && c != '-') ? 'X' : c;
	}
	out[SS_MSDM_KEY_LEN] = '\0';
}

void ss_check_msdm(struct ss_result *r, size_t ti, struct ss_msdm *o)
{
	const struct ss_table *t = &r->set->t[ti];
	ss_memfill(o, 0, sizeof(*o));
	o->present = true;
	o->table = ti;
	if (ss_input_truncated(t)) {
		o->state = SS_MSDM_BAD_HEADER; /* judge.c reports input-truncated (fatal) */
		return;
	}
	if (!t->has_header || !t->length_ok || t->declared_len < SS_MSDM_DATA_AT) {
		o->state = SS_MSDM_BAD_HEADER;
		ss_result_finding(r, SS_F_MSDM_SHORT, "MSDM",
				  "The MSDM is %u bytes (length field %u); its layout needs at least %u",
				  t->len, t->declared_len, (unsigned)SS_MSDM_DATA_AT);
		return;
	}
	const uint8_t *d = t->data;
	size_t end = t->declared_len;
	if (!t->checksum_ok)
		ss_result_finding(r, SS_F_MSDM_CHECKSUM, "MSDM", "The MSDM checksum is wrong");
	/* Erased flash reads as 0xFF; some firmware pads with zeros: a body of nothing but
	 * 0xFF and 0x00 bytes holds no key (seen: all 0xFF followed by four 0x00). */
	size_t ff = 0, other = 0;
	for (size_t i = SS_HEADER_LEN; i < end; i++) {
		ff += d[i] == 0xff;
		other += d[i] != 0xff && d[i] != 0x00;
	}
	if (!other) {
		o->state = SS_MSDM_BLANK;
		ss_result_finding(r, SS_F_MSDM_BLANK, "MSDM",
				  "The MSDM body is all %s: the product key was erased",
				  !ff ? "0x00" : ff == end - SS_HEADER_LEN ? "0xFF" : "0xFF/0x00");
		return;
	}
	o->version = ss_le32(d + SS_MSDM_AT(version));
	o->data_type = ss_le32(d + SS_MSDM_AT(data_type));
	o->data_length = ss_le32(d + SS_MSDM_AT(data_length));
	if (o->data_length > end - SS_MSDM_DATA_AT) {
		o->state = SS_MSDM_BAD_HEADER;
		ss_result_finding(r, SS_F_MSDM_SHORT, "MSDM",
				  "The MSDM data length %u runs past the table's end (%zu bytes left)",
				  o->data_length, end - SS_MSDM_DATA_AT);
		return;
	}
	if (o->version != 1 || o->data_type != 1 || o->data_length != SS_MSDM_KEY_LEN) {
		o->state = SS_MSDM_BAD_HEADER;
		ss_result_finding(r, SS_F_MSDM_FIELDS, "MSDM",
				  "MSDM version %u, data type %u, data length %u (expected 1, 1, 29)",
				  o->version, o->data_type, o->data_length);
		return;
	}
	copy_key(o->key_masked, d + SS_MSDM_DATA_AT, 1);
	copy_key(o->key, d + SS_MSDM_DATA_AT, 0);
	const char *why = key_problem(d + SS_MSDM_DATA_AT);
	if (why) {
		o->state = SS_MSDM_KEY_MALFORMED;
		ss_result_finding(r, SS_F_MSDM_KEY_MALFORMED, "MSDM",
				  "The MSDM product key %s is malformed: %s", o->key_masked, why);
		return;
	}
	o->state = SS_MSDM_KEY_OK;
	ss_result_finding(r, SS_F_MSDM_KEY_OK, "MSDM",
			  "The MSDM holds a well-formed Windows 8+ OEM product key (%s)",
			  r->policy->show_key ? o->key : o->key_masked);
}
