/* SPDX-License-Identifier: MIT */
/* slicscan --fleet DIR: the fleet page of every report JSON under a folder (fw/fleet.h). */
#ifndef HOST_FLEETDIR_H
#define HOST_FLEETDIR_H

/* Handles argv when argv[1] is "--fleet"; returns the exit code: 0 page written, 3 no report
 * could be read (the page is still written), 4 usage or an unwritable output. */
int host_fleet_main(int argc, char **argv);
#endif
