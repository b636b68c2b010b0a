/* SPDX-License-Identifier: MIT */
/* Unit tests of the network checks' pure logic: fw/http.c (upload URL, HTTP response head,
 * IMF-fixdate), fw/skew.c (the clock-skew rule), the new slicscan.cfg keys (upload, timezone,
 * kms, kms_timeout) and the predicted error the network findings give (acpi/result.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "config.h"
#include "fixture.h"
#include "http.h"
#include "skew.h"

static int url(const char *s, struct fw_url *u, const char **why)
{
	size_t n = strlen(s);
	char *h = malloc(n ? n : 1); /* exact size: ASan sees overreads */
	memcpy(h, s, n);
	int rc = fw_url_parse(h, n, u, why);
	free(h);
	return rc;
}

static void test_url_good(void **state)
{
	(void)state;
	struct fw_url u;
	const char *why = NULL;
	assert_int_equal(url("http://192.0.2.100/slicscan/", &u, &why), 0);
	assert_true(u.is_ip);
	assert_memory_equal(u.ip, ((uint8_t[]){ 192, 0, 2, 100 }), 4);
	assert_int_equal(u.port, 80);
	assert_string_equal(u.path, "/slicscan/");
	assert_int_equal(url("HTTP://Collector.Lab-1:8080/a/b", &u, &why), 0);
	assert_false(u.is_ip);
	assert_string_equal(u.host, "collector.lab-1");
	assert_int_equal(u.port, 8080);
	assert_string_equal(u.path, "/a/b/");
	assert_int_equal(url("http://10.0.0.1", &u, &why), 0);
	assert_string_equal(u.path, "/");
	assert_int_equal(url("http://10.0.0.1:65535//x/./y_z~%20//", &u, &why), 0);
	assert_string_equal(u.path, "/x/y_z~%20/");
}

