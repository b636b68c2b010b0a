/* SPDX-License-Identifier: MIT */
/* The message catalogue (acpi/messages.def) and the zh-TW finding sentences
 * (acpi/findings_zh.def) as data, and the choice of language. */
#include "slicscan.h"
#include "bytes.h"

static const char *const msg_en[SS_M_COUNT] = {
#define SS_MSG(sym, en, zh) [SS_M_##sym] = en,
#include "messages.def"
#undef SS_MSG
};
static const char *const msg_zh[SS_M_COUNT] = {
#define SS_MSG(sym, en, zh) [SS_M_##sym] = zh,
#include "messages.def"
#undef SS_MSG
};

/* Indexed by finding: a finding missing from findings_zh.def leaves NULLs here, which
 * tests/unit/test_lang.c reports. */
static const struct { const char *text, *act; } finding_zh[SS_F_COUNT] = {
#define SS_FINDING_ZH(sym, text, act) [SS_F_##sym] = { text, act },
#include "findings_zh.def"
#undef SS_FINDING_ZH
};

const char *ss_msg(enum ss_lang lang, enum ss_msg_id id)
{
	if ((unsigned)id >= SS_M_COUNT)
		return "";
	return lang == SS_LANG_ZH_TW && msg_zh[id] ? msg_zh[id] : msg_en[id];
}

const char *ss_tr(enum ss_lang lang, const char *en)
{
	if (lang == SS_LANG_EN || !en)
		return en;
	for (unsigned i = 0; i < SS_M_COUNT; i++)
		if (msg_en[i] == en)
			return msg_zh[i];
	for (unsigned f = 0; f < SS_F_COUNT; f++)
		if (ss_finding_info((enum ss_finding_id)f)->act == en && finding_zh[f].act)
			return finding_zh[f].act;
	return en;
}

const char *ss_finding_text(enum ss_lang lang, enum ss_finding_id f)
{
	const struct ss_finding_info *fi = ss_finding_info(f);
	if (!fi)
		return 0;
	return lang == SS_LANG_ZH_TW && finding_zh[f].text ? finding_zh[f].text : fi->doc;
}

const char *ss_finding_act(enum ss_lang lang, enum ss_finding_id f)
{
	const struct ss_finding_info *fi = ss_finding_info(f);
	if (!fi || !fi->act)
		return 0;
	return lang == SS_LANG_ZH_TW && finding_zh[f].act ? finding_zh[f].act : fi->act;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* s[0..n) starts with "zh_tw" or "zh-tw", any case. */
static int is_zh_tw(const char *s, size_t n)
{
	static const char want[] = "zh_tw";
	if (n < 5)
		return 0;
	for (size_t i = 0; i < 5; i++) {
		int c = lower((unsigned char)s[i]);
		if (c != want[i] && !(i == 2 && c == '-'))
			return 0;
	}
	return 1;
}

int ss_lang_parse(const char *s, size_t n, enum ss_lang *out)
{
	if (n == 2 && lower((unsigned char)s[0]) == 'e' && lower((unsigned char)s[1]) == 'n') {
		*out = SS_LANG_EN;
		return 0;
	}
	if (n == 5 && is_zh_tw(s, n)) {
		*out = SS_LANG_ZH_TW;
		return 0;
	}
	return -1;
}

enum ss_lang ss_lang_from_env(const char *lc_all, const char *lc_messages, const char *lang)
{
	const char *v = lc_all && *lc_all ? lc_all : lc_messages && *lc_messages ? lc_messages : lang;
	return v && is_zh_tw(v, ss_strlen(v)) ? SS_LANG_ZH_TW : SS_LANG_EN;
}

const char *ss_lang_str(enum ss_lang lang)
{
	return lang == SS_LANG_ZH_TW ? "zh-TW" : "en";
}

size_t ss_fmt_msg(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t n = ss_vfmt(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}
