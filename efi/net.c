/* SPDX-License-Identifier: MIT */
/* Network boot and the network checks' transport (docs/NETWORK.md), kept thin: everything
 * that parses or decides is in fw/ (http.c, skew.c, netcheck.c), host-tested.
 *
 * - Network boot is recognised by a started PXE base code on the image's device handle, or an
 *   IPv4 / URI node in its device path (HTTP boot).
 * - Files next to the boot file: PXE TFTP read (Mtftp READ_FILE from the DHCP server's next
 *   server, the boot file's directory), or after HTTP boot an HTTP GET over our TCP4 transport
 *   from the boot URI's directory.
 * - TCP4 children are configured with an explicit station address (PXE Mode->StationIp and
 *   SubnetMask, or the IPv4 device path node), never UseDefaultAddress: that would make Ip4Dxe
 *   switch its policy to DHCP and save it in a UEFI variable (REACH-FACTS §3).
 * - Every wait is bounded: a timer in milliseconds, polling the TCP4 instance, Stall(1 ms). */
#include "efi_ss.h"

#include <efipxebc.h>
#include <efitcp.h>

#include "http.h"
#include "netcheck.h"

static EFI_GUID pxe_guid = EFI_PXE_BASE_CODE_PROTOCOL_GUID;
static EFI_GUID tcp4_sb_guid = EFI_TCP4_SERVICE_BINDING_PROTOCOL;
static EFI_GUID tcp4_guid = EFI_TCP4_PROTOCOL;

#define MSG_URI_DP_SUB 24 /* UEFI 2.10 §10.3.5.23 URI device path */

static void set_why(struct efi_ss_net *n, const char *s)
{
	ss_fmt(n->why, sizeof(n->why), "%s", s);
}

static void scan_path(struct efi_ss_net *n, const UINT8 *node);

void efi_ss_net_detect(struct efi_ss_net *n, EFI_LOADED_IMAGE *li)
{
	ss_memfill(n, 0, sizeof(*n));
	if (li == NULL)
		return;
	EFI_DEVICE_PATH *dp = NULL;
	n->device = li->DeviceHandle;
	if (!EFI_ERROR(BS->HandleProtocol(li->DeviceHandle, &pxe_guid, (void **)&n->pxe)) &&
	    n->pxe != NULL && n->pxe->Mode != NULL && n->pxe->Mode->Started &&
	    !n->pxe->Mode->UsingIpv6 && n->pxe->Mode->DhcpAckReceived) {
		EFI_PXE_BASE_CODE_MODE *m = n->pxe->Mode;
		n->booted = n->is_pxe = true;
		ss_memcopy(n->station, &m->StationIp, 4);
		ss_memcopy(n->mask, &m->SubnetMask, 4);
		ss_memcopy(n->server, m->DhcpAck.Dhcpv4.BootpSiAddr, 4);
		/* the router, DHCP option 3, from the ACK's options */
		const UINT8 *o = m->DhcpAck.Dhcpv4.DhcpOptions;
		size_t olen = sizeof(m->DhcpAck.Dhcpv4.DhcpOptions);
		for (size_t i = 0; i + 1 < olen && o[i] != 0xFF;) {
			if (o[i] == 0) {
				i++;
				continue;
			}
			if (o[i] == 3 && o[i + 1] >= 4 && i + 6 <= olen)
				ss_memcopy(n->router, o + i + 2, 4);
			i += 2u + o[i + 1];
		}
		char file[130];
		ss_fmt(file, sizeof(file), "%.128s", (const char *)m->DhcpAck.Dhcpv4.BootpBootFile);
		size_t cut = ss_strlen(file);
		while (cut > 0 && file[cut - 1] != '/')
			cut--;
		file[cut] = '\0';
		ss_fmt(n->boot_dir, sizeof(n->boot_dir), "%s", file);
	} else {
		n->pxe = NULL;
	}
	if (EFI_ERROR(BS->HandleProtocol(li->DeviceHandle, &DevicePathProtocol, (void **)&dp)))
		dp = NULL;
	/* the device's path, then the image's file path (firmware puts the URI node in either) */
	scan_path(n, (const UINT8 *)dp);
	scan_path(n, (const UINT8 *)li->FilePath);
	n->have_addr = n->booted && (n->station[0] | n->station[1] | n->station[2] | n->station[3]);
}