static void test_url_bad(void **state)
{
	(void)state;
	static const struct { const char *in, *why; } bad[] = {
		{ "https://10.0.0.1/", "https" },
		{ "ftp://10.0.0.1/", "not an http" },
		{ "http://", "no host" },
		{ "http:///x/", "no host" },
		{ "http://user@host/", "user names" },
		{ "http://10.0.0.256/", "IPv4" },
		{ "http://10.0.0/", "IPv4" },
		{ "http://h:0/", "port" },
		{ "http://h:65536/", "port" },
		{ "http://h:/", "port" },
		{ "http://h:80x/", "port" },
		{ "http://h/../etc/", ".." },
		{ "http://h/a?b=1", "queries" },
		{ "http://h/a#f", "queries" },
		{ "http://h/a b/", "not allowed" },
		{ "http://h_x/", "host name" },
		{ "http://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/", "too long" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct fw_url u;
		const char *why = NULL;
		if (url(bad[i].in, &u, &why) != -1 || why == NULL || strstr(why, bad[i].why) == NULL) {
			fprintf(stderr, "%s: %s\n", bad[i].in, why ? why : "(accepted)");
			fail();
		}
	}
	char longpath[400] = "http://h/";
	for (int i = 0; i < 40; i++)
		strcat(longpath, "abcdefgh/");
	struct fw_url u;
	const char *why;
	assert_int_equal(url(longpath, &u, &why), -1);
	assert_non_null(strstr(why, "too long"));
}

static void test_epoch_and_date(void **state)
{
	(void)state;
	assert_int_equal(fw_epoch_seconds(1970, 1, 1, 0, 0, 0), 0);
	assert_int_equal(fw_epoch_seconds(1994, 11, 6, 8, 49, 37), 784111777);
	assert_int_equal(fw_epoch_seconds(2000, 2, 29, 0, 0, 0), 951782400);
	/* independent oracle: timegm for every day of 1999..2101 at 12:34:56 */
	for (int64_t d = 0; d < 37300; d++) {
		time_t t = (time_t)(915148800 + d * 86400 + 12 * 3600 + 34 * 60 + 56);
		struct tm tm;
		gmtime_r(&t, &tm);
		assert_int_equal(fw_epoch_seconds((unsigned)tm.tm_year + 1900, (unsigned)tm.tm_mon + 1,
						  (unsigned)tm.tm_mday, 12, 34, 56), (int64_t)t);
		char buf[40];
		strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S GMT", &tm);
		int64_t e;
		assert_int_equal(fw_http_date_parse(buf, strlen(buf), &e), 0);
		assert_int_equal(e, (int64_t)t);
	}
	int64_t e;
	static const char *const bad[] = {
		"Sun, 06 Nov 1994 08:49:37 UTC", "Sunday, 06-Nov-94 08:49:37 GMT",
		"Sun Nov  6 08:49:37 1994", "Sun, 31 Nov 1994 08:49:37 GMT", "Sun, 29 Feb 1900 08:49:37 GMT",
		"Sun, 06 Nox 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:49:37 GMT", "Sxn, 06 Nov 1994 08:49:37 GMT",
		"Sun, 06 Nov 1994 08:49:37 GMTX", "", "Sun, 0a Nov 1994 08:49:37 GMT",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(fw_http_date_parse(bad[i], strlen(bad[i]), &e), -1);
	assert_int_equal(fw_http_date_parse("sun, 06 nov 1994 08:49:37 gmt", 29, &e), 0);
}

static int head(const char *s, struct fw_http_head *h, const char **why)
{
	size_t n = strlen(s);
	uint8_t *b = malloc(n ? n : 1);
	memcpy(b, s, n);
	int rc = fw_http_parse_head(b, n, h, why);
	free(b);
	return rc;
}

static void test_http_head(void **state)
{
	(void)state;
	struct fw_http_head h;
	const char *why = NULL;
	const char *ok = "HTTP/1.1 201 Created\r\nServer: nginx\r\nDate:  Thu, 03 Dec 2026 05:58:53 GMT \r\n"
			 "Content-Length: 0\r\n\r\nbody";
	assert_int_equal(head(ok, &h, &why), 1);
	assert_int_equal(h.status, 201);
	assert_true(h.has_date);
	assert_int_equal(h.date, fw_epoch_seconds(2026, 12, 3, 5, 58, 53));
	assert_int_equal(h.head_len, strlen(ok) - 4);
	/* every prefix of a complete head is "need more", never an error */
	for (size_t n = 0; n < strlen(ok) - 4; n++) {
		uint8_t *b = malloc(n ? n : 1);
		memcpy(b, ok, n);
		assert_int_equal(fw_http_parse_head(b, n, &h, &why), 0);
		free(b);
	}
	assert_int_equal(head("HTTP/1.0 404 Not Found\n\n", &h, &why), 1);
	assert_int_equal(h.status, 404);
	assert_false(h.has_date);
	assert_int_equal(head("HTTP/1.1 204\r\nDATE: Thu, 03 Dec 2026 99:58:53 GMT\r\n\r\n", &h, &why), 1);
	assert_int_equal(h.status, 204);
	assert_false(h.has_date); /* a bad Date is no Date */
	assert_int_equal(head("SSH-2.0-OpenSSH\r\n\r\n", &h, &why), -1);
	assert_non_null(strstr(why, "not HTTP"));
	assert_int_equal(head("HTTP/1.1 2000 OK\r\n\r\n", &h, &why), -1);
	assert_int_equal(head("HTTP/1.1 099 x\r\n\r\n", &h, &why), -1);
	assert_int_equal(head("HTTP/1.1\r\n\r\n", &h, &why), -1);
	assert_int_equal(head("HT", &h, &why), 0);
	assert_int_equal(head("HX", &h, &why), -1);
}

static struct fw_time rtc(unsigned y, unsigned mo, unsigned d, unsigned h, unsigned mi)
{
	struct fw_time t = { .year = (uint16_t)y, .month = (uint8_t)mo, .day = (uint8_t)d,
			     .hour = (uint8_t)h, .minute = (uint8_t)mi, .time_zone = FW_TZ_UNSPECIFIED };
	return t;
}

static void test_skew(void **state)
{
	(void)state;
	struct fw_skew s;
	char msg[300];
	int64_t now = fw_epoch_seconds(2026, 12, 3, 6, 0, 0); /* 14:00 at UTC+8 */
	/* correct: the RTC holds local time */
	struct fw_time t = rtc(2026, 12, 3, 14, 1);
	fw_skew_check(&t, 480, now, &s, msg, sizeof(msg));
	assert_false(s.skewed);
	assert_int_equal(s.diff_s, 60);
	/* the RTC holds UTC, Windows will read it as UTC+8: 8 h behind, cause named */
	t = rtc(2026, 12, 3, 6, 0);
	fw_skew_check(&t, 480, now, &s, msg, sizeof(msg));
	assert_true(s.skewed);
	assert_true(s.rtc_holds_utc);
	assert_int_equal(s.diff_s, -8 * 3600);
	assert_non_null(strstr(msg, "0xC004F06C"));
	assert_non_null(strstr(msg, "UTC+08:00"));
	assert_non_null(strstr(msg, "8h00m behind"));
	assert_non_null(strstr(msg, "RTC holds UTC - set it to local time"));
	/* exactly 4 h is still accepted; 4 h and a second is not */
	t = rtc(2026, 12, 3, 18, 0);
	fw_skew_check(&t, 480, now, &s, msg, sizeof(msg));
	assert_false(s.skewed);
	fw_skew_check(&t, 480, now - 1, &s, msg, sizeof(msg));
	assert_true(s.skewed);
	assert_false(s.rtc_holds_utc);
	assert_non_null(strstr(msg, "ahead of"));
	assert_null(strstr(msg, "RTC holds UTC"));
	/* a west zone with the RTC in UTC: ahead by 5 h */
	t = rtc(2026, 12, 3, 6, 3);
	fw_skew_check(&t, -300, now, &s, msg, sizeof(msg));
	assert_true(s.skewed);
	assert_true(s.rtc_holds_utc);
	/* a dead battery is off by years, not by the zone */
	t = rtc(2009, 1, 1, 0, 0);
	fw_skew_check(&t, 480, now, &s, msg, sizeof(msg));
	assert_true(s.skewed);
	assert_false(s.rtc_holds_utc);
	char tz[8];
	fw_tz_str(-210, tz, sizeof(tz));
	assert_string_equal(tz, "-03:30");
}

static void cfg(struct fw_config *c, const char *s)
{
	fw_config_defaults(c);
	fw_config_parse(c, (const uint8_t *)s, strlen(s));
}

static bool has_msg(const struct fw_config *c, const char *needle)
{
	for (size_t i = 0; i < c->nmsg; i++)
		if (strstr(c->msg[i], needle))
			return true;
	return false;
}

static void test_config_keys(void **state)
{
	(void)state;
	struct fw_config c;
	cfg(&c, "");
	assert_false(c.upload_set);
	assert_false(c.tz_set);
	assert_int_equal(c.nkms, 0);
	assert_int_equal(c.kms_timeout, FW_KMS_TIMEOUT_DEFAULT);
	cfg(&c, "upload = http://192.0.2.100:8080/lab/\ntimezone = +08:00\n"
		"kms = 192.0.2.50, 192.0.2.51:1700\nkms = 10.1.1.1\nkms_timeout = 3\n");
	assert_int_equal(c.nmsg, 0);
	assert_true(c.upload_set);
	assert_int_equal(c.upload.port, 8080);
	assert_string_equal(c.upload.path, "/lab/");
	assert_true(c.tz_set);
	assert_int_equal(c.tz_minutes, 480);
	assert_int_equal(c.nkms, 3);
	assert_memory_equal(c.kms_ip[1], ((uint8_t[]){ 192, 0, 2, 51 }), 4);
	assert_int_equal(c.kms_port[0], 1688);
	assert_int_equal(c.kms_port[1], 1700);
	assert_memory_equal(c.kms_ip[2], ((uint8_t[]){ 10, 1, 1, 1 }), 4);
	assert_int_equal(c.kms_timeout, 3);
	cfg(&c, "timezone = -03:30\n");
	assert_int_equal(c.tz_minutes, -210);
	cfg(&c, "timezone = UTC\n");
	assert_true(c.tz_set);
	assert_int_equal(c.tz_minutes, 0);

	/* bad values: line-numbered message, safe default */
	cfg(&c, "upload = ftp://x/\n");
	assert_false(c.upload_set);
	assert_true(has_msg(&c, "slicscan.cfg line 1: upload = \"ftp://x/\": not an http:// URL, default used"));
	cfg(&c, "upload = http://192.0.2.100/\nupload = http://192.0.2.999/\n");
	assert_false(c.upload_set);
	assert_true(has_msg(&c, "line 2: upload"));
	static const char *const tzbad[] = { "8", "+8:00", "+08:00:00", "+15:00", "-13:00", "+08:10", "+0a:00" };
	for (size_t i = 0; i < sizeof(tzbad) / sizeof(tzbad[0]); i++) {
		char line[64];
		snprintf(line, sizeof(line), "timezone = +01:00\ntimezone = %s\n", tzbad[i]);
		cfg(&c, line);
		assert_false(c.tz_set);
		assert_true(has_msg(&c, "line 2: timezone"));
	}
	cfg(&c, "kms = 192.0.2.50\nkms = kms.example.org\n");
	assert_int_equal(c.nkms, 0);
	assert_true(has_msg(&c, "line 2: kms = \"kms.example.org\": not an IPv4 address"));
	assert_false(has_msg(&c, "given again"));
	cfg(&c, "kms = 1.1.1.1:0\n");
	assert_int_equal(c.nkms, 0);
	assert_true(has_msg(&c, "port"));
	cfg(&c, "kms = 1.1.1.1:123456\n");
	assert_true(has_msg(&c, "port"));
	cfg(&c, "kms = 1.1.1.1,\n");
	assert_int_equal(c.nkms, 0);
	cfg(&c, "kms = 1.1.1.1, 1.1.1.2, 1.1.1.3\nkms = 1.1.1.4, 1.1.1.5\n");
	assert_true(has_msg(&c, "line 2: kms = \"1.1.1.4, 1.1.1.5\": more than 4 KMS hosts"));
	cfg(&c, "kms_timeout = 0\n");
	assert_int_equal(c.kms_timeout, FW_KMS_TIMEOUT_DEFAULT);
	cfg(&c, "kms_timeout = 61\n");
	assert_int_equal(c.kms_timeout, FW_KMS_TIMEOUT_DEFAULT);
	assert_true(has_msg(&c, "1 to 60"));
	cfg(&c, "kms_timeout = 60\n");
	assert_int_equal(c.kms_timeout, 60);
}

/* The network findings name their own predicted error when the firmware is fine for
 * Windows 7, and never hide 0xC004F035. */
static void test_predicted_error(void **state)
{
	(void)state;
	struct fx f;
	struct ss_policy p;
	struct fx_run run;
	fx_init(&f);
	fx_policy(&p, true);
	struct ss_result *r = fx_judge(&run, &f, &p);
	assert_null(r->predicted_error);
	ss_result_add_finding(r, SS_F_KMS_REACHABLE, "", "KMS host 192.0.2.50:1688 accepted");
	assert_null(r->predicted_error);
	assert_int_equal(r->verdict, SS_VERDICT_READY);
	ss_result_add_finding(r, SS_F_CLOCK_SKEW, "", "8 h behind");
	assert_int_equal(r->verdict, SS_VERDICT_READY_WITH_WARNINGS);
	assert_string_equal(r->predicted_error, "0xC004F06C");
	fx_run_free(&run);

	r = fx_judge(&run, &f, &p);
	ss_result_add_finding(r, SS_F_KMS_UNREACHABLE, "", "no answer");
	assert_string_equal(r->predicted_error, "0xC004F039");
	fx_run_free(&run);

	/* a failing SLIC keeps 0xC004F035 */
	r = fx_judge(&run, &f, &p);
	ss_result_add_finding(r, SS_F_SLIC_BLANK_FF, "SLIC", "erased");
	ss_result_add_finding(r, SS_F_CLOCK_SKEW, "", "8 h behind");
	assert_string_equal(r->predicted_error, "0xC004F035");
	fx_run_free(&run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_good),
		cmocka_unit_test(test_url_bad),
		cmocka_unit_test(test_epoch_and_date),
		cmocka_unit_test(test_http_head),
		cmocka_unit_test(test_skew),
		cmocka_unit_test(test_config_keys),
		cmocka_unit_test(test_predicted_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
