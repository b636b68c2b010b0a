/* SPDX-License-Identifier: MIT */
/* Parser for slicscan.cfg; the format and the contract are in config.h. */
#include "config.h"

#include "bytes.h"
#include "printable.h"
#include "text.h"

void fw_config_defaults(struct fw_config *c)
{
	ss_memfill(c, 0, sizeof(*c));
	c->action = FW_ACTION_WAIT;
	c->timeout = FW_TIMEOUT_DEFAULT;
	c->report = true;
	ss_fmt(c->report_dir, sizeof(c->report_dir), "%s", FW_REPORT_DIR_DEFAULT);
	ss_fmt(c->summary, sizeof(c->summary), "%s", FW_SUMMARY_DEFAULT);
	c->policy_mode = FW_POLICY_DEFAULT;
	c->target = SS_TARGET_WIN7;
	c->kms_timeout = FW_KMS_TIMEOUT_DEFAULT;
}

/* ---- small helpers over (pointer, length) strings ---- */

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive equality of s[0..n) with the lower-case word w. */
static bool word_is(const char *s, size_t n, const char *w)
{
	size_t i = 0;
	for (; i < n && w[i]; i++)
		if (lower(s[i]) != w[i])
			return false;
	return i == n && w[i] == '\0';
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A printable, shortened copy of untrusted text for a message. */
static void excerpt(char *out, size_t cap, const char *s, size_t n)
{
	size_t o = 0, max = 32;
	for (size_t i = 0; i < n && o + 4 < cap; i++) {
		if (i == max) {
			out[o++] = '.', out[o++] = '.', out[o++] = '.';
			break;
		}
		unsigned char ch = (unsigned char)s[i];
		out[o++] = ch >= 0x20 && ch < 0x7F ? (char)ch : '?';
	}
	out[o] = '\0';
}

/* ---- messages ---- */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void add_msg(struct fw_config *c, unsigned line, const char *fmt, ...)
{
	if (c->nmsg >= FW_CFG_MAX_MSGS) {
		c->dropped_msgs++;
		return;
	}
	char text[SS_MSG_LEN];
	va_list ap;
	va_start(ap, fmt);
	ss_vfmt(text, sizeof(text), fmt, ap);
	va_end(ap);
	ss_fmt(c->msg[c->nmsg++], SS_MSG_LEN, "%s %u: %s",
	       c->unit != NULL ? c->unit : FW_CONFIG_NAME " line", line, text);
}

/* ---- values ---- */

int fw_path_normalise(const char *in, size_t len, char *out, size_t cap, bool allow_root,
			  const char **why)
{
	size_t o = 0;
	const char *dummy;
	if (why == NULL)
		why = &dummy;
	if (cap < 2) {
		*why = "no room";
		return -1;
	}
	out[o++] = '\\';
	size_t i = 0;
	while (i < len) {
		/* one component */
		while (i < len && (in[i] == '\\' || in[i] == '/'))
			i++;
		size_t start = i;
		while (i < len && in[i] != '\\' && in[i] != '/') {
			unsigned char ch = (unsigned char)in[i];
			if (ch < 0x20 || ch == 0x7F) {
				*why = "control character in path";
				return -1;
			}
			if (ch >= 0x80) {
				*why = "non-ASCII character in path";
				return -1;
			}
			for (const char *bad = "\"*:<>?|"; *bad; bad++)
				if (ch == (unsigned char)*bad) {
					*why = "character not allowed in a file name (\" * : < > ? |)";
					return -1;
				}
			i++;
		}
		size_t n = i - start;
		if (n == 0)
			break;
		if (n == 2 && in[start] == '.' && in[start + 1] == '.') {
			*why = "\"..\" is not allowed in a path";
			return -1;
		}
		if (n == 1 && in[start] == '.')
			continue;
		if (o > 1) {
			if (o + 1 >= cap) {
				*why = "path too long";
				return -1;
			}
			out[o++] = '\\';
		}
		if (n >= cap - o) {
			*why = "path too long";
			return -1;
		}
		ss_memcopy(out + o, in + start, n);
		o += n;
	}
	out[o] = '\0';
	if (o == 1 && !allow_root) {
		*why = "path names no file";
		return -1;
	}
	return 0;
}

static int parse_bool(const char *v, size_t n, bool *out)
{
	if (word_is(v, n, "yes") || word_is(v, n, "true") || word_is(v, n, "on") ||
	    word_is(v, n, "1")) {
		*out = true;
		return 0;
	}
	if (word_is(v, n, "no") || word_is(v, n, "false") || word_is(v, n, "off") ||
	    word_is(v, n, "0")) {
		*out = false;
		return 0;
	}
	return -1;
}

/* Decimal 1..3600 with no sign, no junk, no overflow (digits beyond 5 are refused early). */
static int parse_timeout(const char *v, size_t n, unsigned *out)
{
	unsigned x = 0;
	if (n == 0 || n > 5)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		x = x * 10 + (unsigned)(v[i] - '0');
	}
	if (x < 1 || x > FW_TIMEOUT_MAX)
		return -1;
	*out = x;
	return 0;
}

