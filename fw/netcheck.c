/* SPDX-License-Identifier: MIT */
/* The network checks and the report upload over a transport; see netcheck.h. */
#include "netcheck.h"

#include "bytes.h"
#include "http.h"
#include "skew.h"

static void ip_str(const uint8_t ip[4], char *buf, size_t cap)
{
	ss_fmt(buf, cap, "%u.%u.%u.%u", ip[0], ip[1], ip[2], ip[3]);
}

/* The URL's path joined with a stick path ("\reports\X.txt" -> "/PATH/reports/X.txt"). */
static void url_path(const struct fw_url *u, const char *stick, char *out, size_t cap)
{
	size_t o = ss_fmt(out, cap, "%s", u->path);
	while (*stick == '\\' || *stick == '/')
		stick++;
	for (; *stick && o + 1 < cap; stick++)
		out[o++] = *stick == '\\' ? '/' : *stick;
	if (o < cap)
		out[o] = '\0';
}

unsigned fw_net_request(struct fw_net *n, const char *method, const char *path,
			const void *body, size_t len)
{
	const struct fw_transport *t = n->t;
	char host[24], head[512];
	void *conn = NULL;
	n->requests++;
	if (n->dead) {
		ss_fmt(n->why, sizeof(n->why), "%s", n->dead_why);
		return 0;
	}
	if (!n->url->is_ip) {
		ss_fmt(n->why, sizeof(n->why), "collector %.40s: host names are not supported "
		       "(no DNS before boot): use an IPv4 address", n->url->host);
		return 0;
	}
	ip_str(n->url->ip, host, sizeof(host));
	int err = t->connect(t->ctx, n->url->ip, n->url->port, FW_NET_TIMEOUT_MS, &conn);
	if (err != 0) {
		ss_fmt(n->why, sizeof(n->why), "collector %s:%u: %s", host, n->url->port,
		       t->why(t->ctx, err));
		ss_fmt(n->dead_why, sizeof(n->dead_why), "%.95s", n->why);
		n->dead = true;
		return 0;
	}
	size_t hl = ss_fmt(head, sizeof(head),
			   "%s %s HTTP/1.1\r\nHost: %s:%u\r\nUser-Agent: slicscan\r\n"
			   "Content-Length: %zu\r\nConnection: close\r\n%s\r\n",
			   method, path, host, n->url->port, len,
			   body != NULL ? "Content-Type: application/octet-stream\r\n" : "");
	unsigned status = 0;
	if (hl >= sizeof(head)) {
		ss_fmt(n->why, sizeof(n->why), "request path too long");
		goto out;
	}
	err = t->send(t->ctx, conn, head, hl, FW_NET_TIMEOUT_MS);
	if (err == 0 && len > 0)
		err = t->send(t->ctx, conn, body, len, FW_NET_TIMEOUT_MS);
	if (err != 0) {
		ss_fmt(n->why, sizeof(n->why), "collector %s:%u: sending: %s", host, n->url->port,
		       t->why(t->ctx, err));
		goto out;
	}
	static uint8_t ans[FW_NET_ANSWER_MAX];
	size_t got = 0;
	struct fw_http_head h;
	const char *bad = NULL;
	int rc = 0;
	while (rc == 0 && got < sizeof(ans)) {
		long k = t->recv(t->ctx, conn, ans + got, sizeof(ans) - got, FW_NET_TIMEOUT_MS);
		if (k < 0) {
			ss_fmt(n->why, sizeof(n->why), "collector %s:%u: no answer: %s", host,
			       n->url->port, t->why(t->ctx, (int)k));
			goto out;
		}
		if (k == 0)
			break;
		got += (size_t)k;
		rc = fw_http_parse_head(ans, got, &h, &bad);
	}
	if (rc != 1) {
		ss_fmt(n->why, sizeof(n->why), "collector %s:%u: %s", host, n->url->port,
		       rc < 0 ? bad : got == sizeof(ans) ? "answer head too long" : "answer cut short");
		goto out;
	}
	if (h.has_date) {
		n->has_date = true;
		n->date = h.date;
	}
	status = h.status;
	if (n->body != NULL) { /* the body: what came with the head, then until the server closes */
		size_t have = got - h.head_len;
		if (have > n->body_cap) {
			ss_fmt(n->why, sizeof(n->why), "file larger than %zu bytes", n->body_cap);
			status = 0;
			goto out;
		}
		ss_memcopy(n->body, ans + h.head_len, have);
		for (;;) {
			long k = have < n->body_cap
				 ? t->recv(t->ctx, conn, n->body + have, n->body_cap - have, FW_NET_TIMEOUT_MS)
				 : t->recv(t->ctx, conn, ans, 1, FW_NET_TIMEOUT_MS);
			if (k == 0)
				break;
			if (k < 0 || have >= n->body_cap) {
				ss_fmt(n->why, sizeof(n->why), k < 0 ? "file cut short: %s"
				       : "file larger than the limit%.0s", k < 0 ? t->why(t->ctx, (int)k) : "");
				status = 0;
				goto out;
			}
			have += (size_t)k;
		}
		n->body_len = have;
	}
	if (status < 200 || status > 299)
		ss_fmt(n->why, sizeof(n->why), "collector answered %s %.80s with HTTP %u", method,
		       path, status);
out:
	t->close(t->ctx, conn);
	return status;
}

