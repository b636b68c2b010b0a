/* SPDX-License-Identifier: MIT */
/* Unit tests of fw/config.c (slicscan.cfg) and printable.c (BOM handling):
 * a good file in every encoding, one named fault per line kind, and random junk. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "printable.h"
#include "text.h"

/* Parse text given as a C string through an exact-size heap copy (ASan sees overreads). */
static void parse(struct fw_config *c, const void *data, size_t len)
{
	uint8_t *h = malloc(len ? len : 1);
	memcpy(h, data, len);
	fw_config_defaults(c);
	fw_config_parse(c, h, len);
	free(h);
}

static void parse_str(struct fw_config *c, const char *s)
{
	parse(c, s, strlen(s));
}

static bool has_msg(const struct fw_config *c, const char *needle)
{
	for (size_t i = 0; i < c->nmsg; i++)
		if (strstr(c->msg[i], needle))
			return true;
	return false;
}

static const char good[] =
	"# slicscan.cfg\r\n"
	"action = poweroff\r\n"
	"  timeout=120   # two minutes\r\n"
	"REPORT = No\r\n"
	"report_dir = /Reports/Room 12/\r\n"
	"policy = \"\\campus\\policy.txt\"\r\n"
	"target = windows8\r\n"
	"show_key = yes\r\n"
	"quiet = on\r\n"
	"debug_exit = true\r\n"
	"summary = /Room 12/all.csv\r\n"
	"\r\n";

static void check_good(const struct fw_config *c)
{
	assert_int_equal(c->nmsg, 0);
	assert_int_equal(c->action, FW_ACTION_POWEROFF);
	assert_int_equal(c->timeout, 120);
	assert_false(c->report);
	assert_string_equal(c->report_dir, "\\Reports\\Room 12");
	assert_int_equal(c->policy_mode, FW_POLICY_PATH);
	assert_string_equal(c->policy, "\\campus\\policy.txt");
	assert_true(c->target_set);
	assert_int_equal(c->target, SS_TARGET_WIN8);
	assert_true(c->show_key);
	assert_true(c->quiet);
	assert_true(c->debug_exit);
	assert_string_equal(c->summary, "\\Room 12\\all.csv");
}

static void test_defaults(void **state)
{
	(void)state;
	struct fw_config c;
	parse(&c, "", 0);
	assert_int_equal(c.nmsg, 0);
	assert_int_equal(c.action, FW_ACTION_WAIT);
	assert_int_equal(c.timeout, 60);
	assert_true(c.report);
	assert_string_equal(c.report_dir, "\\slicscan\\reports");
	assert_int_equal(c.policy_mode, FW_POLICY_DEFAULT);
	assert_false(c.target_set);
	assert_false(c.show_key);
	assert_false(c.quiet);
	assert_false(c.debug_exit);
	assert_string_equal(c.summary, "\\slicscan\\summary.csv");
	fw_config_parse(&c, NULL, 0);
	assert_int_equal(c.nmsg, 0);
}

static void test_good_ascii(void **state)
{
	(void)state;
	struct fw_config c;
	parse_str(&c, good);
	check_good(&c);
}

/* The same file as Notepad saves it: UTF-16LE with BOM, and UTF-8 with BOM; also LF-only,
 * CR-only line ends and no final line end. */
static void test_encodings(void **state)
{
	(void)state;
	struct fw_config c;
	size_t n = strlen(good);
	uint8_t *u16 = malloc(2 + 2 * n);
	u16[0] = 0xFF, u16[1] = 0xFE;
	for (size_t i = 0; i < n; i++)
		u16[2 + 2 * i] = (uint8_t)good[i], u16[3 + 2 * i] = 0;
	parse(&c, u16, 2 + 2 * n);
	check_good(&c);
	/* big-endian too */
	u16[0] = 0xFE, u16[1] = 0xFF;
	for (size_t i = 0; i < n; i++)
		u16[2 + 2 * i] = 0, u16[3 + 2 * i] = (uint8_t)good[i];
	parse(&c, u16, 2 + 2 * n);
	check_good(&c);
	/* an odd trailing byte is dropped, not read past */
	parse(&c, u16, 1 + 2 * n);
	check_good(&c);
	free(u16);

	char *u8 = malloc(3 + n);
	memcpy(u8, "\xEF\xBB\xBF", 3);
	memcpy(u8 + 3, good, n);
	parse(&c, u8, 3 + n);
	check_good(&c);
	free(u8);

	char lf[sizeof(good)], cr[sizeof(good)];
	size_t a = 0, b = 0;
	for (size_t i = 0; i < n; i++) {
		if (good[i] != '\r')
			lf[a++] = good[i];
		if (good[i] != '\n')
			cr[b++] = good[i];
	}
	parse(&c, lf, a);
	check_good(&c);
	parse(&c, cr, b);
	check_good(&c);
	parse_str(&c, "action = reboot");
	assert_int_equal(c.action, FW_ACTION_REBOOT);
	assert_int_equal(c.nmsg, 0);
}

