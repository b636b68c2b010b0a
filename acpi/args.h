/* SPDX-License-Identifier: MIT */
/* The command-line grammar the front ends share (the Linux command and the UEFI Shell app):
 * an option that takes a value is written "--name VALUE" or "--name=VALUE". */
#ifndef SS_ARGS_H
#define SS_ARGS_H

#include <stddef.h>

enum ss_arg {
	SS_ARG_OTHER,    /* argv[*i] is not this option */
	SS_ARG_VALUE,    /* it is, and *value is its value */
	SS_ARG_MISSING,  /* it is, the last token, with no value after it */
	SS_ARG_EMPTY,    /* it is, with an empty value ("--name=" or "--name ''") */
};

/* Is argv[*i] the option name ("--policy")? On SS_ARG_VALUE *value points at the value: the
 * text after '=' or the next token, in which case *i is moved onto it. Trusted input: argv
 * holds argc NUL-terminated strings. */
enum ss_arg ss_arg_value(size_t argc, char *const argv[], size_t *i, const char *name,
			 const char **value);

/* ss_arg_value() for each of names[0..n) in turn: *which is the one argv[*i] is (n when none,
 * with SS_ARG_OTHER). */
enum ss_arg ss_arg_one_of(size_t argc, char *const argv[], size_t *i, const char *const names[],
			  size_t n, size_t *which, const char **value);

/* "needs a value" / "needs a non-empty value": the end of the usage message for a result
 * other than SS_ARG_OTHER and SS_ARG_VALUE, the same words from every front end. */
const char *ss_arg_problem(enum ss_arg a);

#endif
