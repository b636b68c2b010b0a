/* SPDX-License-Identifier: MIT */
/* The Linux command's entry point: argv is already bytes (UTF-8 paths as they are). */
#include "main.h"

int main(int argc, char **argv)
{
	return host_main(argc, argv);
}