static void test_bad_values_keep_defaults(void **state)
{
	(void)state;
	struct fw_config c;
	parse_str(&c, "action = shutdown\n"          /* 1 */
		      "timeout = 0\n"                /* 2 */
		      "report = maybe\n"             /* 3 */
		      "report_dir = \\a\\..\\b\n"    /* 4 */
		      "policy = C:\\policy.txt\n"    /* 5 */
		      "target = windows95\n"         /* 6 */
		      "show_key = \n"                /* 7 */
		      "quiet = yes please\n");       /* 8 */
	assert_int_equal(c.nmsg, 8);
	assert_int_equal(c.dropped_msgs, 0);
	assert_true(has_msg(&c, "slicscan.cfg line 1: action = \"shutdown\": not one of wait"));
	assert_true(has_msg(&c, "slicscan.cfg line 2: timeout"));
	assert_true(has_msg(&c, "slicscan.cfg line 3: report = \"maybe\": not yes or no"));
	assert_true(has_msg(&c, "slicscan.cfg line 4: report_dir"));
	assert_true(has_msg(&c, "\"..\""));
	assert_true(has_msg(&c, "slicscan.cfg line 5: policy"));
	assert_true(has_msg(&c, "slicscan.cfg line 6: target"));
	assert_true(has_msg(&c, "slicscan.cfg line 7: show_key has no value"));
	assert_true(has_msg(&c, "slicscan.cfg line 8: quiet"));
	struct fw_config d;
	fw_config_defaults(&d);
	assert_int_equal(c.action, d.action);
	assert_int_equal(c.timeout, d.timeout);
	assert_int_equal(c.report, d.report);
	assert_string_equal(c.report_dir, d.report_dir);
	assert_int_equal(c.policy_mode, d.policy_mode);
	assert_false(c.target_set);
	assert_false(c.show_key);
	assert_false(c.quiet);
	assert_string_equal(c.summary, d.summary);
}

/* language = zh-TW selects the zh-TW screen and report; a bad value names its line and
 * leaves English (the default), even after a good line. */
static void test_language(void **state)
{
	(void)state;
	struct fw_config c;
	parse_str(&c, "language = zh-TW\n");
	assert_int_equal(c.nmsg, 0);
	assert_int_equal(c.lang, SS_LANG_ZH_TW);
	parse_str(&c, "Language = \"ZH_tw\"  # Notepad user\r\n");
	assert_int_equal(c.nmsg, 0);
	assert_int_equal(c.lang, SS_LANG_ZH_TW);
	parse_str(&c, "language = en\n");
	assert_int_equal(c.lang, SS_LANG_EN);
	parse_str(&c, "# x\nlanguage = zh-CN\n");
	assert_int_equal(c.nmsg, 1);
	assert_true(has_msg(&c, "slicscan.cfg line 2: language = \"zh-CN\": not a known language (en or zh-TW)"));
	assert_int_equal(c.lang, SS_LANG_EN);
	fw_config_defaults(&c);
	assert_int_equal(c.lang, SS_LANG_EN);
}

static void test_summary_none(void **state)
{
	(void)state;
	struct fw_config c;
	parse_str(&c, "summary = NONE\n");
	assert_int_equal(c.nmsg, 0);
	assert_string_equal(c.summary, "");
	parse_str(&c, "summary = \"\\reports\\..\\x.csv\"\n");
	assert_true(has_msg(&c, "line 1: summary"));
	assert_string_equal(c.summary, "\\slicscan\\summary.csv");
	parse_str(&c, "summary = none\nsummary = \\\n"); /* the root is no file name */
	assert_true(has_msg(&c, "line 2: summary"));
	assert_string_equal(c.summary, "\\slicscan\\summary.csv");
}

