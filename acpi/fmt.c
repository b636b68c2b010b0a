/* SPDX-License-Identifier: MIT */
/* A small vsnprintf for the freestanding core: enough for messages, reports and JSON. */
#include "slicscan.h"
#include "bytes.h"
#include "internal.h"

struct out {
	char *buf;
	size_t cap, n;
};

static void put(struct out *o, char c)
{
	if (o->n + 1 < o->cap)
		o->buf[o->n] = c;
	o->n++;
}

static void put_padded(struct out *o, const char *s, size_t len, unsigned width, int left, char pad)
{
	size_t fill = width > len ? width - len : 0;
	if (!left)
		while (fill--)
			put(o, pad);
	for (size_t i = 0; i < len; i++)
		put(o, s[i]);
	if (left)
		while (fill--)
			put(o, ' ');
}

static void put_num(struct out *o, unsigned long long v, unsigned base, int upper, int neg,
		    unsigned width, int left, char pad)
{
	char tmp[24];
	size_t n = 0;
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	do {
		tmp[sizeof(tmp) - 1 - n++] = digits[v % base];
		v /= base;
	} while (v);
	if (neg) {
		if (pad == '0') {
			put(o, '-');
			if (width)
				width--;
		} else {
			tmp[sizeof(tmp) - 1 - n++] = '-';
		}
	}
	put_padded(o, tmp + sizeof(tmp) - n, n, width, left, pad);
}

size_t ss_vfmt(char *buf, size_t cap, const char *fmt, va_list ap)
{
	struct out o = { buf, cap, 0 };
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			put(&o, *p);
			continue;
		}
		p++;
		int left = 0;
		char pad = ' ';
		for (;; p++) {
			if (*p == '-')
				left = 1;
			else if (*p == '0')
				pad = '0';
			else
				break;
		}
		unsigned width = 0;
		while (*p >= '0' && *p <= '9')
			width = width * 10 + (unsigned)(*p++ - '0');
		int prec = -1;
		if (*p == '.') {
			p++;
			if (*p == '*') {
				prec = va_arg(ap, int);
				p++;
			} else {
				prec = 0;
				while (*p >= '0' && *p <= '9')
					prec = prec * 10 + (*p++ - '0');
			}
		}
		int lng = 0, size = 0;
		while (*p == 'l') {
			lng++;
			p++;
		}
		if (*p == 'z') {
			size = 1;
			p++;
		}
		if (left)
			pad = ' ';
		switch (*p) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			size_t len = 0;
			while ((prec < 0 || len < (size_t)prec) && s[len])
				len++;
			put_padded(&o, s, len, width, left, ' ');
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			put_padded(&o, &c, 1, width, left, ' ');
			break;
		}
		case 'd': {
			long long v = size ? (long long)va_arg(ap, ptrdiff_t)
				      : lng >= 2 ? va_arg(ap, long long)
				      : lng ? va_arg(ap, long) : va_arg(ap, int);
			unsigned long long m = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
			put_num(&o, m, 10, 0, v < 0, width, left, pad);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			unsigned long long v = size ? va_arg(ap, size_t)
					       : lng >= 2 ? va_arg(ap, unsigned long long)
					       : lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			put_num(&o, v, *p == 'u' ? 10 : 16, *p == 'X', 0, width, left, pad);
			break;
		}
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_num(&o, (unsigned long long)(uintptr_t)va_arg(ap, void *), 16, 0, 0, width, left, pad);
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			p--; /* a lone '%' at the end: print nothing more */
			break;
		default:
			put(&o, '%');
			put(&o, *p);
			break;
		}
	}
	if (cap)
		buf[o.n < cap ? o.n : cap - 1] = '\0';
	return o.n;
}

size_t ss_fmt(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t n = ss_vfmt(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}

void ss_vout(struct ss_sink *s, const char *fmt, va_list ap)
{
	char buf[768];
	size_t n = ss_vfmt(buf, sizeof(buf), fmt, ap);
	s->w(s->ctx, buf, n < sizeof(buf) ? n : sizeof(buf) - 1);
}

void ss_out(struct ss_sink *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ss_vout(s, fmt, ap);
	va_end(ap);
}