enum key {
	K_ACTION, K_TIMEOUT, K_REPORT, K_REPORT_DIR, K_POLICY, K_TARGET, K_SHOW_KEY, K_QUIET,
	K_DEBUG_EXIT, K_SUMMARY, K_TEXT_MODE, K_UPLOAD, K_TIMEZONE, K_KMS, K_KMS_TIMEOUT, K_LANGUAGE,
	K_COUNT
};

static const char *const key_names[K_COUNT] = {
	"action", "timeout", "report", "report_dir", "policy", "target", "show_key", "quiet",
	"debug_exit", "summary", "text_mode", "upload", "timezone", "kms", "kms_timeout",
	"language",
};

/* Put one key back to its default (a bad value never leaves a half-applied setting). */
static void reset_key(struct fw_config *c, enum key k)
{
	struct fw_config d;
	fw_config_defaults(&d);
	switch (k) {
	case K_ACTION: c->action = d.action; break;
	case K_TIMEOUT: c->timeout = d.timeout; break;
	case K_REPORT: c->report = d.report; break;
	case K_REPORT_DIR: ss_memcopy(c->report_dir, d.report_dir, sizeof(c->report_dir)); break;
	case K_POLICY: c->policy_mode = d.policy_mode; c->policy[0] = '\0'; break;
	case K_TARGET: c->target_set = false; c->target = d.target; break;
	case K_SHOW_KEY: c->show_key = d.show_key; break;
	case K_QUIET: c->quiet = d.quiet; break;
	case K_DEBUG_EXIT: c->debug_exit = d.debug_exit; break;
	case K_SUMMARY: ss_memcopy(c->summary, d.summary, sizeof(c->summary)); break;
	case K_TEXT_MODE: c->text_80x25 = d.text_80x25; break;
	case K_UPLOAD: c->upload_set = false; c->upload = d.upload; break;
	case K_TIMEZONE: c->tz_set = false; c->tz_minutes = 0; break;
	case K_KMS: c->nkms = 0; break;
	case K_KMS_TIMEOUT: c->kms_timeout = d.kms_timeout; break;
	case K_LANGUAGE: c->lang = d.lang; break;
	case K_COUNT: break;
	}
}

/* "+HH:MM" or "-HH:MM" (zones -12:00..+14:00, minutes 00/15/30/45); also "UTC" = +00:00. */
static int parse_tz(const char *v, size_t n, int *out)
{
	if (word_is(v, n, "utc")) {
		*out = 0;
		return 0;
	}
	if (n != 6 || (v[0] != '+' && v[0] != '-') || v[3] != ':')
		return -1;
	for (size_t i = 1; i < 6; i++)
		if (i != 3 && (v[i] < '0' || v[i] > '9'))
			return -1;
	int h = (v[1] - '0') * 10 + (v[2] - '0'), m = (v[4] - '0') * 10 + (v[5] - '0');
	int t = (h * 60 + m) * (v[0] == '-' ? -1 : 1);
	if (m % 15 != 0 || t < -720 || t > 840)
		return -1;
	*out = t;
	return 0;
}

/* "a.b.c.d[:port], ..." appended to c's list (all or nothing). */
static const char *parse_kms(struct fw_config *c, const char *v, size_t n)
{
	size_t count = c->nkms, i = 0;
	uint8_t ip[FW_KMS_MAX][4];
	uint16_t port[FW_KMS_MAX];
	while (i <= n) {
		size_t s = i;
		while (i < n && v[i] != ',')
			i++;
		size_t e = i;
		while (s < e && is_blank(v[s]))
			s++;
		while (e > s && is_blank(v[e - 1]))
			e--;
		size_t colon = s;
		while (colon < e && v[colon] != ':')
			colon++;
		if (count >= FW_KMS_MAX)
			return "more than 4 KMS hosts";
		size_t k = count - c->nkms;
		if (fw_ipv4_parse(v + s, colon - s, ip[k]) != 0)
			return "not an IPv4 address (a.b.c.d[:port]); host names are not supported";
		port[k] = FW_KMS_PORT_DEFAULT;
		if (colon < e) {
			unsigned p = 0;
			for (size_t j = colon + 1; j < e; j++) {
				if (v[j] < '0' || v[j] > '9' || e - colon - 1 > 5)
					return "port is not a number from 1 to 65535";
				p = p * 10 + (unsigned)(v[j] - '0');
			}
			if (p < 1 || p > 65535)
				return "port is not a number from 1 to 65535";
			port[k] = (uint16_t)p;
		}
		count++;
		i++;
	}
	for (size_t k = 0; c->nkms + k < count; k++) {
		ss_memcopy(c->kms_ip[c->nkms + k], ip[k], 4);
		c->kms_port[c->nkms + k] = port[k];
	}
	c->nkms = count;
	return NULL;
}