static void scan_path(struct efi_ss_net *n, const UINT8 *node)
{
	for (int guard = 0; node != NULL && guard < 64; guard++) {
		UINT8 type = node[0], sub = node[1];
		UINT16 len = (UINT16)(node[2] | node[3] << 8);
		if (len < 4 || type == END_DEVICE_PATH_TYPE)
			break;
		/* IPv4 node, read by byte offsets (27 bytes, unaligned): local 4..8, gateway 19..23,
		 * mask 23..27 (UEFI 2.10 §10.3.5.12) */
		if (type == MESSAGING_DEVICE_PATH && sub == MSG_IPv4_DP && len >= 27 && !n->is_pxe) {
			n->booted = true;
			if ((node[4] | node[5] | node[6] | node[7]) != 0) {
				ss_memcopy(n->station, node + 4, 4);
				ss_memcopy(n->router, node + 19, 4);
				ss_memcopy(n->mask, node + 23, 4);
			}
		}
		if (type == MESSAGING_DEVICE_PATH && sub == MSG_URI_DP_SUB && len > 4) {
			/* the boot URI: its directory is where slicscan.cfg is fetched from */
			size_t ul = (size_t)len - 4, cut = ul;
			const char *u = (const char *)node + 4;
			while (cut > 0 && u[cut - 1] != '/')
				cut--;
			n->booted = n->is_http = true;
			if (cut > 0 && fw_url_parse(u, cut, &n->boot_url, NULL) == 0)
				n->have_boot_url = true;
		}
		node += len;
	}
}

/* ---- TCP4 transport ---- */

struct conn {
	EFI_HANDLE child;
	EFI_TCP4 *tcp;
	EFI_EVENT ev;
};

/* Wait for ev, polling tcp, at most ms milliseconds. */
static bool wait_ev(EFI_TCP4 *tcp, EFI_EVENT ev, unsigned ms)
{
	for (unsigned i = 0; i <= ms; i++) {
		if (BS->CheckEvent(ev) == EFI_SUCCESS)
			return true;
		if (tcp != NULL)
			tcp->Poll(tcp);
		BS->Stall(1000);
	}
	return false;
}

static int err_of(struct efi_ss_net *n, EFI_STATUS st, const char *what)
{
	ss_fmt(n->why, sizeof(n->why), "%s: %s", what,
	       st == EFI_TIMEOUT ? "timed out" : st == EFI_CONNECTION_REFUSED ? "connection refused"
	       : st == EFI_CONNECTION_RESET ? "connection reset" : st == EFI_NO_MAPPING ? "no address"
	       : st == EFI_NOT_FOUND ? "no TCP4 driver on this network card" : "firmware error");
	return -1;
}

static void destroy(struct efi_ss_net *n, struct conn *c)
{
	if (c->tcp != NULL) {
		EFI_TCP4_CLOSE_TOKEN ct;
		ss_memfill(&ct, 0, sizeof(ct));
		ct.AbortOnClose = TRUE;
		if (!EFI_ERROR(BS->CreateEvent(0, 0, NULL, NULL, &ct.CompletionToken.Event))) {
			if (!EFI_ERROR(c->tcp->Close(c->tcp, &ct)))
				wait_ev(c->tcp, ct.CompletionToken.Event, 500);
			BS->CloseEvent(ct.CompletionToken.Event);
		}
		c->tcp->Configure(c->tcp, NULL);
	}
	if (c->ev != NULL)
		BS->CloseEvent(c->ev);
	if (c->child != NULL)
		n->sb->DestroyChild(n->sb, c->child);
	FreePool(c);
}

/* A started TCP4 call (st its return) to its end: its token's status, or EFI_TIMEOUT after ms
 * (the call then cancelled). */
static EFI_STATUS finish_io(struct conn *c, EFI_STATUS st, EFI_TCP4_COMPLETION_TOKEN *tok,
			    unsigned ms)
{
	if (!EFI_ERROR(st))
		st = wait_ev(c->tcp, c->ev, ms) ? tok->Status : EFI_TIMEOUT;
	if (st == EFI_TIMEOUT)
		c->tcp->Cancel(c->tcp, tok);
	return st;
}

