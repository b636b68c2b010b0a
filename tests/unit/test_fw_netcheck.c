/* SPDX-License-Identifier: MIT */
/* Unit tests of fw/netcheck.c: the report upload (HEAD for a free name, PUT NAME.txt/.json,
 * PUT summary/NAME.csv), the Date capture with the skew rule, and the KMS connects - over a
 * fake transport (scripted answers, failures, timeouts) and over real TCP sockets on
 * 127.0.0.1 against a small PUT-storing server forked by the test. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"
#include "netcheck.h"

/* ---- a fake transport: every connection gets the next scripted answer ---- */

struct fake {
	const char *answers[16];
	int connect_err[16];        /* per connection: 0 or an error to return */
	size_t nconn;
	char sent[16][8192];
	size_t sentlen[16];
	bool open;
	unsigned last_timeout_ms;
};

static int f_connect(void *ctx, const uint8_t ip[4], uint16_t port, unsigned ms, void **conn)
{
	struct fake *f = ctx;
	(void)ip, (void)port;
	assert_false(f->open);
	assert_true(f->nconn < 16);
	f->last_timeout_ms = ms;
	size_t i = f->nconn++;
	if (f->connect_err[i])
		return f->connect_err[i];
	f->open = true;
	*conn = (void *)(uintptr_t)(i + 1);
	return 0;
}

static int f_send(void *ctx, void *conn, const void *data, size_t len, unsigned ms)
{
	struct fake *f = ctx;
	size_t i = (uintptr_t)conn - 1;
	(void)ms;
	assert_true(f->sentlen[i] + len < sizeof(f->sent[i]));
	memcpy(f->sent[i] + f->sentlen[i], data, len);
	f->sentlen[i] += len;
	return 0;
}

static long f_recv(void *ctx, void *conn, void *buf, size_t cap, unsigned ms)
{
	struct fake *f = ctx;
	size_t i = (uintptr_t)conn - 1;
	(void)ms;
	const char *a = f->answers[i];
	if (a == NULL)
		return -2; /* timed out */
	size_t n = strlen(a) < cap ? strlen(a) : cap;
	memcpy(buf, a, n);
	f->answers[i] = a + n;
	return (long)n;
}

static void f_close(void *ctx, void *conn)
{
	struct fake *f = ctx;
	(void)conn;
	f->open = false;
}

static const char *f_why(void *ctx, int err)
{
	(void)ctx;
	return err == -1 ? "connection refused" : err == -2 ? "timed out" : "error";
}

static void *f_alloc(void *ctx, size_t n)
{
	(void)ctx;
	return malloc(n);
}

