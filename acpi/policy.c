/* SPDX-License-Identifier: MIT */
/* The policy: defaults, and the plain-text policy file that changes them (docs/POLICY.md).
 *
 * One directive per line, '#' starts a comment, words separated by blanks, an OEM ID may be
 * quoted to keep its spaces:
 *   target windows7|windows8
 *   accept-versions 2.0 2.1 0x00020002 ...     (replaces the accepted list, target windows7)
 *   oem-key OEMID FINGERPRINT VENDOR NAME...   (FINGERPRINT: first 16 hex digits of SHA-256
 *                                               over the 128 modulus bytes as stored)
 *   fail-on ID | warn-on ID | ignore ID        (finding severity: error / warning / info)
 *   require-oem-license yes|no                 (fail-on / default for no-oem-license-evidence)
 * Contract: the text is untrusted; any error stops parsing with "line N: ..." and leaves
 * the lines before it applied (the caller decides whether to go on with the defaults). */
#include "slicscan.h"
#include "bytes.h"
#include "internal.h"

#define MAX_LINE 512
/* the longest directive: accept-versions and its SS_POLICY_MAX_VERSIONS versions */
#define MAX_WORDS (1 + SS_POLICY_MAX_VERSIONS)

void ss_policy_init(struct ss_policy *p)
{
	ss_memfill(p, 0, sizeof(*p));
	p->target = SS_TARGET_WIN7;
	for (size_t i = 0; i < ss_known_versions_count && i < SS_POLICY_MAX_VERSIONS; i++)
		p->versions[p->nversions++] = ss_known_versions[i];
	for (size_t i = 0; i < SS_F_COUNT; i++)
		p->override[i] = -1;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int word_is(const char *w, size_t n, const char *lit)
{
	size_t i = 0;
	for (; i < n && lit[i]; i++)
		if (lower((unsigned char)w[i]) != lit[i])
			return 0;
	return i == n && !lit[i];
}

int ss_target_parse(const char *s, size_t n, enum ss_target *out)
{
	static const char *const win7[] = { "windows7", "win7", "7", "vista", "windowsvista" };
	static const char *const win8[] = { "windows8", "win8", "8", "8.1", "windows10", "win10",
					    "10", "windows11", "win11", "11", "windows8+", "8+" };
	for (size_t i = 0; i < sizeof(win7) / sizeof(win7[0]); i++)
		if (word_is(s, n, win7[i])) {
			*out = SS_TARGET_WIN7;
			return 0;
		}
	for (size_t i = 0; i < sizeof(win8) / sizeof(win8[0]); i++)
		if (word_is(s, n, win8[i])) {
			*out = SS_TARGET_WIN8;
			return 0;
		}
	return -1;
}

const char *ss_target_str(enum ss_target t)
{
	return t == SS_TARGET_WIN8 ? "windows8" : "windows7";
}

/* "2.1" -> 0x00020001, "0x00020001" -> same. */
static int parse_version(const char *w, size_t n, uint32_t *out)
{
	if (n > 2 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X')) {
		uint32_t v = 0;
		if (n > 10)
			return -1;
		for (size_t i = 2; i < n; i++) {
			if (ss_hexval(w[i]) < 0)
				return -1;
			v = v << 4 | (uint32_t)ss_hexval(w[i]);
		}
		*out = v;
		return 0;
	}
	uint32_t part[2] = { 0, 0 };
	size_t k = 0, digits = 0;
	for (size_t i = 0; i < n; i++) {
		if (w[i] == '.' && k == 0 && digits) {
			k = 1;
			digits = 0;
		} else if (w[i] >= '0' && w[i] <= '9' && digits < 5) {
			part[k] = part[k] * 10 + (uint32_t)(w[i] - '0');
			digits++;
		} else {
			return -1;
		}
	}
	if (k != 1 || !digits || part[0] > 0xffff || part[1] > 0xffff)
		return -1;
	*out = part[0] << 16 | part[1];
	return 0;
}

struct word {
	const char *p;
	size_t n;
};

/* Split a line into words; a word may be "quoted". Returns the count or -1. */
static int split(const char *line, size_t n, struct word *w, char *err, size_t errlen,
		 size_t lineno)
{
	int count = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i >= n || line[i] == '#')
			break;
		if (count == MAX_WORDS) {
			ss_fmt(err, errlen, "line %zu: too many words", lineno);
			return -1;
		}
		if (line[i] == '"') {
			size_t s = ++i;
			while (i < n && line[i] != '"')
				i++;
			if (i >= n) {
				ss_fmt(err, errlen, "line %zu: unterminated quote", lineno);
				return -1;
			}
			w[count++] = (struct word){ line + s, i - s };
			i++;
		} else {
			size_t s = i;
			while (i < n && line[i] != ' ' && line[i] != '\t')
				i++;
			w[count++] = (struct word){ line + s, i - s };
		}
	}
	return count;
}