static int t_connect(void *ctx, const uint8_t ip[4], uint16_t port, unsigned ms, void **out)
{
	struct efi_ss_net *n = ctx;
	if (n->sb == NULL)
		return err_of(n, EFI_NOT_FOUND, "TCP");
	struct conn *c = AllocateZeroPool(sizeof(*c));
	if (c == NULL)
		return err_of(n, EFI_OUT_OF_RESOURCES, "TCP");
	EFI_STATUS st = n->sb->CreateChild(n->sb, &c->child);
	if (!EFI_ERROR(st))
		st = BS->HandleProtocol(c->child, &tcp4_guid, (void **)&c->tcp);
	if (EFI_ERROR(st)) {
		c->tcp = NULL;
		destroy(n, c);
		return err_of(n, st, "TCP child");
	}
	EFI_TCP4_CONFIG_DATA cd;
	ss_memfill(&cd, 0, sizeof(cd));
	cd.TimeToLive = 64;
	cd.AccessPoint.UseDefaultAddress = FALSE; /* never TRUE: it would write a UEFI variable */
	ss_memcopy(&cd.AccessPoint.StationAddress, n->station, 4);
	ss_memcopy(&cd.AccessPoint.SubnetMask, n->mask, 4);
	ss_memcopy(&cd.AccessPoint.RemoteAddress, ip, 4);
	cd.AccessPoint.RemotePort = port;
	cd.AccessPoint.ActiveFlag = TRUE;
	st = c->tcp->Configure(c->tcp, &cd);
	if (EFI_ERROR(st)) {
		c->tcp = NULL;
		destroy(n, c);
		return err_of(n, st, "TCP configure");
	}
	if (n->router[0] | n->router[1] | n->router[2] | n->router[3]) {
		EFI_IPv4_ADDRESS zero = { { 0, 0, 0, 0 } }, gw;
		ss_memcopy(&gw, n->router, 4);
		c->tcp->Routes(c->tcp, FALSE, &zero, &zero, &gw);
	}
	EFI_TCP4_CONNECTION_TOKEN tok;
	ss_memfill(&tok, 0, sizeof(tok));
	st = BS->CreateEvent(0, 0, NULL, NULL, &c->ev);
	if (!EFI_ERROR(st)) {
		tok.CompletionToken.Event = c->ev;
		st = finish_io(c, c->tcp->Connect(c->tcp, &tok), &tok.CompletionToken, ms);
	}
	if (EFI_ERROR(st)) {
		destroy(n, c);
		return err_of(n, st, "connect");
	}
	*out = c;
	return 0;
}

static int t_send(void *ctx, void *conn, const void *data, size_t len, unsigned ms)
{
	struct efi_ss_net *n = ctx;
	struct conn *c = conn;
	while (len > 0) {
		UINT32 chunk = len > 16384 ? 16384 : (UINT32)len;
		EFI_TCP4_TRANSMIT_DATA tx;
		EFI_TCP4_IO_TOKEN io;
		ss_memfill(&tx, 0, sizeof(tx));
		ss_memfill(&io, 0, sizeof(io));
		tx.Push = TRUE;
		tx.DataLength = chunk;
		tx.FragmentCount = 1;
		tx.FragmentTable[0].FragmentLength = chunk;
		tx.FragmentTable[0].FragmentBuffer = (void *)(uintptr_t)data;
		io.CompletionToken.Event = c->ev;
		io.Packet.TxData = &tx;
		EFI_STATUS st = finish_io(c, c->tcp->Transmit(c->tcp, &io), &io.CompletionToken, ms);
		if (EFI_ERROR(st))
			return err_of(n, st, "send");
		data = (const uint8_t *)data + chunk;
		len -= chunk;
	}
	return 0;
}

static long t_recv(void *ctx, void *conn, void *buf, size_t cap, unsigned ms)
{
	struct efi_ss_net *n = ctx;
	struct conn *c = conn;
	EFI_TCP4_RECEIVE_DATA rx;
	EFI_TCP4_IO_TOKEN io;
	UINT32 want = cap > 16384 ? 16384 : (UINT32)cap;
	ss_memfill(&rx, 0, sizeof(rx));
	ss_memfill(&io, 0, sizeof(io));
	rx.DataLength = want;
	rx.FragmentCount = 1;
	rx.FragmentTable[0].FragmentLength = want;
	rx.FragmentTable[0].FragmentBuffer = buf;
	io.CompletionToken.Event = c->ev;
	io.Packet.RxData = &rx;
	EFI_STATUS st = finish_io(c, c->tcp->Receive(c->tcp, &io), &io.CompletionToken, ms);
	if (st == EFI_CONNECTION_FIN)
		return 0;
	if (EFI_ERROR(st))
		return err_of(n, st, "receive");
	return (long)rx.DataLength;
}

