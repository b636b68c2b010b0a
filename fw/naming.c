/* SPDX-License-Identifier: MIT */
/* Report base names from SMBIOS serial/UUID, and the collision rule (see naming.h). */
#include "naming.h"

#include "bytes.h"
#include "slicscan.h"

/* Placeholders seen in real SMBIOS data (dmidecode output of many boards), lower case. */
static const char *const junk_serials[] = {
	"to be filled by o.e.m.", "to be filled by oem", "default string", "system serial number",
	"chassis serial number", "base board serial number", "serial number", "serialnumber",
	"none", "not specified", "not applicable", "not available", "n/a", "na", "unknown",
	"invalid", "empty", "oem", "o.e.m.", "0123456789", "1234567890", "123456789",
	"12345678", "1234567", "123456", "xxxxxxxxxxx", "no serial", "sn", "serial",
};

static bool is_blank(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\0';
}

static uint8_t lower(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c - 'A' + 'a') : c;
}

static void trim(const uint8_t **s, size_t *n)
{
	while (*n > 0 && is_blank((*s)[0]))
		(*s)++, (*n)--;
	while (*n > 0 && is_blank((*s)[*n - 1]))
		(*n)--;
}

bool fw_serial_is_junk(const uint8_t *s, size_t n)
{
	if (s == NULL)
		return true;
	trim(&s, &n);
	if (n == 0)
		return true;
	bool zero_like = true, same = true;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '0' && s[i] != 0xFF && !is_blank(s[i]))
			zero_like = false;
		if (s[i] != s[0])
			same = false;
	}
	if (zero_like || same)
		return true;
	for (size_t k = 0; k < sizeof(junk_serials) / sizeof(junk_serials[0]); k++) {
		const char *j = junk_serials[k];
		size_t jn = ss_strlen(j), i = 0;
		if (jn != n)
			continue;
		while (i < n && lower(s[i]) == (uint8_t)j[i])
			i++;
		if (i == n)
			return true;
	}
	/* Nothing usable survives sanitising ("???", "...."): no letter or digit at all. */
	for (size_t i = 0; i < n; i++) {
		uint8_t c = lower(s[i]);
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			return false;
	}
	return true;
}

size_t fw_sanitise(const uint8_t *s, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	if (cap == 0)
		return 0;
	if (s == NULL)
		n = 0;
	else
		trim(&s, &n);
	for (size_t i = 0; i < n && o < FW_SERIAL_NAME_MAX && o + 1 < cap; i++) {
		uint8_t c = s[i];
		bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
		if (o == 0 && c == '.')
			continue;
		out[o++] = keep ? (char)c : '_';
	}
	while (o > 0 && out[o - 1] == '.')
		o--;
	out[o] = '\0';
	return o;
}

static bool uuid_usable(const uint8_t *u)
{
	bool all00 = true, allff = true;
	for (int i = 0; i < 16; i++) {
		if (u[i] != 0x00)
			all00 = false;
		if (u[i] != 0xFF)
			allff = false;
	}
	return !all00 && !allff;
}

enum fw_name_source fw_report_base(const uint8_t *serial, size_t serial_len,
					   const uint8_t *uuid, bool uuid_le, char *out,
					   size_t cap)
{
	if (serial != NULL && !fw_serial_is_junk(serial, serial_len) &&
	    fw_sanitise(serial, serial_len, out, cap) > 0)
		return FW_NAME_SERIAL;
	if (uuid != NULL && uuid_usable(uuid)) {
		/* Byte order of the printed form: 4-2-2 fields swapped when stored little-endian. */
		static const uint8_t le_order[16] = { 3, 2, 1, 0, 5, 4, 7, 6,
						      8, 9, 10, 11, 12, 13, 14, 15 };
		char hex[33];
		for (int i = 0; i < 16; i++) {
			uint8_t b = uuid[uuid_le ? le_order[i] : i];
			hex[2 * i] = "0123456789ABCDEF"[b >> 4];
			hex[2 * i + 1] = "0123456789ABCDEF"[b & 15];
		}
		hex[32] = '\0';
		ss_fmt(out, cap, "uuid-%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16,
		       hex + 20);
		return FW_NAME_UUID;
	}
	ss_fmt(out, cap, "unknown");
	return FW_NAME_UNKNOWN;
}

int fw_unique_name(const char *base, fw_exists_fn exists, void *ctx, char *out,
		       size_t cap)
{
	for (unsigned k = 1; k <= 999; k++) {
		if (k == 1)
			ss_fmt(out, cap, "%s", base);
		else
			ss_fmt(out, cap, "%s-%u", base, k);
		if (!exists(ctx, out))
			return 0;
	}
	if (cap > 0)
		out[0] = '\0';
	return -1;
}
