/* SPDX-License-Identifier: MIT */
/* Reader for the text that ACPICA's acpidump prints (Linux, Windows acpidump.exe, and the
 * older pmtools variant): "SIG @ 0xADDR" then "OFFSET: hex bytes  ascii" lines.
 *
 * Contract: text is untrusted and need not be NUL-terminated. Each table's bytes are decoded
 * into the set's arena (at most one byte per three characters of text, so len/3 + 4096 bytes
 * of arena is always enough) and added with its address. Lines the reader does not understand
 * inside a table, offsets that jump, and blocks with no bytes become findings; the table is
 * cut where its text stops making sense, never guessed.
 *
 * Encodings: bytes as acpidump writes them (ASCII; a UTF-8 BOM is skipped), or UTF-16 with its
 * BOM, which is what Windows PowerShell's ">" makes of acpidump.exe's output (FF FE, UTF-16LE;
 * FE FF, UTF-16BE from Out-File -Encoding BigEndianUnicode). UTF-16 is narrowed one line at a
 * time into a buffer on the stack: the text stays read-only and nothing is allocated. Every
 * character above U+007F becomes 0x80, which, like any non-ASCII byte, matches nothing in the
 * grammar, so a UTF-16 text is read exactly like the same text in ASCII. A line of more than
 * DUMP_LINE_MAX characters (real dumps have about 80) is never a header or data line, in
 * either encoding. */
#include "slicscan.h"
#include "bytes.h"
#include "internal.h"
#include "text.h"

struct line {
	const char *p;
	size_t n;
	int too_long; /* more than DUMP_LINE_MAX characters: only p[0] is meaningful */
};

#define DUMP_LINE_MAX 512

/* The text split into lines, whatever its encoding (acpi/text.h reads the BOM and UTF-16). */
struct reader {
	struct ss_text_iter it;
	char buf[DUMP_LINE_MAX];
};

/* The next line, without its '\n' and trailing '\r's. Returns 0 when the text is used up.
 * Plain bytes are pointed at where they are (no copy); UTF-16 is narrowed into rd->buf. */
static int next_line(struct reader *rd, struct line *l)
{
	struct ss_text_iter *it = &rd->it;
	if (it->enc == SS_ENC_BYTES) {
		if (it->off >= it->len)
			return 0;
		l->p = (const char *)it->p + it->off;
		l->n = 0;
		while (it->off + l->n < it->len && l->p[l->n] != '\n')
			l->n++;
		it->off += l->n + (it->off + l->n < it->len);
		while (l->n && l->p[l->n - 1] == '\r')
			l->n--;
		l->too_long = l->n > DUMP_LINE_MAX;
		return 1;
	}
	size_t n = 0, crs = 0; /* characters, and how many of the last ones are '\r' */
	int c = ss_text_next(it);
	if (c < 0)
		return 0;
	for (; c >= 0 && c != '\n'; c = ss_text_next(it)) {
		crs = c == '\r' ? crs + 1 : 0;
		if (n < DUMP_LINE_MAX)
			rd->buf[n] = (char)c;
		n++;
	}
	l->p = rd->buf;
	l->n = n - crs;
	l->too_long = l->n > DUMP_LINE_MAX;
	if (l->too_long)
		l->n = DUMP_LINE_MAX;
	return 1;
}

/* "SIG @ 0xADDR": a line starting in column 0, a name of 1..8 characters, " @ 0x", hex. */
static int parse_header(struct line l, char name[9], uint64_t *addr)
{
	size_t i = 0;
	if (l.n == 0 || l.p[0] == ' ' || l.p[0] == '\t')
		return 0;
	size_t at = 0;
	for (i = 0; i + 4 <= l.n; i++)
		if (l.p[i] == ' ' && l.p[i + 1] == '@' && l.p[i + 2] == ' ')
			break;
	if (i + 4 > l.n || i == 0 || i > 8)
		return 0;
	at = i;
	for (size_t k = 0; k < at; k++) {
		unsigned char c = (unsigned char)l.p[k];
		if (c < 0x20 || c > 0x7e)
			return 0;
		name[k] = (char)c;
	}
	name[at] = '\0';
	i = at + 3;
	if (i + 2 > l.n || l.p[i] != '0' || (l.p[i + 1] != 'x' && l.p[i + 1] != 'X'))
		return 0;
	i += 2;
	uint64_t a = 0;
	size_t digits = 0;
	for (; i < l.n && ss_hexval(l.p[i]) >= 0; i++, digits++) {
		if (digits >= 16)
			return 0;
		a = (a << 4) | (uint64_t)ss_hexval(l.p[i]);
	}
	while (i < l.n && (l.p[i] == ' ' || l.p[i] == '\t' || l.p[i] == '\r'))
		i++;
	if (!digits || i != l.n)
		return 0;
	*addr = a;
	return 1;
}

/* "  OFFSET: XX XX ...  ascii". Returns the number of bytes (1..16) written to out, 0 when
 * the line is not a data line. The ASCII column starts after two spaces and is ignored:
 * it may itself look like hex ("DE AD"), so tokens are read strictly one space apart. */