static void f_release(void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

#define DATE "Date: Thu, 03 Dec 2026 06:00:00 GMT\r\n"
#define A404 "HTTP/1.1 404 Not Found\r\n" DATE "Content-Length: 0\r\n\r\n"
#define A201 "HTTP/1.1 201 Created\r\n" DATE "\r\n"
#define A200 "HTTP/1.1 200 OK\r\n" DATE "\r\n"

static void setup(struct fx *fx, struct ss_policy *p, struct fx_run *run, struct ss_result **r,
		  struct fw_config *c, const char *cfg)
{
	fx_init(fx);
	fx_policy(p, true);
	*r = fx_judge(run, fx, p);
	fw_config_defaults(c);
	fw_config_parse(c, (const uint8_t *)cfg, strlen(cfg));
	assert_int_equal(c->nmsg, 0);
}

static struct fw_smbios_info smb_serial(const char *serial)
{
	struct fw_smbios_info s;
	memset(&s, 0, sizeof(s));
	snprintf(s.sys_serial, sizeof(s.sys_serial), "%s", serial);
	return s;
}

static bool raised(const struct ss_result *r, enum ss_finding_id id)
{
	return r->raised[id] != 0;
}

static void test_fake_upload(void **state)
{
	(void)state;
	struct fx fx;
	struct ss_policy p;
	struct fx_run run;
	struct ss_result *r;
	struct fw_config c;
	setup(&fx, &p, &run, &r, &c, "upload = http://192.0.2.100/lab/\ntimezone = +08:00\n");
	struct fake f = { .answers = { A200, A404, A404, A201, A201, A201 } };
	struct fw_transport t = { &f, f_connect, f_send, f_recv, f_close, f_why, f_alloc, f_release };
	struct fw_time rtc = { .year = 2026, .month = 12, .day = 3, .hour = 14, .minute = 2 };
	struct fw_smbios_info smb = smb_serial("PC-0042");
	struct ss_info info = { 0 };
	char saved[400];
	assert_true(fw_net_run(&c, &t, &rtc, &smb, r, &info, saved, sizeof(saved)));
	assert_int_equal(f.nconn, 6);
	assert_false(raised(r, SS_F_CLOCK_SKEW));
	assert_false(raised(r, SS_F_REPORT_NOT_SAVED));
	assert_int_equal(strncmp(f.sent[0], "HEAD /lab/ HTTP/1.1\r\nHost: 192.0.2.100:80\r\n", 43), 0);
	assert_int_equal(strncmp(f.sent[1], "HEAD /lab/reports/PC-0042.txt ", 30), 0);
	assert_int_equal(strncmp(f.sent[2], "HEAD /lab/reports/PC-0042.json ", 31), 0);
	assert_int_equal(strncmp(f.sent[3], "PUT /lab/reports/PC-0042.txt ", 29), 0);
	assert_int_equal(strncmp(f.sent[4], "PUT /lab/reports/PC-0042.json ", 30), 0);
	assert_int_equal(strncmp(f.sent[5], "PUT /lab/summary/PC-0042.csv ", 29), 0);
	/* the JSON body is the whole report with its Content-Length */
	char *body = strstr(f.sent[4], "\r\n\r\n");
	assert_non_null(body);
	body += 4;
	char cl[40];
	snprintf(cl, sizeof(cl), "Content-Length: %zu\r\n", f.sentlen[4] - (size_t)(body - f.sent[4]));
	assert_non_null(strstr(f.sent[4], cl));
	assert_int_equal(body[0], '{');
	assert_non_null(strstr(body, "\"verdict\": \"ready\""));
	assert_non_null(strstr(strstr(f.sent[5], "\r\n\r\n"), "\\reports\\PC-0042.txt"));
	assert_non_null(strstr(saved, "PC-0042.txt"));
	fx_run_free(&run);
}

static void test_fake_skew_and_taken_name(void **state)
{
	(void)state;
	struct fx fx;
	struct ss_policy p;
	struct fx_run run;
	struct ss_result *r;
	struct fw_config c;
	setup(&fx, &p, &run, &r, &c, "upload = http://192.0.2.100/\ntimezone = +08:00\n");
	/* PC-0042.txt is taken: the name becomes PC-0042-2 */
	struct fake f = { .answers = { A200, A200, A404, A404, A201, A201, A201 } };
	struct fw_transport t = { &f, f_connect, f_send, f_recv, f_close, f_why, f_alloc, f_release };
	struct fw_time rtc = { .year = 2026, .month = 12, .day = 3, .hour = 6, .minute = 0 }; /* UTC */
	struct fw_smbios_info smb = smb_serial("PC-0042");
	struct ss_info info = { 0 };
	char saved[400];
	assert_true(fw_net_run(&c, &t, &rtc, &smb, r, &info, saved, sizeof(saved)));
	assert_true(raised(r, SS_F_CLOCK_SKEW));
	assert_string_equal(r->predicted_error, "0xC004F06C");
	assert_int_equal(r->verdict, SS_VERDICT_READY_WITH_WARNINGS);
	assert_non_null(strstr(f.sent[5], "PUT /reports/PC-0042-2.json "));
	assert_non_null(strstr(f.sent[6], "PUT /summary/PC-0042-2.csv "));
	/* the report sent already carries the skew */
	assert_non_null(strstr(f.sent[5], "clock-skew"));
	fx_run_free(&run);
}

static void test_fake_failures(void **state)
{
	(void)state;
	struct fx fx;
	struct ss_policy p;
	struct fx_run run;
	struct ss_result *r;
	struct fw_config c;
	struct fw_smbios_info smb = smb_serial("PC-1");
	struct ss_info info = { 0 };
	char saved[400];

	/* collector down: one connect, a clear reason, no further attempts */
	setup(&fx, &p, &run, &r, &c, "upload = http://192.0.2.100/\n");
	struct fake f = { .connect_err = { -1 } };
	struct fw_transport t = { &f, f_connect, f_send, f_recv, f_close, f_why, f_alloc, f_release };
	assert_false(fw_net_run(&c, &t, NULL, &smb, r, &info, saved, sizeof(saved)));
	assert_int_equal(f.nconn, 1);
	assert_true(raised(r, SS_F_REPORT_NOT_SAVED));
	assert_non_null(strstr(r->f[r->nf - 1].msg, "192.0.2.100:80: connection refused"));
	assert_int_equal(r->exit_code, SS_EXIT_WARNINGS);
	fx_run_free(&run);

	/* a PUT refused (403): report-not-saved naming the status; the .txt is deleted again */
	setup(&fx, &p, &run, &r, &c, "upload = http://192.0.2.100/\n");
	struct fake g = { .answers = { A200, A404, A404, A201,
				       "HTTP/1.1 403 Forbidden\r\n\r\n", A200 } };
	t.ctx = &g;
	assert_false(fw_net_run(&c, &t, NULL, &smb, r, &info, saved, sizeof(saved)));
	assert_non_null(strstr(g.sent[5], "DELETE /reports/PC-1.txt "));
	assert_non_null(strstr(r->f[r->nf - 1].msg, "HTTP 403"));
	fx_run_free(&run);

	/* an answer that never comes (timeout) and one that is not HTTP */
	setup(&fx, &p, &run, &r, &c, "upload = http://192.0.2.100/\n");
	struct fake h = { .answers = { A200, A404, A404, NULL } };
	t.ctx = &h;
	assert_false(fw_net_run(&c, &t, NULL, &smb, r, &info, saved, sizeof(saved)));
	assert_non_null(strstr(r->f[r->nf - 1].msg, "no answer: timed out"));
	assert_int_equal(h.last_timeout_ms, FW_NET_TIMEOUT_MS);
	fx_run_free(&run);
	setup(&fx, &p, &run, &r, &c, "upload = http://192.0.2.100/\n");
	struct fake k = { .answers = { A200, A404, A404, "SSH-2.0-x\r\n\r\n" } };
	t.ctx = &k;
	assert_false(fw_net_run(&c, &t, NULL, &smb, r, &info, saved, sizeof(saved)));
	assert_non_null(strstr(r->f[r->nf - 1].msg, "not HTTP"));
	fx_run_free(&run);

	/* a host name: refused before any connect */
	setup(&fx, &p, &run, &r, &c, "upload = http://collector.lab/\n");
	struct fake m = { .answers = { A200 } };
	t.ctx = &m;
	assert_false(fw_net_run(&c, &t, NULL, &smb, r, &info, saved, sizeof(saved)));
	assert_int_equal(m.nconn, 0);
	assert_non_null(strstr(r->f[r->nf - 1].msg, "host names are not supported"));
	fx_run_free(&run);
}

static void test_fake_kms(void **state)
{
	(void)state;
	struct fx fx;
	struct ss_policy p;
	struct fx_run run;
	struct ss_result *r;
	struct fw_config c;
	setup(&fx, &p, &run, &r, &c, "kms = 192.0.2.50, 192.0.2.51:1700\nkms_timeout = 2\n");
	struct fake f = { .connect_err = { 0, -2 } };
	struct fw_transport t = { &f, f_connect, f_send, f_recv, f_close, f_why, f_alloc, f_release };
	struct ss_info info = { 0 };
	char saved[400];
	assert_true(fw_net_run(&c, &t, NULL, NULL, r, &info, saved, sizeof(saved)));
	assert_string_equal(saved, "");
	assert_int_equal(f.nconn, 2);
	assert_int_equal(f.last_timeout_ms, 2000);
	assert_true(raised(r, SS_F_KMS_REACHABLE));
	assert_true(raised(r, SS_F_KMS_UNREACHABLE));
	assert_non_null(strstr(r->f[r->nf - 1].msg, "192.0.2.51:1700: timed out (within 2 s)"));
	assert_string_equal(r->predicted_error, "0xC004F039");
	fx_run_free(&run);
}

/* ---- real sockets on 127.0.0.1 ---- */

static int s_connect(void *ctx, const uint8_t ip[4], uint16_t port, unsigned ms, void **conn)
{
	(void)ctx;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	memcpy(&a.sin_addr, ip, 4);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0 && errno != EINPROGRESS) {
		int e = errno;
		close(fd);
		return -e;
	}
	struct pollfd pf = { fd, POLLOUT, 0 };
	int err = 0;
	socklen_t l = sizeof(err);
	if (poll(&pf, 1, (int)ms) != 1) {
		close(fd);
		return -ETIMEDOUT;
	}
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &l);
	if (err != 0) {
		close(fd);
		return -err;
	}
	*conn = (void *)(intptr_t)(fd + 1);
	return 0;
}

