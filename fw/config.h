/* SPDX-License-Identifier: MIT */
/* The stick's config file slicscan.cfg: format, defaults and a parser that never fails.
 *
 * Format (docs/UEFI.md): one "key = value" per line; '#' at the start of a line, or after a
 * blank, starts a comment; blank lines are ignored; LF, CRLF or CR line ends; ASCII/UTF-8,
 * or UTF-16 with a BOM (Notepad). Keys and yes/no/action words are case-insensitive; a value
 * may be wrapped in double quotes.
 *
 * Contract: the input is untrusted bytes of any length. Parsing always completes (one pass,
 * bounded by the length). A bad line - unknown key, bad value, over-long line, binary junk -
 * adds a message "slicscan.cfg line N: ..." and puts that key back to its default, which is
 * always the safe choice (wait, report, no key shown). Nothing here touches firmware. */
#ifndef FW_CONFIG_H
#define FW_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "http.h"
#include "slicscan.h"

/* What to do after the verdict when the app was booted directly (not from the Shell). */
enum fw_action {
	FW_ACTION_WAIT = 0, /* wait for a key (or the timeout), then return to firmware */
	FW_ACTION_POWEROFF,
	FW_ACTION_REBOOT,
	FW_ACTION_EXIT,     /* return to firmware at once */
};

enum fw_policy_mode {
	FW_POLICY_DEFAULT = 0, /* use \slicscan\policy.txt when it exists */
	FW_POLICY_NONE,        /* "policy = none": built-in policy only */
	FW_POLICY_PATH,        /* the file named in path, which must exist */
};

#define FW_PATH_MAX 128          /* bytes, including the NUL */
#define FW_CFG_LINE_MAX 255      /* characters per line, without the line end */
#define FW_CFG_MAX_MSGS 8
#define FW_TIMEOUT_DEFAULT 60
#define FW_TIMEOUT_MAX 3600
#define FW_REPORT_DIR_DEFAULT "\\slicscan\\reports"
#define FW_POLICY_DEFAULT_PATH "\\slicscan\\policy.txt"
#define FW_SUMMARY_DEFAULT "\\slicscan\\summary.csv"
#define FW_CONFIG_NAME "slicscan.cfg"
/* The largest slicscan.cfg and policy file a front end reads from the stick. */
/* Network checks (docs/NETWORK.md): KMS hosts tried, and how long each connect may take. */
#define FW_KMS_MAX 4
#define FW_KMS_PORT_DEFAULT 1688
#define FW_KMS_TIMEOUT_DEFAULT 5
#define FW_KMS_TIMEOUT_MAX 60
#define FW_CONFIG_FILE_MAX (64u * 1024)
#define FW_POLICY_FILE_MAX (256u * 1024)

struct fw_config {
	enum fw_action action;
	unsigned timeout;                /* seconds, 1..3600 */
	bool report;                     /* write the report files */
	char report_dir[FW_PATH_MAX];/* absolute on the stick, '\' separators, no trailing '\' */
	char summary[FW_PATH_MAX];   /* the summary CSV a line is appended to; "" = none */
	enum fw_policy_mode policy_mode;
	char policy[FW_PATH_MAX];    /* for FW_POLICY_PATH */
	bool target_set;
	enum ss_target target;
	bool show_key;
	bool quiet;
	bool debug_exit;                 /* tests only: write the exit code to I/O port 0xf4 */
	bool text_80x25;                 /* text_mode = 80x25: use console mode 0, not the current */
	bool upload_set;                 /* upload = http://HOST[:PORT]/PATH/ */
	struct fw_url upload;
	bool tz_set;                     /* timezone = +HH:MM: the zone Windows will run in */
	int tz_minutes;                  /* east of UTC, -720..840 */
	size_t nkms;                     /* kms = IPv4[:PORT], several lines or a comma list */
	uint8_t kms_ip[FW_KMS_MAX][4];
	uint16_t kms_port[FW_KMS_MAX];
	unsigned kms_timeout;            /* seconds per connect, 1..FW_KMS_TIMEOUT_MAX */
	enum ss_lang lang;               /* language = en | zh-TW: the screen and the report .txt */
	char msg[FW_CFG_MAX_MSGS][SS_MSG_LEN];
	size_t nmsg;
	const char *unit;                /* messages name the line as "<unit> N"; NULL: "slicscan.cfg line" */
	size_t dropped_msgs;             /* messages beyond FW_CFG_MAX_MSGS */
};

void fw_config_defaults(struct fw_config *c);

/* The policy file c asks for: its path, or NULL for "policy = none". *must_exist is false for
 * the default \slicscan\policy.txt, which may be missing. */
const char *fw_config_policy_path(const struct fw_config *c, bool *must_exist);

/* The policy file's bytes into p (the core's format, docs/POLICY.md). 0, or -1 with err set to
 * "policy file PATH: why" and p back to the built-in policy (half a policy is worse than
 * none). */
int fw_policy_load(struct ss_policy *p, const char *path, const uint8_t *data, size_t len,
		   char *err, size_t cap);

/* Apply the file's lines on top of c (call fw_config_defaults first). */
void fw_config_parse(struct fw_config *c, const uint8_t *data, size_t len);
/* The same for lines from elsewhere: messages say "<unit> N: ..." instead of
 * "slicscan.cfg line N: ..." (the BIOS kernel's command line: unit "kernel command line,
 * word"). unit must outlive c. */
void fw_config_parse_from(struct fw_config *c, const uint8_t *data, size_t len, const char *unit);

/* Normalise a path for the stick: '/' becomes '\', a leading '\' is added, repeated and
 * trailing separators go. Refuses (returns -1 with a reason) control characters, any of
 * " * : < > ? |, non-ASCII, ".." components and results longer than cap - 1.
 * allow_root: whether "\" alone is acceptable. Used for config values and --report/--policy. */
int fw_path_normalise(const char *in, size_t len, char *out, size_t cap, bool allow_root,
			  const char **why);

#endif