static void test_bad_value_resets_earlier_good(void **state)
{
	(void)state;
	struct fw_config c;
	parse_str(&c, "action = poweroff\naction = rebot\n");
	assert_int_equal(c.action, FW_ACTION_WAIT);
	assert_true(has_msg(&c, "line 2: action given again"));
	assert_true(has_msg(&c, "line 2: action = \"rebot\""));
}

/* docs/UEFI.md: a key given twice, the last line wins, with a message naming that line. */
static void test_key_twice_last_wins(void **state)
{
	(void)state;
	struct fw_config c;
	parse_str(&c, "action = poweroff\ntimeout = 9\naction = reboot\n");
	assert_int_equal(c.action, FW_ACTION_REBOOT);
	assert_int_equal(c.timeout, 9);
	assert_int_equal(c.nmsg, 1);
	assert_true(has_msg(&c, "line 3: action given again; this line replaces the earlier one"));
	parse_str(&c, "show_key = yes\nSHOW_KEY = no\n");
	assert_false(c.show_key);
	assert_true(has_msg(&c, "line 2: show_key given again"));
}

static void test_timeout_values(void **state)
{
	(void)state;
	static const struct { const char *v; unsigned want; bool ok; } t[] = {
		{ "1", 1, true }, { "3600", 3600, true }, { "0060", 60, true },
		{ "3601", 60, false }, { "-5", 60, false }, { "99999999999999999999", 60, false },
		{ "4294967297", 60, false }, { "10s", 60, false }, { "1e3", 60, false },
		{ "", 60, false },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char line[64];
		struct fw_config c;
		snprintf(line, sizeof(line), "timeout = %s", t[i].v);
		parse_str(&c, line);
		assert_int_equal(c.timeout, t[i].want);
		assert_int_equal(c.nmsg, t[i].ok ? 0 : 1);
	}
}

static void test_line_faults(void **state)
{
	(void)state;
	struct fw_config c;
	char big[600];
	memset(big, 'x', sizeof(big));
	memcpy(big, "action = exit\n", 14);
	memcpy(big + 14, "report_dir = \\", 14);
	big[sizeof(big) - 1] = '\n';
	/* line 1 good, line 2 over-long */
	parse(&c, big, sizeof(big));
	assert_int_equal(c.action, FW_ACTION_EXIT);
	assert_string_equal(c.report_dir, "\\slicscan\\reports");
	assert_true(has_msg(&c, "slicscan.cfg line 2: line longer than 255 characters"));

	/* exactly 255 characters is fine */
	char edge[300];
	memset(edge, 'a', sizeof(edge));
	edge[0] = '#';
	parse(&c, edge, 255);
	assert_int_equal(c.nmsg, 0);
	parse(&c, edge, 256);
	assert_true(has_msg(&c, "line 1: line longer than 255"));

	parse_str(&c, "color = blue\nnonsense\n= 5\n[section]\n");
	assert_int_equal(c.nmsg, 4);
	assert_true(has_msg(&c, "line 1: unknown key \"color\""));
	assert_true(has_msg(&c, "line 2: expected \"key = value\""));
	assert_true(has_msg(&c, "line 3: unknown key \"\""));
	assert_true(has_msg(&c, "line 4: expected"));

	static const uint8_t junk[] = "action = poweroff\n\x01\x02\x03\nquiet = yes\nqu\0iet = no\n";
	parse(&c, junk, sizeof(junk) - 1);
	assert_int_equal(c.action, FW_ACTION_POWEROFF);
	assert_true(c.quiet);
	assert_true(has_msg(&c, "line 2: binary data (byte 0x01)"));
	assert_true(has_msg(&c, "line 4: binary data (byte 0x00)"));

	parse_str(&c, "report_dir = \\r\xC3\xA9ports\n# caf\xC3\xA9 is fine in a comment\n");
	assert_int_equal(c.nmsg, 1);
	assert_true(has_msg(&c, "line 1: report_dir: non-ASCII"));
}

