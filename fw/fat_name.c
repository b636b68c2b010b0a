/* SPDX-License-Identifier: MIT */
/* FAT names: path components (UTF-8 to UCS-2), case-insensitive comparison, 8.3 names from
 * long names by the basis-name and numeric-tail rules of fatgen103 section 7, and the
 * long-name checksum. */
#include "fat_internal.h"

static uint16_t upper(uint16_t c)
{
	return c >= 'a' && c <= 'z' ? (uint16_t)(c - 'a' + 'A') : c;
}

static bool is_sep(char c)
{
	return c == '\\' || c == '/';
}

/* Characters a long name may not hold (besides the separators and control characters). */
static bool lfn_illegal(uint32_t c)
{
	return c < 0x20 || c == '"' || c == '*' || c == ':' || c == '<' || c == '>' ||
	       c == '?' || c == '|' || c == 0x7F;
}

/* One UTF-8 character of s (NUL-terminated) in the BMP: its length, or 0 when invalid. */
static int utf8_char(const char *s, uint32_t *cp)
{
	const uint8_t *u = (const uint8_t *)s;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF && (u[1] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
		return 2;
	}
	if ((u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		uint32_t c = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) |
			     (u[2] & 0x3F);
		if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))
			return 0; /* over-long form or a surrogate */
		*cp = c;
		return 3;
	}
	return 0;
}

int fat_component(const char **path, struct fat_name *out)
{
	const char *s = *path;
	while (is_sep(*s))
		s++;
	out->n = 0;
	if (*s == 0) {
		*path = s;
		return 0;
	}
	while (*s != 0 && !is_sep(*s)) {
		uint32_t cp;
		int k = utf8_char(s, &cp);
		if (k == 0 || lfn_illegal(cp) || out->n >= FW_FAT_NAME_MAX)
			return FW_FAT_EBADNAME;
		out->c[out->n++] = (uint16_t)cp;
		s += k;
	}
	*path = s;
	/* "." and "..", and names ending in a dot or a blank (Windows drops those, so such a
	 * name could never be found again under the same spelling). */
	uint16_t last = out->c[out->n - 1];
	if (last == '.' || last == ' ')
		return FW_FAT_EBADNAME;
	return 1;
}

bool fat_path_end(const char *path)
{
	while (is_sep(*path))
		path++;
	return *path == 0;
}

bool fat_name_eq(const struct fat_name *a, const struct fat_name *b)
{
	if (a->n != b->n)
		return false;
	for (uint32_t i = 0; i < a->n; i++)
		if (upper(a->c[i]) != upper(b->c[i]))
			return false;
	return true;
}

void fat_sfn_name(const uint8_t sfn[11], struct fat_name *out)
{
	uint32_t bl = 8, el = 3;
	while (bl > 0 && sfn[bl - 1] == ' ')
		bl--;
	while (el > 0 && sfn[8 + el - 1] == ' ')
		el--;
	out->n = 0;
	for (uint32_t i = 0; i < bl; i++)
		out->c[out->n++] = (i == 0 && sfn[0] == 0x05) ? 0xE5 : sfn[i];
	if (el > 0) {
		out->c[out->n++] = '.';
		for (uint32_t i = 0; i < el; i++)
			out->c[out->n++] = sfn[8 + i];
	}
}

uint8_t fat_lfn_sum(const uint8_t sfn[11])
{
	uint8_t sum = 0;
	for (int i = 0; i < 11; i++)
		sum = (uint8_t)(((sum & 1) << 7) + (sum >> 1) + sfn[i]);
	return sum;
}

/* Characters allowed in a short name besides A-Z and 0-9 (fatgen103 section 6.1; bytes
 * over 0x7F are allowed there too, but their meaning depends on the OEM code page, so
 * non-ASCII characters become '_'). */
static bool sfn_legal(uint16_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	switch (c) {
	case '!': case '#': case '$': case '%': case '&': case '\'': case '(': case ')':
	case '-': case '@': case '^': case '_': case '`': case '{': case '}': case '~':
		return true;
	default:
		return false;
	}
}

/* Characters [from, to) of nm as at most max short-name bytes into out (*len of them): upper
 * case, blanks and periods dropped, illegal characters as '_'. True when anything was lost. */
