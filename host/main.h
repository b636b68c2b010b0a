/* SPDX-License-Identifier: MIT */
/* The command's one front end (host/main.c); argv in UTF-8 on every OS. */
#ifndef SS_HOST_MAIN_H
#define SS_HOST_MAIN_H

int host_main(int argc, char **argv);

#endif