static void t_close(void *ctx, void *conn)
{
	destroy(ctx, conn);
}

static const char *t_why(void *ctx, int err)
{
	struct efi_ss_net *n = ctx;
	(void)err;
	return n->why;
}


/* ---- an address on a stick boot: DHCP4 (UEFI 2.10 §29.2; not in gnu-efi) ----
 * A DHCP4 child of the first NIC that has DHCP4 and TCP4 service bindings, Start with our own
 * bounded wait, then its lease as the explicit station address. Nothing goes through
 * Ip4Config2 (whose policy is saved in a variable); the child is destroyed at the end. */
#define DHCP4_SB_GUID { 0x9d9a39d8, 0xbd42, 0x4a73, { 0xa4, 0xd5, 0x8e, 0xe9, 0x4b, 0xe1, 0x13, 0x80 } }
#define DHCP4_GUID { 0x8a219718, 0x4ef5, 0x4761, { 0x91, 0xc8, 0xc0, 0xf0, 0x4b, 0xda, 0x9e, 0x56 } }
struct dhcp4_config {
	UINT32 discover_try_count;
	UINT32 *discover_timeout;
	UINT32 request_try_count;
	UINT32 *request_timeout;
	EFI_IPv4_ADDRESS client_address;
	void *callback, *callback_context;
	UINT32 option_count;
	void *option_list;
};
struct dhcp4_mode {
	UINT32 state;
	struct dhcp4_config config;
	EFI_IPv4_ADDRESS client_address;
	EFI_MAC_ADDRESS client_mac;
	EFI_IPv4_ADDRESS server_address, router_address, subnet_mask;
	UINT32 lease_time;
	void *reply_packet;
};
struct dhcp4 {
	EFI_STATUS (EFIAPI *get_mode_data)(struct dhcp4 *self, struct dhcp4_mode *mode);
	EFI_STATUS (EFIAPI *configure)(struct dhcp4 *self, struct dhcp4_config *cfg);
	EFI_STATUS (EFIAPI *start)(struct dhcp4 *self, EFI_EVENT done);
	void *renew_rebind, *release;
	EFI_STATUS (EFIAPI *stop)(struct dhcp4 *self);
	void *build, *transmit_receive, *parse;
};
static EFI_GUID dhcp4_sb_guid = DHCP4_SB_GUID;
static EFI_GUID dhcp4_guid = DHCP4_GUID;
#define DHCP4_WAIT_MS 15000u

bool efi_ss_net_dhcp(struct efi_ss_net *n)
{
	EFI_HANDLE *hs = NULL;
	UINTN count = 0;
	if (n->have_addr)
		return true;
	/* Booted from a disk, the firmware usually has not started its network stack. Starting it
	 * (ConnectController on the NIC) makes Ip4Dxe/Ip6Dxe save per-MAC config and a DHCPv6
	 * ClientId in UEFI variables (checked in QEMU): so only a stack already running is used. */
	if (EFI_ERROR(BS->LocateHandleBuffer(ByProtocol, &dhcp4_sb_guid, NULL, &count, &hs))) {
		set_why(n, "the firmware has not started its network drivers (starting them would "
			"write UEFI variables)");
		return false;
	}
	set_why(n, "no network card with TCP4");
	for (UINTN i = 0; i < count && !n->have_addr; i++) {
		EFI_SERVICE_BINDING *sb = NULL, *tsb = NULL;
		struct dhcp4 *d = NULL;
		EFI_HANDLE child = NULL;
		EFI_EVENT ev = NULL;
		if (EFI_ERROR(BS->HandleProtocol(hs[i], &tcp4_sb_guid, (void **)&tsb)) ||
		    EFI_ERROR(BS->HandleProtocol(hs[i], &dhcp4_sb_guid, (void **)&sb)) ||
		    EFI_ERROR(sb->CreateChild(sb, &child)))
			continue;
		UINT32 disc[2] = { 2, 4 }, req[2] = { 2, 2 };
		struct dhcp4_config cfg;
		ss_memfill(&cfg, 0, sizeof(cfg));
		cfg.discover_try_count = 2;
		cfg.discover_timeout = disc;
		cfg.request_try_count = 2;
		cfg.request_timeout = req;
		if (!EFI_ERROR(BS->HandleProtocol(child, &dhcp4_guid, (void **)&d)) &&
		    !EFI_ERROR(d->configure(d, &cfg)) &&
		    !EFI_ERROR(BS->CreateEvent(0, 0, NULL, NULL, &ev)) &&
		    !EFI_ERROR(d->start(d, ev))) {
			struct dhcp4_mode md;
			ss_memfill(&md, 0, sizeof(md));
			if (wait_ev(NULL, ev, DHCP4_WAIT_MS) && !EFI_ERROR(d->get_mode_data(d, &md))) {
				const UINT8 *a = (const UINT8 *)&md.client_address;
				if (a[0] | a[1] | a[2] | a[3]) {
					ss_memcopy(n->station, a, 4);
					ss_memcopy(n->mask, &md.subnet_mask, 4);
					ss_memcopy(n->router, &md.router_address, 4);
					n->have_addr = true;
					n->nic = hs[i];
				}
			} else {
				set_why(n, "no DHCP answer within 15 s");
			}
			d->stop(d);
		}
		if (d != NULL)
			d->configure(d, NULL);
		if (ev != NULL)
			BS->CloseEvent(ev);
		sb->DestroyChild(sb, child);
	}
	FreePool(hs);
	return n->have_addr;
}