static int s_send(void *ctx, void *conn, const void *data, size_t len, unsigned ms)
{
	(void)ctx;
	int fd = (int)(intptr_t)conn - 1;
	const char *d = data;
	while (len > 0) {
		struct pollfd pf = { fd, POLLOUT, 0 };
		if (poll(&pf, 1, (int)ms) != 1)
			return -ETIMEDOUT;
		ssize_t k = send(fd, d, len, MSG_NOSIGNAL);
		if (k < 0)
			return errno == EAGAIN ? 0 : -errno;
		d += k;
		len -= (size_t)k;
	}
	return 0;
}

static long s_recv(void *ctx, void *conn, void *buf, size_t cap, unsigned ms)
{
	(void)ctx;
	int fd = (int)(intptr_t)conn - 1;
	struct pollfd pf = { fd, POLLIN, 0 };
	if (poll(&pf, 1, (int)ms) != 1)
		return -ETIMEDOUT;
	ssize_t k = recv(fd, buf, cap, 0);
	return k < 0 ? -errno : (long)k;
}

static void s_close(void *ctx, void *conn)
{
	(void)ctx;
	close((int)(intptr_t)conn - 1);
}

static const char *s_why(void *ctx, int err)
{
	(void)ctx;
	return strerror(-err);
}

/* The server: one connection at a time; HEAD answers 200/404 by file, PUT stores the body
 * (the directories made as nginx's create_full_put_path does), with a Date 8 h behind the
 * RTC fields given below, as a collector in UTC sees a PC whose RTC holds UTC+8 local time. */