/* ---- the report files over HTTP (struct fw_files for fw_report_write) ---- */

enum { E_HTTP = -1 };

static bool h_exists(void *ctx, const char *path)
{
	struct fw_net *n = ctx;
	char p[256];
	url_path(n->url, path, p, sizeof(p));
	unsigned s = fw_net_request(n, "HEAD", p, NULL, 0);
	return s >= 200 && s <= 299; /* 404, or no answer: free (a PUT then says what is wrong) */
}

static int h_mkdirs(void *ctx, const char *path)
{
	(void)ctx, (void)path; /* the collector creates folders (nginx: create_full_put_path) */
	return 0;
}

static int h_put(struct fw_net *n, const char *stick, const void *data, size_t len)
{
	char p[256];
	url_path(n->url, stick, p, sizeof(p));
	unsigned s = fw_net_request(n, "PUT", p, data, len);
	return s >= 200 && s <= 299 ? 0 : E_HTTP;
}

static int h_write_new(void *ctx, const char *path, const void *data, size_t len)
{
	struct fw_net *n = ctx;
	/* remember NAME of "...\NAME.txt": the summary goes to summary/NAME.csv */
	size_t l = ss_strlen(path), b = l;
	while (b > 0 && path[b - 1] != '\\')
		b--;
	if (l - b > 4 && ss_memeq(path + l - 4, ".txt", 4))
		ss_fmt(n->name, sizeof(n->name), "%.*s", (int)(l - b - 4), path + b);
	return h_put(n, path, data, len);
}

static int h_append(void *ctx, const char *path, const void *head, size_t hlen,
		    const void *data, size_t len)
{
	struct fw_net *n = ctx;
	(void)path;
	char stick[120];
	ss_fmt(stick, sizeof(stick), "\\summary\\%s.csv", n->name);
	uint8_t *both = n->t->alloc(n->t->ctx, hlen + len + 1);
	if (both == NULL) {
		ss_fmt(n->why, sizeof(n->why), "out of memory");
		return E_HTTP;
	}
	ss_memcopy(both, head, hlen);
	ss_memcopy(both + hlen, data, len);
	int err = h_put(n, stick, both, hlen + len);
	n->t->release(n->t->ctx, both);
	return err;
}

static int h_remove(void *ctx, const char *path)
{
	struct fw_net *n = ctx;
	char p[256];
	url_path(n->url, path, p, sizeof(p));
	unsigned s = fw_net_request(n, "DELETE", p, NULL, 0);
	return s >= 200 && s <= 299 ? 0 : E_HTTP;
}