/* Returns NULL on success, else the reason the value was refused. */
static const char *apply(struct fw_config *c, enum key k, const char *v, size_t n)
{
	const char *why = NULL;
	bool b;
	enum ss_target t;
	switch (k) {
	case K_ACTION:
		if (word_is(v, n, "wait"))
			c->action = FW_ACTION_WAIT;
		else if (word_is(v, n, "poweroff"))
			c->action = FW_ACTION_POWEROFF;
		else if (word_is(v, n, "reboot"))
			c->action = FW_ACTION_REBOOT;
		else if (word_is(v, n, "exit"))
			c->action = FW_ACTION_EXIT;
		else
			return "not one of wait, poweroff, reboot, exit";
		return NULL;
	case K_TIMEOUT:
		if (parse_timeout(v, n, &c->timeout) != 0)
			return "not a whole number of seconds from 1 to 3600";
		return NULL;
	case K_REPORT:
	case K_SHOW_KEY:
	case K_QUIET:
	case K_DEBUG_EXIT:
		if (parse_bool(v, n, &b) != 0)
			return "not yes or no";
		if (k == K_REPORT)
			c->report = b;
		else if (k == K_SHOW_KEY)
			c->show_key = b;
		else if (k == K_QUIET)
			c->quiet = b;
		else
			c->debug_exit = b;
		return NULL;
	case K_REPORT_DIR:
		if (fw_path_normalise(v, n, c->report_dir, sizeof(c->report_dir), true, &why))
			return why;
		return NULL;
	case K_POLICY:
		if (word_is(v, n, "none")) {
			c->policy_mode = FW_POLICY_NONE;
			return NULL;
		}
		if (fw_path_normalise(v, n, c->policy, sizeof(c->policy), false, &why))
			return why;
		c->policy_mode = FW_POLICY_PATH;
		return NULL;
	case K_SUMMARY:
		if (word_is(v, n, "none")) {
			c->summary[0] = '\0';
			return NULL;
		}
		if (fw_path_normalise(v, n, c->summary, sizeof(c->summary), false, &why))
			return why;
		return NULL;
	case K_TEXT_MODE:
		if (word_is(v, n, "80x25"))
			c->text_80x25 = true;
		else if (word_is(v, n, "auto"))
			c->text_80x25 = false;
		else
			return "not 80x25 or auto";
		return NULL;
	case K_LANGUAGE:
		if (ss_lang_parse(v, n, &c->lang) != 0)
			return "not a known language (en or zh-TW)";
		return NULL;
	case K_TARGET:
		if (ss_target_parse(v, n, &t) != 0)
			return "not a known target (windows7 or windows8)";
		c->target = t;
		c->target_set = true;
		return NULL;
	case K_UPLOAD:
		if (word_is(v, n, "none")) {
			c->upload_set = false;
			return NULL;
		}
		if (fw_url_parse(v, n, &c->upload, &why) != 0)
			return why;
		c->upload_set = true;
		return NULL;
	case K_TIMEZONE:
		if (parse_tz(v, n, &c->tz_minutes) != 0)
			return "not a zone like +08:00 or -05:00 (-12:00 to +14:00)";
		c->tz_set = true;
		return NULL;
	case K_KMS:
		return parse_kms(c, v, n);
	case K_KMS_TIMEOUT: {
		unsigned secs;
		if (parse_timeout(v, n, &secs) != 0 || secs > FW_KMS_TIMEOUT_MAX)
			return "not a whole number of seconds from 1 to 60";
		c->kms_timeout = secs;
		return NULL;
	}
	case K_COUNT:
		break;
	}
	return "internal error";
}

