/* SPDX-License-Identifier: MIT */
/* URL, HTTP response head and IMF-fixdate parsing; the contract is in http.h. */
#include "http.h"

#include "bytes.h"
#include "slicscan.h"

static char lc(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Case-insensitive: does s[0..n) start with the lower-case word w? */
static bool starts(const char *s, size_t n, const char *w)
{
	size_t i = 0;
	for (; w[i]; i++)
		if (i >= n || lc(s[i]) != w[i])
			return false;
	return true;
}

int fw_ipv4_parse(const char *s, size_t n, uint8_t ip[4])
{
	size_t i = 0;
	for (int part = 0; part < 4; part++) {
		unsigned v = 0, digits = 0;
		while (i < n && is_digit(s[i]) && digits < 4) {
			v = v * 10 + (unsigned)(s[i++] - '0');
			digits++;
		}
		if (digits == 0 || digits > 3 || v > 255)
			return -1;
		ip[part] = (uint8_t)v;
		if (part < 3) {
			if (i >= n || s[i] != '.')
				return -1;
			i++;
		}
	}
	return i == n ? 0 : -1;
}

int fw_url_parse(const char *s, size_t n, struct fw_url *u, const char **why)
{
	const char *dummy;
	if (why == NULL)
		why = &dummy;
	ss_memfill(u, 0, sizeof(*u));
	u->port = 80;
	if (starts(s, n, "https://")) {
		*why = "https is not supported (the report goes by plain http)";
		return -1;
	}
	if (!starts(s, n, "http://")) {
		*why = "not an http:// URL";
		return -1;
	}
	size_t i = 7, h = i;
	while (i < n && s[i] != '/' && s[i] != ':') {
		char c = lc(s[i]);
		if (!((c >= 'a' && c <= 'z') || is_digit(c) || c == '-' || c == '.')) {
			*why = c == '@' ? "user names in the URL are not supported"
					: "character not allowed in a host name";
			return -1;
		}
		if (i - h + 1 >= sizeof(u->host)) {
			*why = "host name too long";
			return -1;
		}
		u->host[i - h] = c;
		i++;
	}
	if (i == h) {
		*why = "no host in the URL";
		return -1;
	}
	u->is_ip = fw_ipv4_parse(s + h, i - h, u->ip) == 0;
	bool numeric = true;
	for (size_t j = h; j < i; j++)
		numeric &= is_digit(s[j]) || s[j] == '.';
	if (!u->is_ip && numeric) {
		*why = "not a valid IPv4 address";
		return -1;
	}
	if (i < n && s[i] == ':') {
		unsigned p = 0, digits = 0;
		i++;
		while (i < n && is_digit(s[i]) && digits < 6) {
			p = p * 10 + (unsigned)(s[i++] - '0');
			digits++;
		}
		if (digits == 0 || digits > 5 || p == 0 || p > 65535 || (i < n && s[i] != '/')) {
			*why = "port is not a number from 1 to 65535";
			return -1;
		}
		u->port = (uint16_t)p;
	}
	size_t o = 0;
	u->path[o++] = '/';
	if (i < n)
		i++; /* the '/' after the host */
	size_t seg = i;
	for (; i <= n; i++) {
		char c = i < n ? s[i] : '/';
		if (c == '/') {
			size_t len = i - seg;
			if (len == 2 && s[seg] == '.' && s[seg + 1] == '.') {
				*why = "\"..\" is not allowed in the URL path";
				return -1;
			}
			if (len == 0 || (len == 1 && s[seg] == '.')) {
				seg = i + 1;
				continue;
			}
			if (len + 1 >= sizeof(u->path) - o) {
				*why = "URL path too long";
				return -1;
			}
			ss_memcopy(u->path + o, s + seg, len);
			o += len;
			u->path[o++] = '/';
			seg = i + 1;
			continue;
		}
		char l = lc(c);
		if (c == '?' || c == '#') {
			*why = "queries and fragments are not allowed in the upload URL";
			return -1;
		}
		if (!((l >= 'a' && l <= 'z') || is_digit(c) || c == '-' || c == '.' || c == '_' ||
		      c == '~' || c == '%')) {
			*why = "character not allowed in the URL path";
			return -1;
		}
	}
	u->path[o] = '\0';
	return 0;
}

int64_t fw_epoch_seconds(unsigned year, unsigned month, unsigned day, unsigned hour,
			 unsigned minute, unsigned second)
{
	/* days from civil (H. Hinnant's algorithm), era-based, exact for the proleptic calendar */
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (int64_t)(month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + (int64_t)day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = era * 146097 + doe - 719468;
	return days * 86400 + (int64_t)hour * 3600 + (int64_t)minute * 60 + (int64_t)second;
}

static int num(const char *s, size_t at, size_t digits, unsigned *out)
{
	unsigned v = 0;
	for (size_t i = 0; i < digits; i++) {
		if (!is_digit(s[at + i]))
			return -1;
		v = v * 10 + (unsigned)(s[at + i] - '0');
	}
	*out = v;
	return 0;
}

int fw_http_date_parse(const char *s, size_t n, int64_t *out)
{
	static const char days[] = "sunmontuewedthufrisat";
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	/* "Sun, 06 Nov 1994 08:49:37 GMT" is 29 bytes */
	if (n != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' ||
	    s[16] != ' ' || s[19] != ':' || s[22] != ':' || s[25] != ' ' || !starts(s + 26, 3, "gmt"))
		return -1;
	bool day_ok = false;
	for (int i = 0; i < 7; i++)
		day_ok |= starts(s, 3, (const char[]){ days[3 * i], days[3 * i + 1], days[3 * i + 2], 0 });
	unsigned mon = 0;
	for (unsigned i = 0; i < 12; i++)
		if (starts(s + 8, 3, (const char[]){ months[3 * i], months[3 * i + 1], months[3 * i + 2], 0 }))
			mon = i + 1;
	unsigned d, y, hh, mm, ss;
	if (!day_ok || mon == 0 || num(s, 5, 2, &d) || num(s, 12, 4, &y) || num(s, 17, 2, &hh) ||
	    num(s, 20, 2, &mm) || num(s, 23, 2, &ss))
		return -1;
	static const unsigned char mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1970 || d < 1 || d > mdays[mon - 1] || (mon == 2 && d == 29 && !leap) || hh > 23 ||
	    mm > 59 || ss > 60)
		return -1;
	*out = fw_epoch_seconds(y, mon, d, hh, mm, ss > 59 ? 59 : ss);
	return 0;
}

int fw_http_parse_head(const uint8_t *buf, size_t len, struct fw_http_head *h, const char **why)
{
	const char *s = (const char *)buf;
	const char *dummy;
	if (why == NULL)
		why = &dummy;
	ss_memfill(h, 0, sizeof(*h));
	/* find the end of the head first: nothing is judged on half a line */
	size_t end = 0;
	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] == '\n' && s[i + 1] == '\n') {
			end = i + 2;
			break;
		}
		if (i + 3 < len && s[i] == '\r' && s[i + 1] == '\n' && s[i + 2] == '\r' && s[i + 3] == '\n') {
			end = i + 4;
			break;
		}
	}
	static const char proto[] = "http/1.";
	bool proto_ok = true;
	for (size_t i = 0; i < len && i < 7; i++)
		proto_ok &= lc(s[i]) == proto[i];
	if (!proto_ok) {
		*why = "the answer is not HTTP/1.x";
		return -1;
	}
	if (end == 0)
		return 0;
	if (end < 12 || !is_digit(s[7]) || s[8] != ' ' || num(s, 9, 3, &h->status) ||
	    (s[12] != ' ' && s[12] != '\r' && s[12] != '\n') || h->status < 100 || h->status > 599) {
		*why = "malformed HTTP status line";
		return -1;
	}
	h->head_len = end;
	/* header lines: "Name: value" */
	size_t i = 0;
	while (i < end && s[i] != '\n')
		i++;
	i++;
	while (i < end) {
		size_t ls = i;
		while (i < end && s[i] != '\n')
			i++;
		size_t le = i;
		i++;
		if (le > ls && s[le - 1] == '\r')
			le--;
		if (le == ls)
			break;
		if (le - ls > 5 && starts(s + ls, le - ls, "date:")) {
			size_t v = ls + 5;
			while (v < le && (s[v] == ' ' || s[v] == '\t'))
				v++;
			size_t ve = le;
			while (ve > v && (s[ve - 1] == ' ' || s[ve - 1] == '\t'))
				ve--;
			int64_t t;
			if (fw_http_date_parse(s + v, ve - v, &t) == 0) {
				h->has_date = true;
				h->date = t;
			}
		}
	}
	return 1;
}