static void test_comments_and_quotes(void **state)
{
	(void)state;
	struct fw_config c;
	parse_str(&c, "   # indented comment\n\t\n"
		      "report_dir = \\a#b\\c   # trailing comment\n"
		      "policy = none\n");
	assert_int_equal(c.nmsg, 0);
	assert_string_equal(c.report_dir, "\\a#b\\c");
	assert_int_equal(c.policy_mode, FW_POLICY_NONE);
	parse_str(&c, "report_dir = \"\\with space\\\"\nreport_dir=\\\n");
	assert_true(has_msg(&c, "line 2: report_dir given again"));
	assert_string_equal(c.report_dir, "\\");
	parse_str(&c, "policy = \\\n");
	assert_true(has_msg(&c, "path names no file"));
	assert_int_equal(c.policy_mode, FW_POLICY_DEFAULT);
}

static void test_message_cap(void **state)
{
	(void)state;
	struct fw_config c;
	char text[2000] = "";
	for (int i = 0; i < 20; i++)
		strcat(text, "bogus = 1\n");
	parse_str(&c, text);
	assert_int_equal(c.nmsg, FW_CFG_MAX_MSGS);
	assert_int_equal(c.dropped_msgs, 20 - FW_CFG_MAX_MSGS);
	for (size_t i = 0; i < c.nmsg; i++)
		assert_true(strlen(c.msg[i]) < SS_MSG_LEN);
}