/* One line without its line end; len <= FW_CFG_LINE_MAX. seen: keys met on earlier lines. */
static void parse_line(struct fw_config *c, unsigned line, const char *s, size_t len,
		       bool seen[K_COUNT])
{
	char ex[48];
	size_t i = 0;

	for (size_t j = 0; j < len; j++) {
		unsigned char ch = (unsigned char)s[j];
		if ((ch < 0x20 && ch != '\t') || ch == 0x7F) {
			add_msg(c, line, "binary data (byte 0x%02x), line ignored", ch);
			return;
		}
	}
	while (i < len && is_blank(s[i]))
		i++;
	if (i == len || s[i] == '#')
		return;
	/* A '#' after a blank ends the line; '#' inside a word (a path) does not. */
	for (size_t j = i + 1; j < len; j++)
		if (s[j] == '#' && is_blank(s[j - 1])) {
			len = j;
			break;
		}
	while (len > i && is_blank(s[len - 1]))
		len--;

	size_t eq = i;
	while (eq < len && s[eq] != '=')
		eq++;
	if (eq == len) {
		excerpt(ex, sizeof(ex), s + i, len - i);
		add_msg(c, line, "expected \"key = value\", found \"%s\"", ex);
		return;
	}
	size_t kend = eq;
	while (kend > i && is_blank(s[kend - 1]))
		kend--;
	size_t v = eq + 1;
	while (v < len && is_blank(s[v]))
		v++;
	size_t vlen = len - v;
	if (vlen >= 2 && s[v] == '"' && s[v + vlen - 1] == '"')
		v++, vlen -= 2;

	enum key k = K_COUNT;
	for (int j = 0; j < K_COUNT; j++)
		if (word_is(s + i, kend - i, key_names[j]))
			k = (enum key)j;
	if (k == K_COUNT) {
		excerpt(ex, sizeof(ex), s + i, kend - i);
		add_msg(c, line, "unknown key \"%s\", line ignored", ex);
		return;
	}
	if (seen[k] && k != K_KMS)
		add_msg(c, line, "%s given again; this line replaces the earlier one",
			key_names[k]);
	seen[k] = true;
	for (size_t j = v; j < v + vlen; j++)
		if ((unsigned char)s[j] >= 0x80) {
			reset_key(c, k);
			add_msg(c, line, "%s: non-ASCII characters, default used", key_names[k]);
			return;
		}
	if (vlen == 0) {
		reset_key(c, k);
		add_msg(c, line, "%s has no value, default used", key_names[k]);
		return;
	}
	const char *why = apply(c, k, s + v, vlen);
	if (why != NULL) {
		reset_key(c, k);
		excerpt(ex, sizeof(ex), s + v, vlen);
		char what[SS_MSG_LEN];
		ss_fmt(what, sizeof(what), "%s = \"%s\"", key_names[k], ex);
		add_msg(c, line, "%s: %s, default used", what, why);
	}
}

void fw_config_parse_from(struct fw_config *c, const uint8_t *data, size_t len, const char *unit)
{
	const char *was = c->unit;
	c->unit = unit;
	fw_config_parse(c, data, len);
	c->unit = was;
}

void fw_config_parse(struct fw_config *c, const uint8_t *data, size_t len)
{
	struct ss_text_iter it;
	char buf[FW_CFG_LINE_MAX];
	size_t n = 0;
	bool too_long = false, prev_cr = false;
	bool seen[K_COUNT] = { false };
	unsigned line = 1;
	int ch;

	ss_text_begin(&it, data, len);
	for (;;) {
		ch = ss_text_next(&it);
		if (ch == '\n' && prev_cr) { /* the LF of a CRLF: the line already ended */
			prev_cr = false;
			continue;
		}
		prev_cr = ch == '\r';
		if (ch == '\n' || ch == '\r' || ch < 0) {
			if (too_long)
				add_msg(c, line, "line longer than %u characters, ignored", FW_CFG_LINE_MAX);
			else
				parse_line(c, line, buf, n, seen);
			if (ch < 0)
				break;
			n = 0;
			too_long = false;
			if (line < 0xFFFFFFFFu)
				line++;
			continue;
		}
		if (n < sizeof(buf))
			buf[n++] = (char)ch;
		else
			too_long = true;
	}
}

const char *fw_config_policy_path(const struct fw_config *c, bool *must_exist)
{
	*must_exist = true;
	if (c->policy_mode == FW_POLICY_PATH)
		return c->policy;
	if (c->policy_mode == FW_POLICY_DEFAULT) {
		*must_exist = false;
		return FW_POLICY_DEFAULT_PATH;
	}
	return NULL;
}

int fw_policy_load(struct ss_policy *p, const char *path, const uint8_t *data, size_t len,
		   char *err, size_t cap)
{
	char why[SS_MSG_LEN];
	if (ss_policy_parse(p, (const char *)data, len, why, sizeof(why)) == 0)
		return 0;
	ss_fmt(err, cap, "policy file %.60s: %s", path, why);
	ss_policy_init(p);
	return -1;
}
