/* SPDX-License-Identifier: MIT */
/* Unit tests of the shared option grammar (acpi/args.c): "--name VALUE" and "--name=VALUE",
 * and every way a value can be missing, as both front ends' parsers rely on it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "args.h"

/* ss_arg_value on argv[at] of a NULL-terminated list; *i_after where the parser stands after. */
static enum ss_arg parse(const char *const *list, size_t at, const char **value, size_t *i_after)
{
	size_t argc = 0;
	while (list[argc])
		argc++;
	size_t i = at;
	*value = NULL;
	enum ss_arg a = ss_arg_value(argc, (char *const *)list, &i, "--policy", value);
	*i_after = i;
	return a;
}

static void test_forms(void **state)
{
	(void)state;
	const char *v;
	size_t i;
	const char *sep[] = { "--policy", "campus.txt", "x", NULL };
	assert_int_equal(parse(sep, 0, &v, &i), SS_ARG_VALUE);
	assert_string_equal(v, "campus.txt");
	assert_int_equal(i, 1); /* the value was taken: the caller goes on after it */
	const char *eq[] = { "--policy=campus.txt", "x", NULL };
	assert_int_equal(parse(eq, 0, &v, &i), SS_ARG_VALUE);
	assert_string_equal(v, "campus.txt");
	assert_int_equal(i, 0);
	const char *eq2[] = { "--policy=a=b", NULL }; /* only the first '=' separates */
	assert_int_equal(parse(eq2, 0, &v, &i), SS_ARG_VALUE);
	assert_string_equal(v, "a=b");
	const char *dash[] = { "--policy", "-", NULL }; /* a value may look like an option */
	assert_int_equal(parse(dash, 0, &v, &i), SS_ARG_VALUE);
	assert_string_equal(v, "-");
}

static void test_missing_and_empty(void **state)
{
	(void)state;
	const char *v;
	size_t i;
	const char *last[] = { "x", "--policy", NULL };
	assert_int_equal(parse(last, 1, &v, &i), SS_ARG_MISSING);
	assert_int_equal(i, 1);
	assert_string_equal(ss_arg_problem(SS_ARG_MISSING), "needs a value");
	const char *eq[] = { "--policy=", NULL };
	assert_int_equal(parse(eq, 0, &v, &i), SS_ARG_EMPTY);
	const char *sep[] = { "--policy", "", NULL };
	assert_int_equal(parse(sep, 0, &v, &i), SS_ARG_EMPTY);
	assert_string_equal(ss_arg_problem(SS_ARG_EMPTY), "needs a non-empty value");
}

static void test_other_tokens(void **state)
{
	(void)state;
	static const char *const others[] = { "--policyx", "--polic", "--polic=y", "-policy",
					      "--Policy", "", "--", "-", "policy" };
	for (size_t k = 0; k < sizeof(others) / sizeof(others[0]); k++) {
		const char *list[] = { others[k], "v", NULL };
		const char *v;
		size_t i;
		assert_int_equal(parse(list, 0, &v, &i), SS_ARG_OTHER);
		assert_int_equal(i, 0);
		assert_null(v);
	}
}

/* The first of several names that matches, and which one. */
static void test_one_of(void **state)
{
	(void)state;
	static const char *const names[] = { "--target", "--policy", "--root" };
	const char *list[] = { "--root=/m", "--policy", "p.txt", "--json", NULL };
	const char *v = NULL;
	size_t i = 0, which = 9;
	assert_int_equal(ss_arg_one_of(4, (char *const *)list, &i, names, 3, &which, &v), SS_ARG_VALUE);
	assert_int_equal(which, 2);
	assert_string_equal(v, "/m");
	i = 1;
	assert_int_equal(ss_arg_one_of(4, (char *const *)list, &i, names, 3, &which, &v), SS_ARG_VALUE);
	assert_int_equal(which, 1);
	assert_int_equal(i, 2);
	i = 3;
	assert_int_equal(ss_arg_one_of(4, (char *const *)list, &i, names, 3, &which, &v), SS_ARG_OTHER);
	assert_int_equal(which, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_missing_and_empty),
		cmocka_unit_test(test_other_tokens),
		cmocka_unit_test(test_one_of),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