static int parse_data(struct line l, uint64_t *offset, uint8_t out[16])
{
	size_t i = 0;
	while (i < l.n && (l.p[i] == ' ' || l.p[i] == '\t'))
		i++;
	if (i == 0)
		return 0;
	uint64_t off = 0;
	size_t digits = 0;
	for (; i < l.n && ss_hexval(l.p[i]) >= 0; i++, digits++) {
		if (digits >= 16)
			return 0;
		off = (off << 4) | (uint64_t)ss_hexval(l.p[i]);
	}
	if (!digits || i >= l.n || l.p[i] != ':')
		return 0;
	i++;
	int n = 0;
	while (n < 16 && i + 3 <= l.n && l.p[i] == ' ' && ss_hexval(l.p[i + 1]) >= 0 &&
	       ss_hexval(l.p[i + 2]) >= 0 &&
	       (i + 3 == l.n || l.p[i + 3] == ' ' || l.p[i + 3] == '\r')) {
		out[n++] = (uint8_t)(ss_hexval(l.p[i + 1]) << 4 | ss_hexval(l.p[i + 2]));
		i += 3;
	}
	if (!n)
		return 0;
	*offset = off;
	return n;
}

struct block {
	int open;
	char name[9];
	uint64_t addr;
	uint8_t *start;     /* first byte in the arena */
	size_t have;        /* bytes decoded so far */
	int cut;            /* stop appending: the text stopped making sense */
	size_t line;        /* line number of the header */
	size_t bad_lines;
};

static void close_block(struct ss_tableset *s, struct block *b, size_t *found)
{
	if (!b->open)
		return;
	char where[48];
	ss_fmt(where, sizeof(where), "%s at dump line %zu", b->name, b->line);
	if (b->bad_lines)
		ss_tableset_finding(s, SS_F_DUMP_BAD_LINE, b->name,
				    "%zu unreadable line(s) in %s", b->bad_lines, where);
	if (b->have) {
		s->arena_used = (size_t)(b->start - s->arena) + b->have;
		s->arena_used = (s->arena_used + 7) & ~(size_t)7;
		if (s->arena_used > s->arena_cap)
			s->arena_used = s->arena_cap;
		if (ss_tableset_add(s, b->start, b->have, b->addr, SS_ORIGIN_DUMP, where) == 0)
			(*found)++;
	} else {
		ss_tableset_finding(s, SS_F_DUMP_BAD_LINE, b->name, "%s has no data bytes", where);
	}
	b->open = 0;
}

size_t ss_collect_acpidump(struct ss_tableset *s, const char *text, size_t len)
{
	struct block b = { 0 };
	size_t found = 0, lineno = 0;
	struct reader rd;
	struct line l;
	ss_text_begin(&rd.it, (const uint8_t *)text, len);
	ss_fmt(s->source, sizeof(s->source), "%s", s->source[0] ? s->source : "acpidump text");
	if (rd.it.off >= len) {
		ss_tableset_finding(s, SS_F_INPUT_EMPTY, 0, "The input is empty");
		return 0;
	}
	while (next_line(&rd, &l)) {
		lineno++;
		if (l.too_long) {
			/* what the last branch below does with a line it does not understand */
			if (b.open && (l.p[0] == ' ' || l.p[0] == '\t'))
				b.bad_lines++;
			else
				close_block(s, &b, &found);
			continue;
		}

		char name[9];
		uint64_t addr;
		uint8_t bytes[16];
		uint64_t off;
		int n;
		if (parse_header(l, name, &addr)) {
			close_block(s, &b, &found);
			if (s->full)
				break;
			b = (struct block){ .open = 1, .addr = addr, .line = lineno };
			ss_memcopy(b.name, name, sizeof(name));
			b.start = s->arena ? s->arena + s->arena_used : 0;
		} else if ((n = parse_data(l, &off, bytes)) > 0) {
			if (!b.open || b.cut)
				continue;
			if (off != b.have) {
				ss_tableset_finding(s, SS_F_DUMP_OFFSET_GAP, b.name,
						    "%s at dump line %zu: offset 0x%llx where 0x%zx was due (line %zu); table cut there",
						    b.name, b.line, (unsigned long long)off, b.have, lineno);
				b.cut = 1;
				continue;
			}
			if (!b.start || (size_t)n > s->arena_cap - (size_t)(b.start - s->arena) - b.have) {
				if (!s->full)
					ss_tableset_finding(s, SS_F_OUT_OF_SPACE, b.name,
							    "No room left to decode %s at dump line %zu",
							    b.name, b.line);
				s->full = true;
				b.cut = 1;
				continue;
			}
			ss_memcopy(b.start + b.have, bytes, (size_t)n);
			b.have += (size_t)n;
		} else {
			size_t k = 0;
			while (k < l.n && (l.p[k] == ' ' || l.p[k] == '\t'))
				k++;
			if (k == l.n) /* blank line: tables are separated by them */
				continue;
			if (b.open && k > 0)
				b.bad_lines++;
			/* text in column 0 that is not a header (kernel warnings, banners) ends a table */
			else if (b.open)
				close_block(s, &b, &found);
		}
	}
	close_block(s, &b, &found);
	if (!found)
		ss_tableset_finding(s, SS_F_INPUT_GARBAGE, 0,
				    "No ACPI table found: the input is not acpidump text (expected \"SIG @ 0xADDR\" lines followed by hex lines)");
	return found;
}
