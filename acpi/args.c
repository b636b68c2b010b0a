/* SPDX-License-Identifier: MIT */
/* The "--name VALUE" / "--name=VALUE" option grammar shared by the front ends (args.h). */
#include "args.h"

enum ss_arg ss_arg_value(size_t argc, char *const argv[], size_t *i, const char *name,
			 const char **value)
{
	const char *arg = argv[*i];
	size_t n = 0;
	for (; name[n]; n++) /* stops at arg's NUL, which never equals name[n] */
		if (arg[n] != name[n])
			return SS_ARG_OTHER;
	if (arg[n] == '=') {
		*value = arg + n + 1;
	} else if (arg[n] != '\0') {
		return SS_ARG_OTHER;
	} else {
		if (*i + 1 >= argc)
			return SS_ARG_MISSING;
		*value = argv[++*i];
	}
	return **value ? SS_ARG_VALUE : SS_ARG_EMPTY;
}

enum ss_arg ss_arg_one_of(size_t argc, char *const argv[], size_t *i, const char *const names[],
			  size_t n, size_t *which, const char **value)
{
	enum ss_arg a = SS_ARG_OTHER;
	for (*which = 0; *which < n; ++*which)
		if ((a = ss_arg_value(argc, argv, i, names[*which], value)) != SS_ARG_OTHER)
			break;
	return a;
}

const char *ss_arg_problem(enum ss_arg a)
{
	return a == SS_ARG_EMPTY ? "needs a non-empty value" : "needs a value";
}
