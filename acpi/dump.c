/* SPDX-License-Identifier: MIT */
/* Reader for the text that ACPICA's acpidump prints (Linux, Windows acpidump.exe, and the
 * older pmtools variant): "SIG @ 0xADDR" then "OFFSET: hex bytes  ascii" lines.
 *
 * Contract: text is untrusted and need not be NUL-terminated. Each table's bytes are decoded
 * into the set's arena (at most one byte per three characters of text, so len/3 + 4096 bytes
 * of arena is always enough) and added with its address. Lines the reader does not understand
 * inside a table, offsets that jump, and blocks with no bytes become findings; the table is
 * cut where its text stops making sense, never guessed. */
#include "slicscan.h"
#include "bytes.h"
#include "internal.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

struct line {
	const char *p;
	size_t n;
};

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
	for (; i < l.n && hexval(l.p[i]) >= 0; i++, digits++) {
		if (digits >= 16)
			return 0;
		a = (a << 4) | (uint64_t)hexval(l.p[i]);
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
	for (; i < l.n && hexval(l.p[i]) >= 0; i++, digits++) {
		if (digits >= 16)
			return 0;
		off = (off << 4) | (uint64_t)hexval(l.p[i]);
	}
	if (!digits || i >= l.n || l.p[i] != ':')
		return 0;
	i++;
	int n = 0;
	while (n < 16 && i + 3 <= l.n && l.p[i] == ' ' && hexval(l.p[i + 1]) >= 0 &&
	       hexval(l.p[i + 2]) >= 0 &&
	       (i + 3 == l.n || l.p[i + 3] == ' ' || l.p[i + 3] == '\r')) {
		out[n++] = (uint8_t)(hexval(l.p[i + 1]) << 4 | hexval(l.p[i + 2]));
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
	ss_fmt(s->source, sizeof(s->source), "%s", s->source[0] ? s->source : "acpidump text");
	if (!len) {
		ss_tableset_finding(s, SS_F_INPUT_EMPTY, 0, "The input is empty");
		return 0;
	}
	for (size_t pos = 0; pos < len;) {
		struct line l = { text + pos, 0 };
		while (pos + l.n < len && text[pos + l.n] != '\n')
			l.n++;
		pos += l.n + 1;
		lineno++;
		while (l.n && (l.p[l.n - 1] == '\r'))
			l.n--;

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