bool efi_ss_net_transport(struct efi_ss_net *n, struct fw_transport *t)
{
	EFI_DEVICE_PATH *dp = NULL;
	EFI_HANDLE h = NULL;
	ss_memfill(t, 0, sizeof(*t));
	t->ctx = n;
	t->connect = t_connect;
	t->send = t_send;
	t->recv = t_recv;
	t->close = t_close;
	t->why = t_why;
	t->alloc = efi_ss_pool_alloc;
	t->release = efi_ss_pool_free;
	if (!n->have_addr) {
		set_why(n, "no network address");
		return false;
	}
	/* the TCP4 service binding on the NIC DHCP found, or along the image device's path */
	if (n->nic != NULL)
		h = n->nic;
	if ((h == NULL && (EFI_ERROR(BS->HandleProtocol(n->device, &DevicePathProtocol, (void **)&dp)) ||
			   EFI_ERROR(BS->LocateDevicePath(&tcp4_sb_guid, &dp, &h)))) ||
	    EFI_ERROR(BS->HandleProtocol(h, &tcp4_sb_guid, (void **)&n->sb))) {
		n->sb = NULL;
		set_why(n, "no TCP4 driver on this network card");
		return false;
	}
	return true;
}

/* ---- files next to the boot file ---- */

EFI_STATUS efi_ss_net_read(struct efi_ss_net *n, const char *name, UINT8 **data, UINTN *len,
			   UINTN max)
{
	*data = NULL;
	*len = 0;
	UINT8 *buf = AllocatePool(max + 1);
	if (buf == NULL)
		return EFI_OUT_OF_RESOURCES;
	EFI_STATUS st = EFI_NOT_FOUND;
	if (n->is_pxe && n->pxe != NULL) {
		char file[200];
		EFI_IP_ADDRESS server;
		UINT64 size = max;
		ss_memfill(&server, 0, sizeof(server));
		ss_memcopy(&server, n->server, 4);
		ss_fmt(file, sizeof(file), "%s%s", n->boot_dir, name);
		/* READ_FILE with a buffer of max bytes: TFTP_ERROR / BUFFER_TOO_SMALL are answers */
		st = n->pxe->Mtftp(n->pxe, EFI_PXE_BASE_CODE_TFTP_READ_FILE, buf, FALSE, &size,
				   NULL, &server, (UINT8 *)file, NULL, FALSE);
		if (st == EFI_BUFFER_TOO_SMALL)
			st = EFI_BAD_BUFFER_SIZE;
		else if (st == EFI_TFTP_ERROR)
			st = EFI_NOT_FOUND;
		if (!EFI_ERROR(st))
			*len = (UINTN)size;
	} else if (n->is_http && n->have_boot_url) {
		struct fw_transport t;
		size_t got = 0;
		char why[100];
		if (efi_ss_net_transport(n, &t)) {
			int rc = fw_net_get(&t, &n->boot_url, name, buf, max, &got, why, sizeof(why));
			st = rc == 0 ? EFI_SUCCESS : rc == 1 ? EFI_NOT_FOUND : EFI_DEVICE_ERROR;
			*len = got;
		}
	}
	if (EFI_ERROR(st)) {
		FreePool(buf);
		return st;
	}
	buf[*len] = 0;
	*data = buf;
	return EFI_SUCCESS;
}