static void serve(int ls, const char *root)
{
	for (;;) {
		int fd = accept(ls, NULL, NULL);
		if (fd < 0)
			_exit(0);
		static char req[65536];
		size_t n = 0;
		char *end = NULL;
		while (n < sizeof(req) - 1) {
			ssize_t k = recv(fd, req + n, sizeof(req) - 1 - n, 0);
			if (k <= 0)
				break;
			n += (size_t)k;
			req[n] = '\0';
			if ((end = strstr(req, "\r\n\r\n")) != NULL) {
				char *cl = strstr(req, "Content-Length: ");
				size_t want = cl ? strtoul(cl + 16, NULL, 10) : 0;
				if (n >= (size_t)(end + 4 - req) + want)
					break;
			}
		}
		char method[8], path[256], file[512];
		int code = 400;
		if (end && sscanf(req, "%7s %255s", method, path) == 2 && !strstr(path, "..")) {
			snprintf(file, sizeof(file), "%s%s", root, path);
			struct stat st;
			if (!strcmp(method, "HEAD"))
				code = stat(file, &st) == 0 ? 200 : 404;
			else if (!strcmp(method, "PUT")) {
				for (char *s = file + strlen(root) + 1; (s = strchr(s, '/')); s++) {
					*s = '\0';
					mkdir(file, 0755);
					*s = '/';
				}
				FILE *o = fopen(file, "wb");
				size_t body = (size_t)(end + 4 - req);
				code = o && fwrite(req + body, 1, n - body, o) == n - body ? 201 : 500;
				if (o)
					fclose(o);
			} else if (!strcmp(method, "DELETE"))
				code = unlink(file) == 0 ? 204 : 404;
		}
		char ans[200];
		int al = snprintf(ans, sizeof(ans), "HTTP/1.1 %d X\r\nDate: Thu, 03 Dec 2026 06:00:00 GMT\r\n"
				  "Content-Length: 0\r\nConnection: close\r\n\r\n", code);
		send(fd, ans, (size_t)al, MSG_NOSIGNAL);
		close(fd);
	}
}

