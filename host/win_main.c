/* SPDX-License-Identifier: MIT */
/* slicscan.exe's entry point (-municode): the UTF-16 command line as UTF-8, so non-ASCII paths
 * reach host/win_plat.c intact, and a console that shows UTF-8. */
#include "main.h"

#include <stdlib.h>
#include <windows.h>

int wmain(int argc, wchar_t **wargv);

int wmain(int argc, wchar_t **wargv)
{
	char **argv = calloc((size_t)argc + 1, sizeof(*argv));
	if (!argv)
		return 3;
	for (int i = 0; i < argc; i++) {
		int n = WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, NULL, 0, NULL, NULL);
		argv[i] = n > 0 ? malloc((size_t)n) : NULL;
		if (!argv[i] || WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, argv[i], n, NULL, NULL) != n)
			return 3;
	}
	SetConsoleOutputCP(CP_UTF8);
	return host_main(argc, argv);
}
