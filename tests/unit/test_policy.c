/* SPDX-License-Identifier: MIT */
/* Unit tests of the policy file (acpi/policy.c, docs/POLICY.md): every directive, every error
 * with its line number, and what fail-on / warn-on / ignore / require-oem-license do to the
 * verdict (and do not do to the Windows 7 prediction). Texts are handed over as exact-size
 * heap copies without a NUL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"

static char err[256];

/* Parse text (len bytes) into p on top of what p holds; exact-size heap copy. */
static int parse_n(struct ss_policy *p, const char *text, size_t len)
{
	char *copy = fx_malloc(len);
	memcpy(copy, text, len);
	memset(err, 0x5a, sizeof(err));
	int rc = ss_policy_parse(p, copy, len, err, sizeof(err));
	fx_free(copy);
	assert_non_null(memchr(err, '\0', sizeof(err)));
	if (rc == 0)
		assert_string_equal(err, "");
	return rc;
}

static int parse(struct ss_policy *p, const char *text)
{
	return parse_n(p, text, strlen(text));
}

/* The text must be refused with exactly this message. */
static void assert_refused(const char *text, const char *msg)
{
	struct ss_policy p;
	ss_policy_init(&p);
	if (parse(&p, text) != -1)
		fail_msg("accepted: %s", text);
	if (strcmp(err, msg)) {
		fail_msg("for \"%s\":\n got \"%s\"\nwant \"%s\"", text, err, msg);
	}
}

/* The text must be refused with a message starting with this prefix. */
static void assert_refused_prefix(const char *text, size_t len, const char *prefix)
{
	struct ss_policy p;
	ss_policy_init(&p);
	if (parse_n(&p, text, len) != -1)
		fail_msg("accepted: %.*s", (int)len, text);
	if (strncmp(err, prefix, strlen(prefix)))
		fail_msg("got \"%s\", want \"%s...\"", err, prefix);
}

/* ---- defaults and directives ----------------------------------------------------------------- */

static void test_defaults(void **state)
{
	(void)state;
	struct ss_policy p;
	memset(&p, 0x77, sizeof(p));
	ss_policy_init(&p);
	assert_int_equal(p.target, SS_TARGET_WIN7);
	assert_int_equal(p.nversions, 8);
	for (size_t i = 0; i < 8; i++)
		assert_int_equal(p.versions[i], 0x00020000 + i);
	assert_int_equal(p.nkeys, 0);
	for (size_t i = 0; i < SS_F_COUNT; i++)
		assert_int_equal(p.override[i], -1);
	assert_false(p.show_key);
	/* an empty file, comments and blank lines change nothing */
	struct ss_policy q;
	ss_policy_init(&q);
	assert_int_equal(parse(&q, ""), 0);
	assert_int_equal(parse(&q, "# nothing\n\n   \t\n# more\n"), 0);
	assert_memory_equal(&p, &q, sizeof(p));
}

static void test_target(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		enum ss_target t;
	} ok[] = {
		{ "target windows8", SS_TARGET_WIN8 }, { "target 10", SS_TARGET_WIN8 },
		{ "target 11", SS_TARGET_WIN8 },       { "target 8.1", SS_TARGET_WIN8 },
		{ "TARGET Windows10", SS_TARGET_WIN8 }, { "target windows7", SS_TARGET_WIN7 },
		{ "target 7", SS_TARGET_WIN7 },        { "target Vista", SS_TARGET_WIN7 },
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct ss_policy p;
		ss_policy_init(&p);
		p.target = ok[i].t == SS_TARGET_WIN7 ? SS_TARGET_WIN8 : SS_TARGET_WIN7;
		assert_int_equal(parse(&p, ok[i].text), 0);
		assert_int_equal(p.target, ok[i].t);
	}
	assert_refused("target xp", "line 1: target takes one of windows7, windows8");
	assert_refused("target", "line 1: target takes one of windows7, windows8");
	assert_refused("target windows7 windows8", "line 1: target takes one of windows7, windows8");

	/* ss_target_parse reads exactly len bytes */
	enum ss_target t;
	assert_int_equal(ss_target_parse("windows8xyz", 8, &t), 0);
	assert_int_equal(t, SS_TARGET_WIN8);
	assert_int_equal(ss_target_parse("windows", 7, &t), -1);
	assert_int_equal(ss_target_parse("", 0, &t), -1);
	assert_int_equal(ss_target_parse("7", 1, &t), 0);
	assert_int_equal(t, SS_TARGET_WIN7);
	assert_string_equal(ss_target_str(SS_TARGET_WIN7), "windows7");
	assert_string_equal(ss_target_str(SS_TARGET_WIN8), "windows8");
}