static int set_override(struct ss_policy *p, struct word id, signed char sev, char *err,
			size_t errlen, size_t lineno)
{
	enum ss_finding_id f = ss_finding_by_id(id.p, id.n);
	if (f == SS_F_COUNT) {
		ss_fmt(err, errlen, "line %zu: unknown finding id \"%.*s\" (see slicscan --list-findings)",
		       lineno, (int)(id.n > 60 ? 60 : id.n), id.p);
		return -1;
	}
	if (ss_finding_info(f)->sev == SS_SEV_FATAL) {
		ss_fmt(err, errlen, "line %zu: \"%.*s\" means the input cannot be judged; it cannot be changed",
		       lineno, (int)id.n, id.p);
		return -1;
	}
	p->override[f] = sev;
	return 0;
}

static int directive(struct ss_policy *p, struct word *w, int nw, char *err, size_t errlen,
		     size_t ln)
{
	if (word_is(w[0].p, w[0].n, "target")) {
		if (nw != 2 || ss_target_parse(w[1].p, w[1].n, &p->target) != 0) {
			ss_fmt(err, errlen, "line %zu: target takes one of windows7, windows8", ln);
			return -1;
		}
		return 0;
	}
	if (word_is(w[0].p, w[0].n, "accept-versions")) {
		if (nw < 2 || nw - 1 > SS_POLICY_MAX_VERSIONS) {
			ss_fmt(err, errlen, "line %zu: accept-versions takes 1 to %d versions like 2.1",
			       ln, SS_POLICY_MAX_VERSIONS);
			return -1;
		}
		uint32_t v[SS_POLICY_MAX_VERSIONS];
		for (int i = 1; i < nw; i++)
			if (parse_version(w[i].p, w[i].n, &v[i - 1]) != 0) {
				ss_fmt(err, errlen, "line %zu: \"%.*s\" is not a version like 2.1 or 0x00020001",
				       ln, (int)(w[i].n > 20 ? 20 : w[i].n), w[i].p);
				return -1;
			}
		p->nversions = (size_t)(nw - 1);
		ss_memcopy(p->versions, v, sizeof(v[0]) * p->nversions);
		return 0;
	}
	if (word_is(w[0].p, w[0].n, "oem-key")) {
		if (nw < 4) {
			ss_fmt(err, errlen, "line %zu: oem-key takes OEMID FINGERPRINT VENDOR", ln);
			return -1;
		}
		if (p->nkeys >= SS_POLICY_MAX_KEYS) {
			ss_fmt(err, errlen, "line %zu: more than %d oem-key lines", ln, SS_POLICY_MAX_KEYS);
			return -1;
		}
		if (w[1].n > 6) {
			ss_fmt(err, errlen, "line %zu: an OEM ID has at most 6 characters", ln);
			return -1;
		}
		if (w[2].n != 16) {
			ss_fmt(err, errlen, "line %zu: the fingerprint must be 16 hex digits", ln);
			return -1;
		}
		struct ss_known_key *k = &p->keys[p->nkeys];
		ss_memfill(k, 0, sizeof(*k));
		ss_memcopy(k->oem_id, w[1].p, w[1].n);
		for (int i = 0; i < 8; i++) {
			int hi = ss_hexval(w[2].p[2 * i]), lo = ss_hexval(w[2].p[2 * i + 1]);
			if (hi < 0 || lo < 0) {
				ss_fmt(err, errlen, "line %zu: the fingerprint must be 16 hex digits", ln);
				return -1;
			}
			k->fp[i] = (uint8_t)(hi << 4 | lo);
		}
		/* the vendor is the rest of the line's words, joined by single spaces */
		size_t o = 0;
		for (int i = 3; i < nw; i++) {
			if (o + 1 + w[i].n >= sizeof(k->vendor)) {
				ss_fmt(err, errlen, "line %zu: the vendor name is longer than %zu characters",
				       ln, sizeof(k->vendor) - 1);
				return -1;
			}
			o += ss_fmt(k->vendor + o, sizeof(k->vendor) - o, "%s%.*s", i > 3 ? " " : "",
				    (int)w[i].n, w[i].p);
		}
		p->nkeys++;
		return 0;
	}
	if (word_is(w[0].p, w[0].n, "require-oem-license")) {
		if (nw != 2 || (!word_is(w[1].p, w[1].n, "yes") && !word_is(w[1].p, w[1].n, "no"))) {
			ss_fmt(err, errlen, "line %zu: require-oem-license takes yes or no", ln);
			return -1;
		}
		p->override[SS_F_OEM_LICENSE_NONE] = word_is(w[1].p, w[1].n, "yes") ? SS_SEV_ERROR : -1;
		return 0;
	}
	static const struct {
		const char *name;
		signed char sev;
	} sevs[] = { { "fail-on", SS_SEV_ERROR }, { "warn-on", SS_SEV_WARNING }, { "ignore", SS_SEV_INFO } };
	for (size_t i = 0; i < sizeof(sevs) / sizeof(sevs[0]); i++) {
		if (!word_is(w[0].p, w[0].n, sevs[i].name))
			continue;
		if (nw < 2) {
			ss_fmt(err, errlen, "line %zu: %s takes one or more finding ids", ln, sevs[i].name);
			return -1;
		}
		for (int k = 1; k < nw; k++)
			if (set_override(p, w[k], sevs[i].sev, err, errlen, ln) != 0)
				return -1;
		return 0;
	}
	ss_fmt(err, errlen, "line %zu: unknown directive \"%.*s\"", ln,
	       (int)(w[0].n > 40 ? 40 : w[0].n), w[0].p);
	return -1;
}