static int listener(uint16_t *port)
{
	int ls = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t l = sizeof(a);
	assert_int_equal(bind(ls, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(ls, 16), 0);
	getsockname(ls, (struct sockaddr *)&a, &l);
	*port = ntohs(a.sin_port);
	return ls;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	static char buf[65536];
	*len = fread(buf, 1, sizeof(buf) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static void test_loopback(void **state)
{
	(void)state;
	char root[] = "/tmp/slicscan-net-XXXXXX";
	assert_non_null(mkdtemp(root));
	uint16_t port, closed;
	int ls = listener(&port);
	int ls2 = listener(&closed);
	close(ls2); /* a port nobody listens on: refused */
	pid_t pid = fork();
	if (pid == 0)
		serve(ls, root);
	close(ls);

	struct fx fx;
	struct ss_policy p;
	struct fx_run run;
	struct ss_result *r;
	struct fw_config c;
	char cfg[256];
	snprintf(cfg, sizeof(cfg), "upload = http://127.0.0.1:%u/c/\ntimezone = +08:00\n"
		 "kms = 127.0.0.1:%u, 127.0.0.1:%u\nkms_timeout = 1\n", port, port, closed);
	setup(&fx, &p, &run, &r, &c, cfg);
	struct fw_transport t = { NULL, s_connect, s_send, s_recv, s_close, s_why, f_alloc, f_release };
	struct fw_time rtc = { .year = 2026, .month = 12, .day = 3, .hour = 6, .minute = 0 }; /* UTC */
	struct fw_smbios_info smb = smb_serial("LOOP1");
	struct ss_info info = { 0 };
	char saved[400];
	bool ok = fw_net_run(&c, &t, &rtc, &smb, r, &info, saved, sizeof(saved));
	struct fw_smbios_info smb2 = smb_serial("LOOP1");
	struct fx_run run2;
	struct ss_result *r2 = fx_judge(&run2, &fx, &p);
	bool ok2 = fw_net_run(&c, &t, &rtc, &smb2, r2, &info, saved, sizeof(saved));
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	assert_true(ok);
	assert_true(ok2);
	assert_true(raised(r, SS_F_CLOCK_SKEW));
	assert_true(raised(r, SS_F_KMS_REACHABLE));
	assert_true(raised(r, SS_F_KMS_UNREACHABLE));

	/* what the server stored is exactly what the core renders for this result */
	char path[600];
	size_t len;
	snprintf(path, sizeof(path), "%s/c/reports/LOOP1.json", root);
	char *json = slurp(path, &len);
	assert_non_null(json);
	/* the skew was found first, so it decides: its error is the predicted one */
	assert_non_null(strstr(json, "\"predicted_error\": \"0xC004F06C\""));
	assert_non_null(strstr(json, "clock-skew"));
	assert_non_null(strstr(json, "kms-unreachable"));
	assert_int_equal(json[len - 1], '\n');
	snprintf(path, sizeof(path), "%s/c/reports/LOOP1.txt", root);
	assert_non_null(slurp(path, &len));
	snprintf(path, sizeof(path), "%s/c/summary/LOOP1.csv", root);
	char *csv = slurp(path, &len);
	assert_non_null(csv);
	assert_non_null(strstr(csv, "\\reports\\LOOP1.txt"));
	/* the second run did not overwrite the first */
	snprintf(path, sizeof(path), "%s/c/reports/LOOP1-2.json", root);
	assert_non_null(slurp(path, &len));
	snprintf(path, sizeof(path), "%s/c/summary/LOOP1-2.csv", root);
	assert_non_null(slurp(path, &len));
	fx_run_free(&run);
	fx_run_free(&run2);
	char cmd[100];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	assert_int_equal(system(cmd), 0);
}

static void test_fake_get(void **state)
{
	(void)state;
	struct fw_url u;
	assert_int_equal(fw_url_parse("http://192.0.2.100/boot", 23, &u, NULL), 0);
	struct fake f = { .answers = { "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\naction = ",
				       A404, "HTTP/1.1 200 OK\r\n\r\n0123456789" } };
	struct fw_transport t = { &f, f_connect, f_send, f_recv, f_close, f_why, f_alloc, f_release };
	uint8_t buf[10];
	size_t len;
	char why[100];
	/* the fake answers in pieces; the 2nd piece of the first answer is the rest of the body */
	f.answers[0] = "HTTP/1.1 200 OK\r\n\r\nwait\n";
	assert_int_equal(fw_net_get(&t, &u, "slicscan.cfg", buf, sizeof(buf), &len, why, sizeof(why)), 0);
	assert_int_equal(len, 5);
	assert_memory_equal(buf, "wait\n", 5);
	assert_int_equal(strncmp(f.sent[0], "GET /boot/slicscan.cfg HTTP/1.1\r\n", 33), 0);
	assert_int_equal(fw_net_get(&t, &u, "policy.txt", buf, sizeof(buf), &len, why, sizeof(why)), 1);
	/* larger than the buffer: refused, never cut */
	assert_int_equal(fw_net_get(&t, &u, "big", buf, 5, &len, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "larger"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fake_upload),
		cmocka_unit_test(test_fake_skew_and_taken_name),
		cmocka_unit_test(test_fake_failures),
		cmocka_unit_test(test_fake_kms),
		cmocka_unit_test(test_fake_get),
		cmocka_unit_test(test_loopback),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