static void test_accept_versions(void **state)
{
	(void)state;
	struct ss_policy p;
	ss_policy_init(&p);
	assert_int_equal(parse(&p, "accept-versions 2.1 0x00020003 2.0\n"), 0);
	assert_int_equal(p.nversions, 3);
	assert_int_equal(p.versions[0], 0x00020001);
	assert_int_equal(p.versions[1], 0x00020003);
	assert_int_equal(p.versions[2], 0x00020000);
	/* a second line replaces the list */
	assert_int_equal(parse(&p, "accept-versions 0X20002"), 0);
	assert_int_equal(p.nversions, 1);
	assert_int_equal(p.versions[0], 0x00020002);
	/* 16 versions fit, 17 do not */
	assert_int_equal(parse(&p, "accept-versions 2.0 2.1 2.2 2.3 2.4 2.5 2.6 2.7 2.8 2.9 2.10 2.11 2.12 2.13 2.14 2.15"), 0);
	assert_int_equal(p.nversions, 16);
	assert_int_equal(p.versions[15], 0x0002000f);
	assert_refused("accept-versions 2.0 2.1 2.2 2.3 2.4 2.5 2.6 2.7 2.8 2.9 2.10 2.11 2.12 2.13 2.14 2.15 3.0",
		       "line 1: too many words");
	assert_refused("accept-versions", "line 1: accept-versions takes 1 to 16 versions like 2.1");

	static const char *const bad[] = { "2", "2.", ".1", "2.x", "2.1.1", "0x", "0x1234567890",
					   "0xGG", "99999.1", "2.99999", "-2.1", "v2.1" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[64], want[128];
		snprintf(text, sizeof(text), "# versions\n\naccept-versions 2.1 %s", bad[i]);
		snprintf(want, sizeof(want), "line 3: \"%s\" is not a version like 2.1 or 0x00020001", bad[i]);
		assert_refused(text, want);
	}
}

static void test_oem_key(void **state)
{
	(void)state;
	struct ss_policy p;
	ss_policy_init(&p);
	assert_int_equal(parse(&p, "oem-key CAMPUS 0123456789abcDEF Campus   test\tlab key # comment\n"), 0);
	assert_int_equal(p.nkeys, 1);
	assert_string_equal(p.keys[0].oem_id, "CAMPUS");
	static const uint8_t fp[8] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };
	assert_memory_equal(p.keys[0].fp, fp, 8);
	assert_string_equal(p.keys[0].vendor, "Campus test lab key");

	/* a quoted OEM ID keeps its spaces; a quoted vendor too */
	assert_int_equal(parse(&p, "oem-key \"DELL  \" 30ee02842de04c3b \"Dell  Inc\""), 0);
	assert_string_equal(p.keys[1].oem_id, "DELL  ");
	assert_string_equal(p.keys[1].vendor, "Dell  Inc");
	assert_int_equal(parse(&p, "oem-key \"A B\" 30ee02842de04c3b x"), 0);
	assert_string_equal(p.keys[2].oem_id, "A B");

	/* the vendor name fills the field (63 characters) but may not overflow it */
	assert_int_equal(parse(&p, "oem-key X 30ee02842de04c3b "
				   "aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee ffffffff"), 0);
	assert_int_equal(strlen(p.keys[3].vendor), 63);
	assert_int_equal(strlen(p.keys[3].vendor), sizeof(p.keys[3].vendor) - 1);
	assert_refused_prefix("oem-key X 30ee02842de04c3b "
			      "aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee fffffffff", 91,
			      "line 1: the vendor name is longer than 63 characters");
	assert_refused("oem-key CAMPUS 0123456789abcde Campus",
		       "line 1: the fingerprint must be 16 hex digits");
	assert_refused("oem-key CAMPUS 0123456789abcdef0 Campus",
		       "line 1: the fingerprint must be 16 hex digits");
	assert_refused("oem-key CAMPUS 0123456789abcdeg Campus",
		       "line 1: the fingerprint must be 16 hex digits");
	assert_refused("\n\noem-key CAMPUS 0x23456789abcdef Campus",
		       "line 3: the fingerprint must be 16 hex digits");
	assert_refused("oem-key CAMPUS 0123456789abcdef", "line 1: oem-key takes OEMID FINGERPRINT VENDOR");
	assert_refused("oem-key TOOLONG 0123456789abcdef V", "line 1: an OEM ID has at most 6 characters");

	/* 32 keys fit; the 33rd line is refused by number */
	struct fx_buf b = { 0 };
	for (int i = 0; i < 33; i++)
		fx_buf_printf(&b, "oem-key K%d %016x Vendor %d\n", i, i, i);
	ss_policy_init(&p);
	assert_int_equal(parse_n(&p, b.p, b.n), -1);
	assert_string_equal(err, "line 33: more than 32 oem-key lines");
	assert_int_equal(p.nkeys, 32); /* the lines before the error stay applied */
	assert_string_equal(p.keys[31].oem_id, "K31");
	free(b.p);
}