int ss_policy_parse(struct ss_policy *p, const char *text, size_t len, char *err, size_t errlen)
{
	size_t pos = 0, ln = 0;
	if (err && errlen)
		err[0] = '\0';
	if (len >= 2 && (((uint8_t)text[0] == 0xff && (uint8_t)text[1] == 0xfe) ||
			 ((uint8_t)text[0] == 0xfe && (uint8_t)text[1] == 0xff))) {
		ss_fmt(err, errlen, "line 1: the file is UTF-16; save it as plain text (ANSI/UTF-8)");
		return -1;
	}
	if (len >= 3 && (uint8_t)text[0] == 0xef && (uint8_t)text[1] == 0xbb && (uint8_t)text[2] == 0xbf)
		pos = 3;
	while (pos < len) {
		size_t n = 0;
		while (pos + n < len && text[pos + n] != '\n')
			n++;
		const char *line = text + pos;
		pos += n + 1;
		ln++;
		while (n && line[n - 1] == '\r')
			n--;
		if (n > MAX_LINE) {
			ss_fmt(err, errlen, "line %zu: longer than %d characters", ln, MAX_LINE);
			return -1;
		}
		for (size_t i = 0; i < n; i++) {
			uint8_t c = (uint8_t)line[i];
			if ((c < 0x20 && c != '\t') || c == 0x7f) {
				ss_fmt(err, errlen, "line %zu: not text (byte 0x%02x)", ln, c);
				return -1;
			}
		}
		struct word w[MAX_WORDS];
		int nw = split(line, n, w, err, errlen, ln);
		if (nw < 0)
			return -1;
		if (nw && directive(p, w, nw, err, errlen, ln) != 0)
			return -1;
	}
	return 0;
}
