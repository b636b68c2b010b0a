/* SPDX-License-Identifier: MIT */
/* Unit tests of fw/fleet_stick.c over an in-memory stick: the page is written to NAME.new
 * and swapped in, a leftover .new is replaced, an unreadable report is listed, links are
 * relative to the page, and a failed swap is told, never fatal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fleet_stick.h"

#define NF 16
struct stick {
	char name[NF][128];
	char *data[NF];
	size_t len[NF];
	int fail_rename, fail_read_of; /* fail_read_of: index of a file whose read fails */
	char log[1024];
};

static int find(struct stick *s, const char *p)
{
	for (int i = 0; i < NF; i++)
		if (s->data[i] && !strcmp(s->name[i], p))
			return i;
	return -1;
}

static bool f_exists(void *ctx, const char *p) { return find(ctx, p) >= 0; }
static int f_mkdirs(void *ctx, const char *p) { (void)ctx, (void)p; return 0; }

static int f_write_new(void *ctx, const char *p, const void *d, size_t n)
{
	struct stick *s = ctx;
	if (find(s, p) >= 0)
		return 5;
	for (int i = 0; i < NF; i++)
		if (!s->data[i]) {
			snprintf(s->name[i], sizeof(s->name[i]), "%s", p);
			s->data[i] = malloc(n + 1);
			memcpy(s->data[i], d, n);
			s->data[i][n] = 0;
			s->len[i] = n;
			strcat(s->log, "write ");
			return 0;
		}
	return 6;
}

static int f_append(void *ctx, const char *p, const void *h, size_t hn, const void *d, size_t n)
{
	(void)ctx, (void)p, (void)h, (void)hn, (void)d, (void)n;
	return 7;
}

static int f_remove(void *ctx, const char *p)
{
	struct stick *s = ctx;
	int i = find(s, p);
	if (i < 0)
		return 2;
	free(s->data[i]);
	s->data[i] = NULL;
	strcat(s->log, "remove ");
	return 0;
}

static const char *f_why(void *ctx, int err)
{
	(void)ctx;
	return err == 2 ? "not found" : err == 9 ? "the stick is write-protected" : "device error";
}

static void *f_alloc(void *ctx, size_t n) { (void)ctx; return malloc(n); }
static void f_release(void *ctx, void *p) { (void)ctx; free(p); }

static int f_list(void *ctx, const char *dir, fw_list_fn each, void *arg)
{
	struct stick *s = ctx;
	size_t n = strlen(dir);
	for (int i = 0; i < NF; i++)
		if (s->data[i] && !strncmp(s->name[i], dir, n) && s->name[i][n] == '\\' &&
		    !strchr(s->name[i] + n + 1, '\\'))
			each(arg, s->name[i] + n + 1);
	return 0;
}

static int f_read(void *ctx, const char *p, size_t max, char **d, size_t *n)
{
	struct stick *s = ctx;
	int i = find(s, p);
	if (i < 0 || i == s->fail_read_of)
		return 3;
	if (s->len[i] > max)
		return 4;
	*d = malloc(s->len[i] + 1);
	memcpy(*d, s->data[i], s->len[i] + 1);
	*n = s->len[i];
	return 0;
}

static int f_rename(void *ctx, const char *p, const char *nn)
{
	struct stick *s = ctx;
	int i = find(s, p);
	if (s->fail_rename)
		return 9;
	if (i < 0 || strchr(nn, '\\'))
		return 2;
	char *cut = strrchr(s->name[i], '\\');
	snprintf(cut + 1, sizeof(s->name[i]) - (size_t)(cut + 1 - s->name[i]), "%s", nn);
	strcat(s->log, "rename ");
	return 0;
}

static struct stick st;
static const struct fw_files fs = { &st, f_exists, f_mkdirs, f_write_new, f_append, f_remove,
				    f_why, f_alloc, f_release };
static const struct fw_fleet_files ff = { &fs, f_list, f_read, f_rename };

static void put(const char *p, const char *text)
{
	assert_int_equal(f_write_new(&st, p, text, strlen(text)), 0);
}

static void reset(void)
{
	for (int i = 0; i < NF; i++)
		free(st.data[i]);
	memset(&st, 0, sizeof(st));
	st.fail_read_of = -1;
}

static const char *page(void)
{
	int i = find(&st, "\\slicscan\\summary.html");
	return i < 0 ? NULL : st.data[i];
}

static void test_swap(void **state)
{
	(void)state;
	reset();
	put("\\slicscan\\reports\\PC1.json",
	    "{\"tool\":\"slicscan\",\"verdict\":\"not-ready\",\"machine\":{\"system_product\":\"M<1>\"}}");
	put("\\slicscan\\reports\\PC1.txt", "text");
	put("\\slicscan\\reports\\PC2.json", "{\"tool\":\"slicscan\",\"verdict\":\"ready\"}");
	put("\\slicscan\\reports\\CUT.json", "{\"tool\":\"slicscan\",\"verd");
	/* listed after PC2 by the directory, shown before it (byte order, as --fleet) */
	put("\\slicscan\\reports\\PC0.json", "{\"tool\":\"slicscan\",\"verdict\":\"ready\"}");
	put("\\slicscan\\summary.html", "old page");
	put("\\slicscan\\summary.html.new", "left by a power cut");
	st.log[0] = 0;
	assert_null(fw_fleet_stick_write(&ff, "\\slicscan\\reports", FW_FLEET_PAGE_DEFAULT, "en"));
	assert_string_equal(st.log, "remove write remove rename ");
	assert_int_equal(find(&st, "\\slicscan\\summary.html.new"), -1);
	const char *p = page();
	assert_non_null(p);
	assert_non_null(strstr(p, "data-verdict=\"not-ready\" data-count=\"1\""));
	assert_non_null(strstr(p, "data-verdict=\"ready\" data-count=\"2\""));
	assert_non_null(strstr(p, "href=\"reports/PC1.txt\""));
	assert_true(strstr(p, "href=\"reports/PC0.txt\"") < strstr(p, "href=\"reports/PC2.txt\""));
	assert_non_null(strstr(p, "href=\"reports/PC0.txt\""));
	assert_non_null(strstr(p, "M&lt;1&gt;"));
	assert_non_null(strstr(p, "<bdi>reports/CUT.json</bdi>"));
}

static void test_failures(void **state)
{
	(void)state;
	reset();
	put("\\slicscan\\reports\\A.json", "{\"tool\":\"slicscan\",\"verdict\":\"ready\"}");
	st.fail_read_of = 0;
	put("\\slicscan\\summary.html", "old page");
	st.fail_rename = 1;
	const char *why = fw_fleet_stick_write(&ff, "\\slicscan\\reports", FW_FLEET_PAGE_DEFAULT, "en");
	assert_non_null(why);
	assert_string_equal(why, "the stick is write-protected");
	/* the new page is there under .new for the next run to replace */
	int i = find(&st, "\\slicscan\\summary.html.new");
	assert_true(i >= 0);
	assert_non_null(strstr(st.data[i], "<bdi>reports/A.json</bdi></code>: device error"));
	/* a report folder elsewhere: links name it from the stick's root */
	st.fail_rename = 0;
	put("\\other\\r\\A.json", "{");
	assert_null(fw_fleet_stick_write(&ff, "\\other\\r", FW_FLEET_PAGE_DEFAULT, "en"));
	assert_non_null(page());
	assert_non_null(strstr(page(), "<bdi>../other/r/A.json</bdi>"));
	reset();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_swap),
		cmocka_unit_test(test_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