static void test_severity_directives(void **state)
{
	(void)state;
	struct ss_policy p;
	ss_policy_init(&p);
	assert_int_equal(parse(&p, "fail-on slic-key-unknown slic-ids-facp\n"
				   "warn-on slic-marker-version\n"
				   "ignore slic-ids-rsdp msdm-blank\n"), 0);
	assert_int_equal(p.override[SS_F_SLIC_KEY_UNKNOWN], SS_SEV_ERROR);
	assert_int_equal(p.override[SS_F_SLIC_IDS_FACP], SS_SEV_ERROR);
	assert_int_equal(p.override[SS_F_SLIC_MARKER_VERSION], SS_SEV_WARNING);
	assert_int_equal(p.override[SS_F_SLIC_IDS_RSDP], SS_SEV_INFO);
	assert_int_equal(p.override[SS_F_MSDM_BLANK], SS_SEV_INFO);
	assert_int_equal(p.override[SS_F_SLIC_SIGNATURE], -1);
	/* the last word wins */
	assert_int_equal(parse(&p, "ignore slic-key-unknown"), 0);
	assert_int_equal(p.override[SS_F_SLIC_KEY_UNKNOWN], SS_SEV_INFO);

	assert_refused("fail-on", "line 1: fail-on takes one or more finding ids");
	assert_refused("\n\nfail-on slic-no-such-thing",
		       "line 3: unknown finding id \"slic-no-such-thing\" (see slicscan --list-findings)");
	assert_refused("ignore SLIC-KEY-UNKNOWN",
		       "line 1: unknown finding id \"SLIC-KEY-UNKNOWN\" (see slicscan --list-findings)");

	/* every finding id of the catalogue is accepted, except fatal ones */
	for (unsigned i = 0; i < SS_F_COUNT; i++) {
		const struct ss_finding_info *fi = ss_finding_info((enum ss_finding_id)i);
		char text[128];
		snprintf(text, sizeof(text), "warn-on %s", fi->id);
		ss_policy_init(&p);
		int rc = parse(&p, text);
		if (fi->sev == SS_SEV_FATAL) {
			assert_int_equal(rc, -1);
			char want[160];
			snprintf(want, sizeof(want),
				 "line 1: \"%s\" means the input cannot be judged; it cannot be changed", fi->id);
			assert_string_equal(err, want);
			assert_int_equal(p.override[i], -1);
		} else {
			assert_int_equal(rc, 0);
			assert_int_equal(p.override[i], SS_SEV_WARNING);
		}
	}
}

static void test_require_oem_license_directive(void **state)
{
	(void)state;
	struct ss_policy p;
	ss_policy_init(&p);
	assert_int_equal(parse(&p, "require-oem-license yes"), 0);
	assert_int_equal(p.override[SS_F_OEM_LICENSE_NONE], SS_SEV_ERROR);
	assert_int_equal(parse(&p, "require-oem-license NO"), 0);
	assert_int_equal(p.override[SS_F_OEM_LICENSE_NONE], -1);
	assert_refused("require-oem-license", "line 1: require-oem-license takes yes or no");
	assert_refused("require-oem-license maybe", "line 1: require-oem-license takes yes or no");
}

/* ---- file format -------------------------------------------------------------------------- */