static bool sfn_part(const struct fat_name *nm, uint32_t from, uint32_t to, uint8_t *out,
		     uint32_t max, uint32_t *len)
{
	bool lossy = false;
	for (uint32_t i = from; i < to; i++) {
		uint16_t c = upper(nm->c[i]);
		if (c == ' ' || c == '.') {
			lossy = true;
			continue;
		}
		if (*len == max)
			return true;
		if (!sfn_legal(c))
			c = '_', lossy = true;
		out[(*len)++] = (uint8_t)c;
	}
	return lossy;
}

void fat_make_basis(const struct fat_name *nm, struct fat_basis *b)
{
	uint32_t start = 0, dot = nm->n;
	ss_memfill(b->base, ' ', 8);
	ss_memfill(b->ext, ' ', 3);
	b->bl = b->el = 0;
	b->lossy = false;
	while (start < nm->n && nm->c[start] == '.')
		start++, b->lossy = true; /* leading periods are dropped */
	for (uint32_t i = start; i < nm->n; i++)
		if (nm->c[i] == '.')
			dot = i;
	b->lossy |= sfn_part(nm, start, dot, b->base, 8, &b->bl);
	b->lossy |= sfn_part(nm, dot + 1, nm->n, b->ext, 3, &b->el);
	if (b->bl == 0) { /* nothing usable before the extension */
		b->base[b->bl++] = '_';
		b->lossy = true;
	}
	/* exact: the name, as written, is the short name (upper case, nothing dropped) */
	uint8_t sfn[11];
	struct fat_name s;
	ss_memcopy(sfn, b->base, 8);
	ss_memcopy(sfn + 8, b->ext, 3);
	fat_sfn_name(sfn, &s);
	b->exact = !b->lossy && s.n == nm->n;
	for (uint32_t i = 0; b->exact && i < s.n; i++)
		if (s.c[i] != nm->c[i])
			b->exact = false;
}

static uint32_t digits(uint32_t n)
{
	return n >= 1000 ? 4 : n >= 100 ? 3 : n >= 10 ? 2 : 1;
}

void fat_mark_tail(struct fw_fat *v, const struct fat_basis *b, const struct fat_name *name)
{
	uint32_t n = name->n, dot = n;
	for (uint32_t i = 0; i < n; i++)
		if (name->c[i] == '.')
			dot = i;
	/* the extension must be ours */
	uint32_t el = dot < n ? n - dot - 1 : 0;
	if (el != b->el)
		return;
	for (uint32_t i = 0; i < el; i++)
		if (upper(name->c[dot + 1 + i]) != b->ext[i])
			return;
	/* PREFIX~DIGITS before it */
	uint32_t tilde = dot;
	while (tilde > 0 && name->c[tilde - 1] >= '0' && name->c[tilde - 1] <= '9')
		tilde--;
	uint32_t nd = dot - tilde;
	if (nd == 0 || nd > 4 || tilde == 0 || name->c[tilde - 1] != '~' || name->c[tilde] == '0')
		return;
	uint32_t num = 0;
	for (uint32_t i = tilde; i < dot; i++)
		num = num * 10 + (uint32_t)(name->c[i] - '0');
	uint32_t plen = b->bl < 7 - nd ? b->bl : 7 - nd;
	if (tilde - 1 != plen || num > FW_FAT_TAIL_MAX)
		return;
	for (uint32_t i = 0; i < plen; i++)
		if (upper(name->c[i]) != b->base[i])
			return;
	v->tails[num / 8] |= (uint8_t)(1u << (num % 8));
}

int fat_pick_tail(struct fw_fat *v, const struct fat_basis *b, uint8_t sfn[11])
{
	for (uint32_t num = 1; num <= FW_FAT_TAIL_MAX; num++) {
		if (v->tails[num / 8] & (1u << (num % 8)))
			continue;
		uint32_t nd = digits(num), plen = b->bl < 7 - nd ? b->bl : 7 - nd, k = 0;
		ss_memfill(sfn, ' ', 11);
		for (uint32_t i = 0; i < plen; i++)
			sfn[k++] = b->base[i];
		sfn[k++] = '~';
		for (uint32_t i = nd; i > 0; i--) {
			uint32_t d = num;
			for (uint32_t j = 1; j < i; j++)
				d /= 10;
			sfn[k++] = (uint8_t)('0' + d % 10);
		}
		ss_memcopy(sfn + 8, b->ext, 3);
		return FW_FAT_OK;
	}
	return FW_FAT_ENAMES;
}