static const char *h_why(void *ctx, int err)
{
	struct fw_net *n = ctx;
	(void)err;
	return n->why;
}

static void *h_alloc(void *ctx, size_t sz)
{
	struct fw_net *n = ctx;
	return n->t->alloc(n->t->ctx, sz);
}

static void h_release(void *ctx, void *p)
{
	struct fw_net *n = ctx;
	n->t->release(n->t->ctx, p);
}

/* ---- the checks ---- */

void fw_net_kms(const struct fw_config *c, const struct fw_transport *t, struct ss_result *r)
{
	for (size_t i = 0; i < c->nkms && i < FW_KMS_MAX; i++) {
		char ip[24];
		void *conn = NULL;
		ip_str(c->kms_ip[i], ip, sizeof(ip));
		int err = t->connect(t->ctx, c->kms_ip[i], c->kms_port[i], c->kms_timeout * 1000u,
				     &conn);
		if (err == 0) {
			t->close(t->ctx, conn);
			ss_result_add_finding(r, SS_F_KMS_REACHABLE, "", "KMS host %s:%u accepted a "
					      "TCP connection", ip, c->kms_port[i]);
		} else {
			ss_result_add_finding(r, SS_F_KMS_UNREACHABLE, "", "KMS host %s:%u: %s (within "
					      "%u s): activation fails with 0xC004F039", ip,
					      c->kms_port[i], t->why(t->ctx, err), c->kms_timeout);
		}
	}
}

bool fw_net_run(const struct fw_config *c, const struct fw_transport *t,
		const struct fw_time *rtc, const struct fw_smbios_info *smb,
		struct ss_result *r, const struct ss_info *info, char *saved, size_t cap)
{
	struct fw_net n;
	ss_memfill(&n, 0, sizeof(n));
	n.t = t;
	n.url = &c->upload;
	saved[0] = '\0';
	if (c->upload_set)
		(void)fw_net_request(&n, "HEAD", c->upload.path, NULL, 0);
	if (c->upload_set && c->tz_set && rtc != NULL && n.has_date) {
		struct fw_skew s;
		char msg[SS_MSG_LEN];
		fw_skew_check(rtc, c->tz_minutes, n.date, &s, msg, sizeof(msg));
		if (s.skewed)
			ss_result_add_finding(r, SS_F_CLOCK_SKEW, "", "%s", msg);
	}
	fw_net_kms(c, t, r);
	if (!c->upload_set)
		return true;
	struct fw_files fs = { &n, h_exists, h_mkdirs, h_write_new, h_append, h_remove, h_why,
			       h_alloc, h_release };
	if (n.dead) { /* the collector is down: say so once, with the reason */
		ss_result_add_finding(r, SS_F_REPORT_NOT_SAVED, "", "report not sent to "
				      "http://%.40s:%u%.60s: %s", c->upload.host, c->upload.port,
				      c->upload.path, n.dead_why);
		return false;
	}
	struct fw_saved sv;
	bool ok = fw_report_write(&fs, "\\reports", "\\summary.csv", smb, r, info, c->lang, &sv);
	ss_fmt(saved, cap, "%s", sv.txt);
	return ok;
}

int fw_net_get(const struct fw_transport *t, const struct fw_url *dir, const char *name,
	       uint8_t *buf, size_t cap, size_t *len, char *why, size_t why_cap)
{
	struct fw_net n;
	char path[FW_URL_PATH_MAX + 64];
	ss_memfill(&n, 0, sizeof(n));
	n.t = t;
	n.url = dir;
	n.body = buf;
	n.body_cap = cap;
	ss_fmt(path, sizeof(path), "%s%s", dir->path, name);
	unsigned s = fw_net_request(&n, "GET", path, NULL, 0);
	*len = n.body_len;
	if (s >= 200 && s <= 299)
		return 0;
	if (s == 404)
		return 1;
	ss_fmt(why, why_cap, "%s", n.why);
	return -1;
}