static void test_line_errors(void **state)
{
	(void)state;
	assert_refused("target windows7\n# comment\nfial-on slic-absent\n",
		       "line 3: unknown directive \"fial-on\"");
	/* CRLF files count lines the same */
	assert_refused("target windows7\r\n# comment\r\nfial-on slic-absent\r\n",
		       "line 3: unknown directive \"fial-on\"");
	/* no final newline */
	assert_refused("\n\n\n\nbogus", "line 5: unknown directive \"bogus\"");
	assert_refused("oem-key \"CAMPUS 0123456789abcdef x", "line 1: unterminated quote");
	assert_refused("a b c d e f g h i j k l m n o p q r", "line 1: too many words");

	/* an over-long line: 512 characters are fine, 513 not */
	char line[600];
	memset(line, ' ', sizeof(line));
	memcpy(line, "# ", 2);
	struct ss_policy p;
	ss_policy_init(&p);
	assert_int_equal(parse_n(&p, line, 512), 0);
	char text[700];
	int n = snprintf(text, sizeof(text), "target 7\n%.*s\n", 513, line);
	assert_refused_prefix(text, (size_t)n, "line 2: longer than 512 characters");
	/* a CR before the LF does not count */
	n = snprintf(text, sizeof(text), "%.*s\r\n", 512, line);
	assert_int_equal(parse_n(&p, text, (size_t)n), 0);

	/* binary bytes */
	static const char ctl[] = "target 7\nignore \x01 slic-absent\n";
	assert_refused_prefix(ctl, sizeof(ctl) - 1, "line 2: not text (byte 0x01)");
	assert_refused_prefix("target 7\0\n", 10, "line 1: not text (byte 0x00)");
	assert_refused_prefix("target 7\x7f", 9, "line 1: not text (byte 0x7f)");

	/* UTF-16 (either byte order) is refused as such */
	static const char utf16le[] = "\xff\xfet\0a\0r\0g\0e\0t\0 \0007\0";
	static const char utf16be[] = "\xfe\xff\0t\0a\0r\0g\0e\0t\0 \0007";
	assert_refused_prefix(utf16le, sizeof(utf16le) - 1, "line 1: the file is UTF-16");
	assert_refused_prefix(utf16be, sizeof(utf16be) - 1, "line 1: the file is UTF-16");

	/* a UTF-8 BOM is fine, and line 1 stays line 1 */
	ss_policy_init(&p);
	assert_int_equal(parse(&p, "\xef\xbb\xbftarget windows8\n"), 0);
	assert_int_equal(p.target, SS_TARGET_WIN8);
	assert_refused("\xef\xbb\xbf" "bogus", "line 1: unknown directive \"bogus\"");
	/* but UTF-8 text elsewhere is just an unknown word */
	assert_refused("ignore caf\xc3\xa9", "line 1: unknown finding id \"caf\xc3\xa9\" (see slicscan --list-findings)");
}

/* The lines before an error stay applied (the caller decides what to do). */
static void test_error_keeps_earlier_lines(void **state)
{
	(void)state;
	struct ss_policy p;
	ss_policy_init(&p);
	assert_int_equal(parse(&p, "target windows8\nignore slic-absent\nbogus\ntarget windows7\n"), -1);
	assert_string_equal(err, "line 3: unknown directive \"bogus\"");
	assert_int_equal(p.target, SS_TARGET_WIN8);
	assert_int_equal(p.override[SS_F_SLIC_ABSENT], SS_SEV_INFO);
}

/* Small and absent error buffers. */
static void test_error_buffer(void **state)
{
	(void)state;
	struct ss_policy p;
	ss_policy_init(&p);
	char small[8];
	memset(small, 'x', sizeof(small));
	assert_int_equal(ss_policy_parse(&p, "bogus", 5, small, sizeof(small)), -1);
	assert_string_equal(small, "line 1:");
	char one[1] = { 'x' };
	assert_int_equal(ss_policy_parse(&p, "bogus", 5, one, 1), -1);
	assert_int_equal(one[0], '\0');
	assert_int_equal(ss_policy_parse(&p, "bogus", 5, NULL, 0), -1);
	assert_int_equal(ss_policy_parse(&p, "ignore slic-absent", 18, NULL, 0), 0);
}