static void test_path_normalise(void **state)
{
	(void)state;
	char out[FW_PATH_MAX];
	const char *why = NULL;
	static const struct { const char *in; const char *out; } good_paths[] = {
		{ "\\slicscan\\reports", "\\slicscan\\reports" },
		{ "/a/b/", "\\a\\b" },
		{ "a\\\\b", "\\a\\b" },
		{ "\\.\\a\\.", "\\a" },
		{ "\\", "\\" },
	};
	for (size_t i = 0; i < sizeof(good_paths) / sizeof(good_paths[0]); i++) {
		assert_int_equal(fw_path_normalise(good_paths[i].in, strlen(good_paths[i].in),
						       out, sizeof(out), true, &why), 0);
		assert_string_equal(out, good_paths[i].out);
	}
	static const char *const bad[] = { "\\a\\..\\b", "c:\\x", "a*b", "a\x01", "a?", "x|y",
					   "a\xE9" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(fw_path_normalise(bad[i], strlen(bad[i]), out, sizeof(out),
						       true, &why), -1);
	assert_int_equal(fw_path_normalise("\\", 1, out, sizeof(out), false, &why), -1);
	char longp[300];
	memset(longp, 'a', sizeof(longp));
	assert_int_equal(fw_path_normalise(longp, 126, out, sizeof(out), true, &why), 0);
	assert_int_equal(strlen(out), 127);
	assert_int_equal(fw_path_normalise(longp, 127, out, sizeof(out), true, &why), -1);
	assert_string_equal(why, "path too long");
	assert_int_equal(fw_path_normalise("a", 1, out, 1, true, NULL), -1);
}

static void test_text_decode(void **state)
{
	(void)state;
	char out[16];
	static const uint8_t le[] = { 0xFF, 0xFE, 'a', 0, 0xE9, 0, 0x00, 0x30, 'b', 0 };
	assert_int_equal(ss_text_decode(le, sizeof(le), out, sizeof(out)), 4);
	assert_memory_equal(out, "a\x80\x80" "b", 4);
	/* in place */
	char buf[] = "\xEF\xBB\xBFhello";
	assert_int_equal(ss_text_decode((uint8_t *)buf, 8, buf, sizeof(buf)), 5);
	assert_string_equal(buf, "hello");
	assert_int_equal(ss_text_decode((const uint8_t *)"abcdef", 6, out, 4), 3);
	assert_string_equal(out, "abc");
	assert_int_equal(ss_text_decode((const uint8_t *)"x", 1, out, 0), 0);
	assert_int_equal(fw_printable((const uint8_t *)"  A\x1b[31mB\xff  ", 12, out,
					  sizeof(out)), 8);
	assert_string_equal(out, "A?[31mB?");
}

static void test_random_junk(void **state)
{
	(void)state;
	srand(7);
	for (int round = 0; round < 3000; round++) {
		size_t n = (size_t)(rand() % 700);
		uint8_t *b = malloc(n ? n : 1);
		for (size_t i = 0; i < n; i++) {
			/* bias towards structure: keys, '=', line ends */
			static const char pick[] = "action=timeout report_dir\\#\"\r\n yes 1";
			b[i] = rand() % 3 ? (uint8_t)pick[rand() % (sizeof(pick) - 1)] : (uint8_t)rand();
		}
		if (n >= 2 && round % 4 == 0)
			b[0] = 0xFF, b[1] = 0xFE;
		struct fw_config c;
		fw_config_defaults(&c);
		fw_config_parse(&c, b, n);
		assert_true(c.timeout >= 1 && c.timeout <= 3600);
		assert_true(c.action <= FW_ACTION_EXIT);
		assert_true(c.nmsg <= FW_CFG_MAX_MSGS);
		assert_true(strlen(c.report_dir) < FW_PATH_MAX && c.report_dir[0] == '\\');
		free(b);
	}
}

/* The commented example shipped on the stick (efi/slicscan.cfg.example) must parse cleanly and
 * say exactly the defaults. Run from the repository root, as `make test-unit` does. */
static void test_shipped_example(void **state)
{
	(void)state;
	FILE *f = fopen("efi/slicscan.cfg.example", "rb");
	if (f == NULL) {
		fprintf(stderr, "efi/slicscan.cfg.example not found (run from the repo root)\n");
		fail();
		return;
	}
	static uint8_t buf[65536];
	size_t n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	struct fw_config c, d;
	parse(&c, buf, n);
	fw_config_defaults(&d);
	for (size_t i = 0; i < c.nmsg; i++)
		fprintf(stderr, "%s\n", c.msg[i]);
	assert_int_equal(c.nmsg, 0);
	assert_memory_equal(&c, &d, sizeof(c));
}

/* Lines from elsewhere (the BIOS kernel's command line) name their own unit in messages. */
static void test_parse_from(void **state)
{
	(void)state;
	struct fw_config c;
	fw_config_defaults(&c);
	const char words[] = "action=poweroff\ndebug_exit=yes\nbogus=1\n";
	fw_config_parse_from(&c, (const uint8_t *)words, sizeof(words) - 1,
			     "kernel command line, word");
	assert_int_equal(c.action, FW_ACTION_POWEROFF);
	assert_true(c.debug_exit);
	assert_int_equal(c.nmsg, 1);
	assert_string_equal(c.msg[0], "kernel command line, word 3: unknown key \"bogus\", line ignored");
	/* the file's own messages are unchanged afterwards */
	parse_str(&c, "x\n");
	assert_true(has_msg(&c, "slicscan.cfg line 1: expected"));
}

static void test_policy_path_and_load(void **state)
{
	(void)state;
	struct fw_config c;
	struct ss_policy p;
	char err[SS_MSG_LEN];
	bool must;
	fw_config_defaults(&c);
	assert_string_equal(fw_config_policy_path(&c, &must), FW_POLICY_DEFAULT_PATH);
	assert_false(must);
	parse_str(&c, "policy = none\n");
	assert_null(fw_config_policy_path(&c, &must));
	parse_str(&c, "policy = /campus/p.txt\n");
	assert_string_equal(fw_config_policy_path(&c, &must), "\\campus\\p.txt");
	assert_true(must);

	ss_policy_init(&p);
	const char ok[] = "target windows8\n";
	assert_int_equal(fw_policy_load(&p, "\\p.txt", (const uint8_t *)ok, sizeof(ok) - 1,
					err, sizeof(err)), 0);
	assert_int_equal(p.target, SS_TARGET_WIN8);
	const char bad[] = "target windows8\nno such line at all\n";
	assert_int_equal(fw_policy_load(&p, "\\p.txt", (const uint8_t *)bad, sizeof(bad) - 1,
					err, sizeof(err)), -1);
	assert_true(strncmp(err, "policy file \\p.txt: ", 20) == 0);
	assert_int_equal(p.target, SS_TARGET_WIN7); /* back to the built-in policy */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_good_ascii),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_bad_values_keep_defaults),
		cmocka_unit_test(test_language),
		cmocka_unit_test(test_summary_none),
		cmocka_unit_test(test_bad_value_resets_earlier_good),
		cmocka_unit_test(test_key_twice_last_wins),
		cmocka_unit_test(test_timeout_values),
		cmocka_unit_test(test_line_faults),
		cmocka_unit_test(test_comments_and_quotes),
		cmocka_unit_test(test_message_cap),
		cmocka_unit_test(test_path_normalise),
		cmocka_unit_test(test_text_decode),
		cmocka_unit_test(test_random_junk),
		cmocka_unit_test(test_shipped_example),
		cmocka_unit_test(test_parse_from),
		cmocka_unit_test(test_policy_path_and_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
