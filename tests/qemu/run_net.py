#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The network-boot scenarios (make test-net; docs/NETWORK.md): slicscan.efi PXE- and HTTP-booted
by OVMF in QEMU, uploading to a real nginx (Debian's, DAV module, PUT) started here on 127.0.0.1.

Networking is QEMU user mode only, on the documentation range 192.0.2.0/24 with restrict=on: the
guest reaches the host only through guestfwd rules, each a socat to 127.0.0.1 (REACH-FACTS §3).
  192.0.2.100:80  -> nginx (collector, and the HTTP boot server)
  192.0.2.101:80  -> a loopback port nobody listens on (collector down)
  192.0.2.60:1688 -> nginx as a stand-in KMS host (a TCP connect is all the app does)
  192.0.2.77      -> nothing (KMS unreachable: no answer)
Usage: run_net.py [-j N] [--bench] [NAME_FILTER...]"""
import argparse
import datetime
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.abspath(os.environ.get("BUILD", os.path.join(ROOT, "build")))
OVMF = os.path.join(BUILD, "ovmf")
APP = os.path.join(BUILD, "efi-x86_64", "slicscan.efi")
WORK = os.path.join(BUILD, "net")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


NGINX_CONF = """daemon off;
worker_processes 1;
pid {wd}/nginx.pid;
error_log {wd}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
    access_log {wd}/nginx-access.log;
    client_body_temp_path {wd}/body;
    proxy_temp_path {wd}/proxy; fastcgi_temp_path {wd}/fcgi; uwsgi_temp_path {wd}/uwsgi;
    scgi_temp_path {wd}/scgi;
    types {{ }}
    default_type application/octet-stream;
    server {{
        listen 127.0.0.1:{port};
        root {wd}/www;
        location /collect/ {{
            dav_methods PUT DELETE;
            create_full_put_path on;
            dav_access user:rw group:r all:r;
            client_max_body_size 4m;
        }}
    }}
}}
"""


class Collector:
    def __init__(self, wd):
        self.wd = wd
        self.port = free_port()
        self.dead_port = free_port()  # nobody listens here
        # nginx started as root runs its worker as nobody: the folders it writes are open to it
        for d in (os.path.join(wd, "www", "collect"), os.path.join(wd, "body")):
            os.makedirs(d, exist_ok=True)
            os.chmod(d, 0o777)
        with open(os.path.join(wd, "nginx.conf"), "w") as f:
            f.write(NGINX_CONF.format(wd=wd, port=self.port))
        self.p = subprocess.Popen(["nginx", "-p", wd, "-c", os.path.join(wd, "nginx.conf")],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        self.p.kill()
        raise SystemExit("nginx did not start: " + self.p.stderr.read().decode("utf-8", "replace"))

    def stop(self):
        self.p.terminate()
        self.p.wait(10)


class Sc:
    def __init__(self, name, how, cfg, expect, rtc="utc+8", serial=None, check=None, timeout=120,
                 variant=None):
        self.name, self.how, self.cfg, self.expect = name, how, cfg, expect
        self.variant = variant  # tables of tests/qemu/gen_tables.py injected with -acpitable
        self.rtc, self.serial, self.check, self.timeout = rtc, serial or name.upper(), check, timeout


UP = "upload = http://192.0.2.100/collect/\n"
BASE = "action = poweroff\ndebug_exit = yes\n"

SCENARIOS = [
    # name, boot, slicscan.cfg, expected findings (present / absent), rtc
    Sc("pxe-upload", "pxe", UP + "timezone = +08:00\nkms = 192.0.2.60\n",
       {"has": ["kms-reachable"], "not": ["clock-skew", "report-not-saved"], "saved": True, "exit": 0,
        "serial_has": "Report sent: http://192.0.2.100:80/collect/reports/PXE-UPLOAD.txt and .json"}),
    Sc("http-upload", "http", UP + "timezone = +08:00\n",
       {"has": [], "not": ["clock-skew", "report-not-saved"], "saved": True, "exit": 0}),
    Sc("pxe-rtc-utc", "pxe", UP + "timezone = +08:00\n",
       {"has": ["clock-skew"], "not": ["report-not-saved"], "saved": True, "exit": 2,
        "predicted": "0xC004F06C", "msg": "RTC holds UTC"}, rtc="utc"),
    Sc("pxe-kms-unreachable", "pxe", UP + "kms = 192.0.2.77\nkms_timeout = 3\n",
       {"has": ["kms-unreachable"], "not": ["report-not-saved"], "saved": True, "exit": 2,
        "predicted": "0xC004F039", "msg": "within 3 s"}),
    Sc("pxe-collector-down", "pxe", "upload = http://192.0.2.101/collect/\n",
       {"has": ["report-not-saved"], "saved": False, "exit": 2}),
    Sc("pxe-bad-url", "pxe", "upload = ftp://192.0.2.100/collect/\n",
       {"has": ["config-invalid"], "saved": False, "exit": 2, "serial_has": "not an http:// URL"}),
]
# A SLIC whose key has no marker: NOT READY, and the report on the collector judged as the
# Linux CLI judges the same tables.
SCENARIOS.append(Sc("pxe-not-ready-vs-cli", "pxe", UP, {"saved": True, "exit": 1, "cli": True,
                                                        "predicted": "0xC004F035"},
                    variant="key-no-marker"))
# A stick boot with upload set: OVMF has not started its network stack, and starting it would
# make the firmware write variables (a MAC-named Ip4Config2 one and a DHCPv6 ClientId): the
# stick report is written, the upload is refused with that reason, and no variable appears.
SCENARIOS.append(Sc("stick-upload", "stick", UP + "timezone = +08:00\n",
                    {"has": ["report-not-saved"], "saved": False, "exit": 2, "stick": True,
                     "serial_has": "has not started its network drivers",
                     "no_vars": ["525400123456", "ClientId"]}))
PARALLEL = ["fleet-a", "fleet-b", "fleet-c"]


def rtc_arg(kind):
    now = datetime.datetime.now(datetime.timezone.utc)
    if kind == "utc":
        t = now
    else:
        t = now + datetime.timedelta(hours=8)
    return "base=" + t.strftime("%Y-%m-%dT%H:%M:%S")


def boot(col, sc, wd):
    os.makedirs(wd, exist_ok=True)
    cfg = BASE + sc.cfg
    tftp = os.path.join(wd, "tftp")
    os.makedirs(tftp, exist_ok=True)
    shutil.copy(APP, os.path.join(tftp, "slicscan.efi"))
    with open(os.path.join(tftp, "slicscan.cfg"), "w") as f:
        f.write(cfg)
    # HTTP boot: the same files under the collector's www/boot/NAME/
    hb = os.path.join(col.wd, "www", "boot", sc.name)
    os.makedirs(hb, exist_ok=True)
    shutil.copy(APP, os.path.join(hb, "slicscan.efi"))
    with open(os.path.join(hb, "slicscan.cfg"), "w") as f:
        f.write(cfg)
    bootfile = "slicscan.efi" if sc.how == "pxe" else f"http://192.0.2.100/boot/{sc.name}/slicscan.efi"
    fwd = lambda addr, port: f"guestfwd=tcp:{addr}-cmd:socat - TCP:127.0.0.1:{port}"
    netdev = ",".join(["user,id=n0,net=192.0.2.0/24,host=192.0.2.2,dhcpstart=192.0.2.15,dns=192.0.2.3",
                       "ipv6=off,restrict=on", f"tftp={tftp}", f"bootfile={bootfile}",
                       fwd("192.0.2.100:80", col.port), fwd("192.0.2.101:80", col.dead_port),
                       fwd("192.0.2.60:1688", col.port)])
    vars_copy = os.path.join(wd, "vars.fd")
    shutil.copyfile(os.path.join(OVMF, "OVMF_VARS_4M.fd"), vars_copy)
    cmd = ["qemu-system-x86_64", "-machine", "q35", "-m", "256", "-nodefaults", "-display", "none",
           "-accel", "tcg",
           "-drive", f"if=pflash,format=raw,unit=0,readonly=on,file={os.path.join(OVMF, 'OVMF_CODE_4M.fd')}",
           "-drive", f"if=pflash,format=raw,unit=1,file={vars_copy}",
           "-netdev", netdev, "-device", "virtio-net-pci,netdev=n0,romfile=",
           "-smbios", f"type=1,serial={sc.serial}", "-rtc", rtc_arg(sc.rtc),
           "-serial", f"file:{os.path.join(wd, 'serial.log')}",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-no-reboot"]
    if sc.how == "stick":  # the stick boots first; the NIC is there for DHCP and TCP
        img = os.path.join(wd, "stick.img")
        with open(os.path.join(wd, "stick.cfg"), "w") as f:
            f.write(cfg)
        subprocess.run([os.path.join(ROOT, "scripts", "mkesp"), "-o", img, "--bootx64", APP,
                        "--cfg", os.path.join(wd, "stick.cfg")], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cmd += ["-drive", f"if=none,id=stick,format=raw,file={img}",
                "-device", "virtio-blk-pci,drive=stick,bootindex=0"]
        sc.img = img
    if sc.variant:
        for t in variants()[sc.variant]["tables"]:
            cmd += ["-acpitable", t["qemu"]]
    if sc.how == "http":  # no PXE try first (the IPv6 one alone costs ~65 s)
        cmd += ["-fw_cfg", "name=opt/org.tianocore/IPv4PXESupport,string=n",
                "-fw_cfg", "name=opt/org.tianocore/IPv6PXESupport,string=n"]
    t0 = time.time()
    try:
        r = subprocess.run(cmd, timeout=sc.timeout, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        rc = r.returncode
    except subprocess.TimeoutExpired:
        rc = None
    secs = time.time() - t0
    serial = open(os.path.join(wd, "serial.log"), "rb").read().decode("utf-8", "replace")
    return rc, secs, serial


_variants = {}


def variants():
    if not _variants:
        out = os.path.join(WORK, "tables")
        subprocess.run([sys.executable, os.path.join(ROOT, "tests", "qemu", "gen_tables.py"),
                        "--out", out], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(out, "variants.json")) as f:
            _variants.update(json.load(f)["variants"])
    return _variants


# Findings only one side can raise (where the tables came from, what the run did).
NOT_COMPARED = {"report-not-saved", "config-invalid", "clock-implausible", "clock-skew",
                "kms-reachable", "kms-unreachable", "slic-ids-unverified", "slic-ids-rsdt",
                "slic-ids-xsdt", "slic-ids-rsdp", "slic-ids-facp", "slic-not-listed",
                "root-absent", "facp-absent", "rsdt-xsdt-differ", "rsdp-invalid", "rsdp-ext-checksum"}


def cli_compare(sc, j, errs):
    cli = os.path.join(BUILD, "host", "slicscan")
    r = subprocess.run([cli, "--json", variants()[sc.variant]["acpidump"]], capture_output=True,
                       text=True)
    try:
        c = json.loads(r.stdout)
    except ValueError:
        errs.append(f"CLI --json output is not JSON ({r.stderr.strip()[:100]})")
        return
    def ids(d):
        return sorted({f["id"] for f in d.get("findings", []) if f.get("severity") != "info"
                       and f["id"] not in NOT_COMPARED})
    if ids(j) != ids(c):
        errs.append(f"findings differ: collector {ids(j)}, CLI {ids(c)}")
    for k in ("verdict", "exit_code", "predicted_error"):
        if j.get(k) != c.get(k):
            errs.append(f"{k}: collector {j.get(k)!r}, CLI {c.get(k)!r}")
    for k in (("slic", "present"), ("slic", "marker_version")):
        if (j.get(k[0]) or {}).get(k[1]) != (c.get(k[0]) or {}).get(k[1]):
            errs.append(f"{'.'.join(k)} differs between collector and CLI")


def stored(col, serial):
    d = os.path.join(col.wd, "www", "collect")
    rep = os.path.join(d, "reports", serial)
    out = {}
    for ext in ("json", "txt"):
        p = f"{rep}.{ext}"
        out[ext] = open(p, "rb").read() if os.path.exists(p) else None
    p = os.path.join(d, "summary", serial + ".csv")
    out["csv"] = open(p, "rb").read() if os.path.exists(p) else None
    return out


def check(col, sc, wd):
    rc, secs, serial = boot(col, sc, wd)
    errs = []
    e = sc.expect
    if rc is None:
        return [f"no exit within {sc.timeout} s (hang)"], secs
    code = (rc - 1) // 2 if rc % 2 == 1 else None
    if code != e["exit"]:
        errs.append(f"exit code {code} (QEMU status {rc}), expected {e['exit']}")
    if sc.how != "stick" and "Run mode" in serial and "network boot" not in serial:
        errs.append("run mode is not 'network boot'")
    if "Run mode                        : UEFI Shell" in serial:
        errs.append("the network-booted app took itself for a Shell run")
    got = stored(col, sc.serial)
    if e["saved"]:
        if got["json"] is None or got["txt"] is None or got["csv"] is None:
            errs.append(f"report not on the collector: {[k for k, v in got.items() if v is None]}")
        else:
            try:
                j = json.loads(got["json"])
            except ValueError as ex:
                errs.append(f"stored JSON is not whole: {ex}")
                j = {}
            ids = [f["id"] for f in j.get("findings", [])]
            for f in e.get("has", []):
                if f not in ids:
                    errs.append(f"finding {f} missing from the stored report ({ids})")
            for f in e.get("not", []):
                if f in ids:
                    errs.append(f"finding {f} in the stored report")
            if j.get("exit_code") != code:
                errs.append(f"stored report says exit {j.get('exit_code')}, app exited {code}")
            if "predicted" in e and j.get("predicted_error") != e["predicted"]:
                errs.append(f"predicted_error {j.get('predicted_error')}, expected {e['predicted']}")
            if e.get("cli"):
                cli_compare(sc, j, errs)
            if "msg" in e and e["msg"] not in got["json"].decode():
                errs.append(f"'{e['msg']}' not in the stored report")
            if j.get("verdict", "?").upper().replace("-", " ").split()[0] not in serial.upper():
                errs.append("the screen does not show the stored verdict")
            if sc.how != "stick" and "network boot" not in got["json"].decode():
                errs.append("stored report does not say 'network boot'")
            if b"\\reports\\" + sc.serial.encode() + b".txt" not in got["csv"]:
                errs.append("summary line does not name the report")
    else:
        if any(got.values()):
            errs.append("something was stored although the upload should have failed")
        for f in e.get("has", []):
            if f not in serial:
                errs.append(f"finding {f} not shown on the screen")
    if e.get("stick"):
        r = subprocess.run(["mdir", "-b", "-i", sc.img, "::/slicscan/reports"], capture_output=True,
                           text=True, env=dict(os.environ, MTOOLS_SKIP_CHECK="1"))
        if sc.serial.lower() + ".json" not in r.stdout.lower():
            errs.append(f"no report on the stick as well: {r.stdout.strip() or r.stderr.strip()}")
    if "no_vars" in e:
        names = subprocess.run(["strings", "-el", os.path.join(wd, "vars.fd")], capture_output=True,
                               text=True).stdout.split("\n")
        for v in e["no_vars"]:
            if v in names:
                errs.append(f"the run left a UEFI variable {v} in the variable store")
    if "serial_has" in e and e["serial_has"] not in " ".join(serial.split()):
        errs.append(f"'{e['serial_has']}' not on the screen")
    return errs, secs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--bench", action="store_true")
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    for tool in ("nginx", "socat", "qemu-system-x86_64"):
        if shutil.which(tool) is None:
            sys.exit(f"run_net: {tool} missing: scripts/deps.sh net")
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    col = Collector(os.path.join(WORK, "collector"))
    results = []
    t_all = time.time()
    try:
        if a.bench:
            for how in ("pxe", "http"):
                sc = Sc(f"bench-{how}", how, UP, {"saved": True, "exit": 0})
                errs, secs = check(col, sc, os.path.join(WORK, sc.name))
                print(f"  bench: {how.upper()} boot to report on the collector: {secs:.1f} s"
                      + (f" (FAILED: {errs})" if errs else ""))
            return 0
        chosen = [s for s in SCENARIOS if not a.names or any(n in s.name for n in a.names)]
        lock = threading.Lock()

        def one(sc):
            errs, secs = check(col, sc, os.path.join(WORK, sc.name))
            with lock:
                results.append((sc.name, errs, secs))
                print(f"  {'PASS' if not errs else 'FAIL'} net/{sc.name} ({secs:.1f}s)"
                      + "".join(f"\n      {e}" for e in errs), flush=True)

        # scenarios a.j at a time; then the fleet: three PCs at once against one collector
        pending = list(chosen)
        while pending:
            batch, pending = pending[:a.j], pending[a.j:]
            ts = [threading.Thread(target=one, args=(s,)) for s in batch]
            [t.start() for t in ts]
            [t.join() for t in ts]
        if not a.names or any(n in "fleet" for n in a.names):
            fleet = [Sc(n, "pxe", UP + "timezone = +08:00\n",
                        {"has": [], "not": ["report-not-saved"], "saved": True, "exit": 0})
                     for n in PARALLEL]
            ts = [threading.Thread(target=one, args=(s,)) for s in fleet]
            [t.start() for t in ts]
            [t.join() for t in ts]
    finally:
        col.stop()
    fails = sum(1 for _, e, _ in results if e)
    print(f"net: {len(results) - fails} passed, {fails} failed ({time.time() - t_all:.0f}s)")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