/* Random text: never a crash; an error always names its line. */
static void test_random_text(void **state)
{
	(void)state;
	static const char *const words[] = {
		"target", "windows8", "accept-versions", "2.1", "0x00020001", "oem-key", "\"", "#",
		"fail-on", "warn-on", "ignore", "slic-absent", "require-oem-license", "yes", " ", "\t",
		"\n", "\r\n", "0123456789abcdef", "\xff\xfe", "\x01", "x",
	};
	fx_srand(7);
	struct fx_buf b = { 0 };
	for (int it = 0; it < 3000; it++) {
		b.n = 0;
		size_t target = fx_rand_below(700);
		while (b.n < target) {
			if (fx_rand_below(8) == 0) {
				char c = (char)fx_rand();
				fx_buf_add(&b, &c, 1);
			} else {
				const char *w = words[fx_rand_below(sizeof(words) / sizeof(words[0]))];
				fx_buf_add(&b, w, strlen(w));
			}
		}
		struct ss_policy p;
		ss_policy_init(&p);
		if (parse_n(&p, b.p ? b.p : "", b.n) != 0)
			assert_int_equal(strncmp(err, "line ", 5), 0);
		assert_true(p.nkeys <= SS_POLICY_MAX_KEYS);
		assert_true(p.nversions >= 1 && p.nversions <= SS_POLICY_MAX_VERSIONS);
		for (size_t i = 0; i < SS_F_COUNT; i++)
			assert_true(p.override[i] >= -1 && p.override[i] <= SS_SEV_ERROR);
	}
	free(b.p);
}

/* ---- what the policy does to a judgement ----------------------------------------------------- */

static struct ss_result *judge_with(struct fx_run *run, const struct fx *f, const char *policy,
				    bool with_key)
{
	static struct ss_policy p;
	fx_policy(&p, with_key);
	if (parse(&p, policy) != 0)
		fail_msg("policy: %s", err);
	return fx_judge(run, f, &p);
}

/* require-oem-license yes: no SLIC and no MSDM is not ready for the campus (exit 1), while
 * Windows 7 KMS itself is fine: no error predicted. */
static void test_require_oem_license(void **state)
{
	(void)state;
	struct fx f;
	struct fx_run run;
	fx_init(&f);
	fx_drop(&f, FX_SLIC);
	fx_drop(&f, FX_MSDM);
	struct ss_result *r = judge_with(&run, &f, "", false);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	assert_finding(r, SS_F_OEM_LICENSE_NONE, SS_SEV_INFO);
	fx_run_free(&run);

	r = judge_with(&run, &f, "require-oem-license yes\n", false);
	assert_finding(r, SS_F_OEM_LICENSE_NONE, SS_SEV_ERROR);
	assert_verdict(r, SS_VERDICT_NOT_READY, SS_EXIT_NOT_READY);
	assert_int_equal(r->win7_kms, SS_KMS_READY);
	assert_string_equal(r->win7_reason, "no-slic");
	assert_null(r->predicted_error);
	assert_false(r->oem_license_evidence);
	char *banner = fx_render_banner(r);
	assert_non_null(strstr(banner, "The campus policy is not met"));
	assert_null(strstr(banner, "0xC004F035"));
	fx_free(banner);
	fx_run_free(&run);

	/* an MSDM key alone is evidence enough */
	fx_init(&f);
	fx_drop(&f, FX_SLIC);
	r = judge_with(&run, &f, "require-oem-license yes\n", false);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	assert_true(r->oem_license_evidence);
	fx_run_free(&run);

	/* and so is a valid marker alone */
	fx_init(&f);
	fx_drop(&f, FX_MSDM);
	r = judge_with(&run, &f, "require-oem-license yes\n", true);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	fx_run_free(&run);

	/* a SLIC without marker is no evidence: both the campus and Windows 7 fail */
	fx_init(&f);
	fx_drop(&f, FX_MSDM);
	f.t[FX_SLIC].len = FX_MK_OFF;
	fx_le32(f.t[FX_SLIC].b + 4, FX_MK_OFF);
	fx_fix(&f, FX_SLIC);
	r = judge_with(&run, &f, "require-oem-license yes\n", true);
	assert_finding(r, SS_F_OEM_LICENSE_NONE, SS_SEV_ERROR);
	assert_finding(r, SS_F_SLIC_NO_MARKER, SS_SEV_ERROR);
	assert_string_equal(r->predicted_error, "0xC004F035");
	fx_run_free(&run);
}

static void test_fail_warn_ignore_change_verdict(void **state)
{
	(void)state;
	struct fx f;
	struct fx_run run;
	fx_init(&f);

	/* the unknown test key: a warning by default (exit 2) */
	struct ss_result *r = judge_with(&run, &f, "fail-on slic-key-unknown", false);
	assert_finding(r, SS_F_SLIC_KEY_UNKNOWN, SS_SEV_ERROR);
	assert_verdict(r, SS_VERDICT_NOT_READY, SS_EXIT_NOT_READY);
	/* the prediction of what Windows 7 does is not the policy's to change */
	assert_int_equal(r->win7_kms, SS_KMS_READY);
	assert_string_equal(r->win7_reason, "valid-marker");
	assert_null(r->predicted_error);
	assert_int_equal(r->slic[0].oa20, SS_OA20_VALID);
	fx_run_free(&run);

	r = judge_with(&run, &f, "ignore slic-key-unknown", false);
	assert_finding(r, SS_F_SLIC_KEY_UNKNOWN, SS_SEV_INFO);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	fx_run_free(&run);

	/* FACP IDs of the chipset vendor: a fact; warn-on / fail-on move it */
	fx_set_ids(&f, FX_FACP, "INTEL ", "CALPELLA");
	r = judge_with(&run, &f, "", true);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	fx_run_free(&run);
	r = judge_with(&run, &f, "warn-on slic-ids-facp", true);
	assert_verdict(r, SS_VERDICT_READY_WITH_WARNINGS, SS_EXIT_WARNINGS);
	assert_int_equal(r->ntodo, 1); /* a finding raised by policy still says what to do */
	assert_non_null(strstr(r->todo[0], "warn-on"));
	fx_run_free(&run);
	r = judge_with(&run, &f, "fail-on slic-ids-facp", true);
	assert_finding(r, SS_F_SLIC_IDS_FACP, SS_SEV_ERROR);
	assert_verdict(r, SS_VERDICT_NOT_READY, SS_EXIT_NOT_READY);
	assert_int_equal(r->win7_kms, SS_KMS_READY);
	assert_null(r->predicted_error);
	/* the banner must say both: the policy refuses, Windows 7 itself would activate */
	assert_true(r->policy_differs);
	assert_non_null(strstr(r->todo[0], "fail-on"));
	fx_run_free(&run);

	/* an error made a warning: the verdict follows the policy, the prediction Windows */
	fx_init(&f);
	f.t[FX_SLIC].b[FX_MK_OFF + 54] ^= 0x80;
	fx_fix(&f, FX_SLIC);
	r = judge_with(&run, &f, "warn-on slic-signature-invalid", true);
	assert_finding(r, SS_F_SLIC_SIGNATURE, SS_SEV_WARNING);
	assert_verdict(r, SS_VERDICT_READY_WITH_WARNINGS, SS_EXIT_WARNINGS);
	assert_int_equal(r->win7_kms, SS_KMS_NOT_READY);
	assert_string_equal(r->win7_reason, "invalid-marker:signature");
	assert_string_equal(r->predicted_error, "0xC004F035");
	fx_run_free(&run);
	r = judge_with(&run, &f, "ignore slic-signature-invalid", true);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	assert_int_equal(r->win7_kms, SS_KMS_NOT_READY);
	fx_run_free(&run);

	/* an information made an error */
	fx_init(&f);
	r = judge_with(&run, &f, "fail-on msdm-key-ok", true);
	assert_verdict(r, SS_VERDICT_NOT_READY, SS_EXIT_NOT_READY);
	fx_run_free(&run);

	/* policy overrides apply under target windows8 too (after the target's demotion) */
	fx_init(&f);
	f.t[FX_SLIC].b[FX_MK_OFF + 54] ^= 0x80;
	fx_fix(&f, FX_SLIC);
	r = judge_with(&run, &f, "target windows8\n", true);
	assert_finding(r, SS_F_SLIC_SIGNATURE, SS_SEV_INFO);
	assert_verdict(r, SS_VERDICT_READY, SS_EXIT_READY);
	fx_run_free(&run);
	r = judge_with(&run, &f, "target windows8\nfail-on slic-signature-invalid\n", true);
	assert_finding(r, SS_F_SLIC_SIGNATURE, SS_SEV_ERROR);
	assert_verdict(r, SS_VERDICT_NOT_READY, SS_EXIT_NOT_READY);
	assert_null(r->predicted_error);
	fx_run_free(&run);
}

/* Fatal findings cannot be overridden, so an unusable input stays "cannot judge" whatever
 * the policy says. A policy struct forced by hand cannot lower them either? It can (the
 * field is public): the parser is the gate. */
static void test_fatal_cannot_be_overridden(void **state)
{
	(void)state;
	static const char *const ids[] = { "input-empty", "input-garbage", "input-too-large",
					   "input-truncated", "no-root-tables" };
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		for (int d = 0; d < 3; d++) {
			static const char *const dir[] = { "ignore", "warn-on", "fail-on" };
			char text[96], want[160];
			snprintf(text, sizeof(text), "target 7\n%s slic-absent %s\n", dir[d], ids[i]);
			snprintf(want, sizeof(want),
				 "line 2: \"%s\" means the input cannot be judged; it cannot be changed", ids[i]);
			assert_refused(text, want);
		}
	}
	/* and the judgement of an empty input stays exit 3 under a policy that ignores all it may */
	struct ss_policy p;
	ss_policy_init(&p);
	struct fx_buf b = { 0 };
	for (unsigned i = 0; i < SS_F_COUNT; i++)
		if (ss_finding_info((enum ss_finding_id)i)->sev != SS_SEV_FATAL)
			fx_buf_printf(&b, "ignore %s\n", ss_finding_info((enum ss_finding_id)i)->id);
	assert_int_equal(parse_n(&p, b.p, b.n), 0);
	free(b.p);
	struct fx_run run;
	fx_run_init(&run, 4096);
	ss_collect_acpidump(run.set, "", 0);
	ss_judge(run.set, &p, run.r);
	assert_verdict(run.r, SS_VERDICT_ERROR, SS_EXIT_CANNOT_JUDGE);
	fx_run_free(&run);
}

/* A key added under a quoted OEM ID with spaces matches a SLIC header "DELL  "; it would not
 * match another OEM ID. */
static void test_quoted_oem_id_matches(void **state)
{
	(void)state;
	struct fx f;
	struct fx_run run;
	fx_init(&f);
	uint8_t slic[FX_SLIC_LEN];
	fx_build_slic(slic, "SS TS ", FX_TAB, "good");
	memcpy(f.t[FX_SLIC].b, slic, sizeof(slic));
	struct ss_result *r = judge_with(&run, &f, "oem-key \"SS TS \" " FX_KEY_FP " Spaced Vendor\n", false);
	assert_finding(r, SS_F_SLIC_KEY_KNOWN, SS_SEV_INFO);
	assert_string_equal(r->slic[0].key_vendor, "Spaced Vendor");
	fx_run_free(&run);
	/* trailing spaces are ignored in the comparison ("SS TS" == "SS TS ") */
	r = judge_with(&run, &f, "oem-key \"SS TS\" " FX_KEY_FP " Spaced Vendor\n", false);
	assert_finding(r, SS_F_SLIC_KEY_KNOWN, SS_SEV_INFO);
	fx_run_free(&run);
	/* an inner space is not: "SSTS" is another OEM */
	r = judge_with(&run, &f, "oem-key SSTS " FX_KEY_FP " Other\n", false);
	assert_finding(r, SS_F_SLIC_KEY_OTHER_OEM, SS_SEV_WARNING);
	fx_run_free(&run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_target),
		cmocka_unit_test(test_accept_versions),
		cmocka_unit_test(test_oem_key),
		cmocka_unit_test(test_severity_directives),
		cmocka_unit_test(test_require_oem_license_directive),
		cmocka_unit_test(test_line_errors),
		cmocka_unit_test(test_error_keeps_earlier_lines),
		cmocka_unit_test(test_error_buffer),
		cmocka_unit_test(test_random_text),
		cmocka_unit_test(test_require_oem_license),
		cmocka_unit_test(test_fail_warn_ignore_change_verdict),
		cmocka_unit_test(test_fatal_cannot_be_overridden),
		cmocka_unit_test(test_quoted_oem_id_matches),
	};
	return cmocka_run_group_tests_name("policy", tests, NULL, fx_teardown_all);
}
