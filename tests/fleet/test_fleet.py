#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The fleet page (slicscan --fleet DIR) in a real browser: Debian's chromium, headless,
driven over the DevTools pipe (cdp.py). Reports are made by the Linux command on real corpus
dumps, given machine facts as the UEFI app writes them, then damaged and poisoned: the page
must count, group and list them, keep hostile strings as text, sort and filter on clicks, and
stay usable at 2,000 machines. A screenshot lands in build/fleet/fleet.png for a person to see.

Usage: test_fleet.py --slicscan build/san/slicscan [--build build] [--bench]"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CORPUS = os.path.join(TOP, "..", "shared", "corpus", "linuxhw")
results = []


def case(name, ok, detail=""):
    results.append((name, ok))
    print("  %s %s%s" % ("PASS" if ok else "FAIL", name, "" if ok else ": " + str(detail)[:300]))


def run(args):
    p = subprocess.run(args, capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode(errors="replace")


def expected():
    rows = {}
    with open(os.path.join(CORPUS, "expected.jsonl")) as f:
        for line in f:
            d = json.loads(line)
            rows.setdefault(d["reason"], []).append(d["file"])
    return rows


HOSTILE_MAKE = "<script>alert(1)</script><img src=x onerror=alert(2)>"
HOSTILE_MODEL = "\"quoted\" 'single' & </td></tr><b>bold</b>"
RTL_BIOS = "\u202eevil.exe \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627"
LONG_SERIAL = "S" * 120 + "-" + "\u53f0\u7063" * 20


def make_reports(slicscan, root, sub="reports"):
    """Reports of real dumps with UEFI-style machine facts; returns the verdicts written and
    the what_to_do of the first erased machine."""
    exp = expected()
    plan = []  # (dump, name, make, model, bios)
    for i, f in enumerate(exp["no-slic"][:3]):
        plan.append((f, "RDY%d" % i, f.split("_")[1], f.split("_")[2], "1.0%d" % i))
    for i, f in enumerate(exp["no-rsdt-xsdt-in-dump"][:2]):
        plan.append((f, "WRN%d" % i, f.split("_")[1], f.split("_")[2], "2.0"))
    # two erased machines of one model and BIOS (one group), one of another BIOS version
    blank = exp["invalid-slic:blank-ff"]
    plan.append((blank[0], "ERA1", "Dell Inc.", "OptiPlex 780", "A12"))
    plan.append((blank[1 % len(blank)], "ERA2", "Dell Inc.", "OptiPlex 780", "A12"))
    plan.append((blank[2 % len(blank)], "ERA3", "Dell Inc.", "OptiPlex 780", "A14"))
    plan.append((exp["invalid-marker:signature"][0], "SIG1", "Hewlett-Packard", "Compaq 6000", "786G2"))
    plan.append((exp["no-slic"][5], "HOSTILE", HOSTILE_MAKE, HOSTILE_MODEL, RTL_BIOS))
    os.makedirs(os.path.join(root, sub), exist_ok=True)
    verdicts, todo = {}, None
    for dump, name, mk, model, bios in plan:
        rc, out, err = run([slicscan, "--json", os.path.join(CORPUS, dump)])
        rep = json.loads(out)
        rep["machine"] = {"system_manufacturer": mk, "system_product": model,
                          "system_serial": LONG_SERIAL if name == "HOSTILE" else name,
                          "bios_version": bios, "firmware_time": "2026-12-03 06:%02d:00" % len(verdicts)}
        with open(os.path.join(root, sub, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(rep, f, indent=2, ensure_ascii=(name != "HOSTILE"))
        rc, txt, err = run([slicscan, os.path.join(CORPUS, dump)])
        with open(os.path.join(root, sub, name + ".txt"), "wb") as f:
            f.write(txt)
        verdicts[name] = rep["verdict"]
        if name == "ERA1":
            todo = rep["what_to_do"]
    # cannot judge: a garbage input
    garbage = os.path.join(root, "garbage.bin")
    with open(garbage, "wb") as f:
        f.write(b"not acpi at all\n" * 10)
    rc, out, err = run([slicscan, "--json", garbage])
    rc, txt, err = run([slicscan, garbage])
    with open(os.path.join(root, sub, "ERR1.txt"), "wb") as f:
        f.write(txt)
    os.unlink(garbage)
    with open(os.path.join(root, sub, "ERR1.json"), "wb") as f:
        f.write(out)
    verdicts["ERR1"] = "error"
    # a power loss: one report cut mid-write, one with its tail never written (NULs)
    whole = open(os.path.join(root, sub, "RDY0.json"), "rb").read()
    with open(os.path.join(root, sub, "CUT.json"), "wb") as f:
        f.write(whole[: len(whole) // 2])
    with open(os.path.join(root, sub, "NUL.json"), "wb") as f:
        f.write(whole + b"\0" * 4096)
    return verdicts, todo


def count_by_verdict(verdicts):
    c = {"ready": 0, "ready-with-warnings": 0, "not-ready": 0, "error": 0}
    for v in verdicts.values():
        c[v] += 1
    return c


def big_fleet(slicscan, root, n):
    """n machines from a handful of real reports (distinct names and serials)."""
    src = os.path.join(root, "src")
    os.makedirs(src)
    verdicts, _ = make_reports(slicscan, src)
    bases = [json.load(open(os.path.join(src, "reports", k + ".json"), encoding="utf-8"))
             for k in sorted(verdicts) if k != "HOSTILE"]
    os.makedirs(os.path.join(root, "reports"))
    counts = {}
    for i in range(n):
        rep = dict(bases[i % len(bases)])
        rep["machine"] = dict(rep.get("machine") or {}, system_serial="PC%05d" % i,
                              system_product="Model %d" % (i % 37))
        counts[rep["verdict"]] = counts.get(rep["verdict"], 0) + 1
        with open(os.path.join(root, "reports", "PC%05d.json" % i), "w") as f:
            json.dump(rep, f)
    shutil.rmtree(src)
    return counts


def cli_checks(slicscan, tmp):
    empty = os.path.join(tmp, "empty")
    os.makedirs(empty)
    rc, out, err = run([slicscan, "--fleet", empty])
    case("cli: a folder without reports exits 3 and still prints a page",
         rc == 3 and b"data-count=\"0\"" in out, (rc, err))
    rc, out, err = run([slicscan, "--fleet"])
    case("cli: --fleet without a folder is a usage error (4)", rc == 4 and "folder" in err, (rc, err))
    rc, out, err = run([slicscan, "--fleet", os.path.join(tmp, "nope")])
    case("cli: a missing folder is a usage error (4)", rc == 4 and "not a folder" in err, (rc, err))
    rc, out, err = run([slicscan, "--fleet", empty, "--bogus"])
    case("cli: an unknown option is a usage error (4)", rc == 4, (rc, err))
    rc, out, err = run([slicscan, "--fleet", empty, "-o", os.path.join(tmp, "no", "dir", "x.html")])
    case("cli: an unwritable -o is a usage error (4)", rc == 4 and "cannot write" in err, (rc, err))
    # the cap: 4,100 machines are all counted, 4,096 listed, the rest named in a note
    capdir = os.path.join(tmp, "cap", "reports")
    os.makedirs(capdir)
    one = b'{"tool":"slicscan","verdict":"ready","machine":{"system_serial":"X"}}'
    for i in range(4100):
        with open(os.path.join(capdir, "M%04d.json" % i), "wb") as f:
            f.write(one)
    rc, out, err = run([slicscan, "--fleet", os.path.join(tmp, "cap")])
    page = out.decode()
    case("cli: 4,100 reports: all counted, 4,096 rows, a note for the rest",
         rc == 0 and 'data-verdict="ready" data-count="4100"' in page and
         page.count("<tr class=") == 4096 and 'id="dropped"' in page and ">4 " in page,
         (rc, page.count("<tr class="), err))


def browser_checks(slicscan, tmp, build):
    stick = os.path.join(tmp, "stick", "slicscan")
    verdicts, todo = make_reports(slicscan, stick)
    # a collector's folder: reports nested a level deeper are found too
    collector = os.path.join(tmp, "collector")
    make_reports(slicscan, collector, sub=os.path.join("room12", "reports"))
    page_path = os.path.join(stick, "summary.html")
    rc, out, err = run([slicscan, "--fleet", stick, "-o", page_path])
    case("cli: --fleet on a stick folder exits 0 and writes -o FILE",
         rc == 0 and os.path.getsize(page_path) > 1000, (rc, err))
    html = open(page_path, encoding="utf-8").read()
    case("page: self-contained (no src=, no <link>, no http)",
         " src=" not in html.replace("src=x", "") and "<link" not in html and "http" not in html,
         [w for w in (" src=", "<link", "http") if w in html])
    rc, cout, err = run([slicscan, "--fleet", collector])
    case("cli: a collector folder with nested reports is read",
         rc == 0 and 'data-verdict="not-ready" data-count="4"' in cout.decode() and
         "room12/reports/ERA1.txt" in cout.decode(), err)

    want = count_by_verdict(verdicts)
    b = cdp.Browser(width=1280, height=1000)
    try:
        t = b.open("file://" + page_path)
        got = b.eval("Array.prototype.map.call(document.querySelectorAll('#counts [data-verdict]'),"
                     "function(e){return [e.getAttribute('data-verdict'),+e.getAttribute('data-count'),"
                     "e.querySelector('.n').textContent];})")
        for v, n in want.items():
            row = [g for g in got if g[0] == v]
            case("browser: count of %s is %d" % (v, n),
                 len(row) == 1 and row[0][1] == n and row[0][2] == str(n), row)
        case("browser: total machines", b.eval("document.getElementById('total').textContent") ==
             str(sum(want.values())))
        groups = b.eval("Array.prototype.map.call(document.querySelectorAll('#groups-table tbody tr'),"
                        "function(r){return {cause:r.dataset.cause,bios:r.dataset.biosUpdate,n:+r.dataset.machines,"
                        "cells:Array.prototype.map.call(r.cells,function(c){return c.textContent;}),"
                        "todo:Array.prototype.map.call(r.querySelectorAll('li'),function(l){return l.textContent;})};})")
        era12 = [g for g in groups if g["cells"][:3] == ["Dell Inc.", "OptiPlex 780", "A12"]]
        case("browser: two erased machines of one model and BIOS are one group (BIOS update: yes)",
             len(era12) == 1 and era12[0]["n"] == 2 and era12[0]["cause"] == "erased" and
             era12[0]["bios"] == "yes", era12)
        case("browser: the same model with another BIOS version is its own group",
             any(g["cells"][:3] == ["Dell Inc.", "OptiPlex 780", "A14"] for g in groups), groups)
        case("browser: 3 failing groups, no group for ready machines", len(groups) == 3,
             [g["cells"][:4] for g in groups])
        case("browser: the group's what-to-do is the report's own advice",
             era12 and era12[0]["todo"] and all(line in todo for line in era12[0]["todo"]),
             (era12 and era12[0]["todo"], todo))
        bad = b.eval("Array.prototype.map.call(document.querySelectorAll('#unreadable li'),"
                     "function(l){return l.textContent;})")
        case("browser: the cut and the NUL-filled report are listed as unreadable",
             len(bad) == 2 and any("CUT.json" in x for x in bad) and
             any("NUL.json" in x and "NUL" in x.split(":", 1)[1] for x in bad), bad)
        rows = b.eval("document.querySelectorAll('#machine-table tbody tr').length")
        case("browser: one row per readable report", rows == len(verdicts), rows)
        # hostile strings stay text
        hostile = b.eval("(function(){var r=[].slice.call(document.querySelectorAll('#machine-table tbody tr'))"
                         ".filter(function(r){return r.cells[0].textContent==='HOSTILE';})[0];"
                         "return r?[].map.call(r.cells,function(c){return c.textContent;}):null;})()")
        case("browser: <script>/<img onerror> in a manufacturer is shown as text",
             hostile and hostile[2] == HOSTILE_MAKE, hostile)
        case("browser: quotes and closing tags in a model are shown as text",
             hostile and hostile[3] == HOSTILE_MODEL, hostile)
        case("browser: right-to-left text is shown as it is, isolated (<bdi>)",
             hostile and hostile[4] == RTL_BIOS and
             b.eval("document.querySelectorAll('#machine-table td bdi').length") > 0, hostile)
        case("browser: the page has exactly one script and no injected element",
             b.eval("document.scripts.length") == 1 and
             b.eval("document.querySelectorAll('img,iframe,object,embed,b').length") == 0)
        case("browser: no alert dialog opened", not b.dialogs(), b.dialogs())
        case("browser: a 160-character serial wraps (no horizontal scroll)",
             b.eval("document.documentElement.scrollWidth<=window.innerWidth+1"),
             b.eval("[document.documentElement.scrollWidth,window.innerWidth]"))
        links = b.eval("[].map.call(document.querySelectorAll('#machine-table tbody a'),function(a){return a.href;})")
        case("browser: every row links its report, and each link's file exists",
             len(links) == len(verdicts) and
             all(l.startswith("file://") and os.path.exists(l[7:]) for l in links),
             [l for l in links if not os.path.exists(l[7:])])
        # sorting by clicks
        col = lambda i: b.eval("[].map.call(document.querySelectorAll('#machine-table tbody tr'),"  # noqa: E731
                               "function(r){return r.cells[%d].textContent;})" % i)
        b.click("#machine-table thead th:nth-child(4)")
        asc = col(3)
        coll = "new Intl.Collator(undefined,{numeric:true,sensitivity:'base'})"
        sorted_ok = lambda xs, d: b.eval("(function(x){var c=%s;for(var i=1;i<x.length;i++)"  # noqa: E731
                                         "if(c.compare(x[i-1],x[i])*%d>0)return false;return true;})(%s)"
                                         % (coll, d, json.dumps(xs)))
        case("browser: a click on Model sorts ascending",
             sorted_ok(asc, 1) and b.eval("document.querySelector('#machine-table th:nth-child(4)')"
                                         ".getAttribute('aria-sort')") == "ascending", asc)
        b.click("#machine-table thead th:nth-child(4)")
        case("browser: a second click sorts descending", sorted_ok(col(3), -1), col(3))
        b.click("#machine-table thead th:nth-child(1)")
        case("browser: a click on Report sorts by name", sorted_ok(col(0), 1), col(0))
        b.click("#machine-table thead th:nth-child(2)")
        case("browser: a click on Verdict sorts by verdict", sorted_ok(col(1), 1), col(1))
        # filtering
        b.type_into("#filter", "optiplex")
        vis = lambda: b.eval("[].filter.call(document.querySelectorAll('#machine-table tbody tr'),"  # noqa: E731
                             "function(r){return !r.hidden;}).map(function(r){return r.cells[0].textContent;})")
        v = vis()
        case("browser: typing a model in the filter shows only its machines",
             sorted(v) == ["ERA1", "ERA2", "ERA3"] and
             b.eval("document.getElementById('shown').textContent") == "3 / %d" % len(verdicts), v)
        b.eval("(function(){var q=document.getElementById('filter');q.value='';"
               "q.dispatchEvent(new Event('input'));})()")
        b.eval("(function(){var s=document.getElementById('vfilter');s.value='ready';"
               "s.dispatchEvent(new Event('change'));})()")
        v = vis()
        case("browser: the verdict filter shows only that verdict",
             sorted(v) == sorted(k for k, x in verdicts.items() if x == "ready"), v)
        b.eval("(function(){var s=document.getElementById('vfilter');s.value='';"
               "s.dispatchEvent(new Event('change'));})()")
        case("browser: clearing the filters shows every machine", len(vis()) == len(verdicts))
        os.makedirs(os.path.join(build, "fleet"), exist_ok=True)
        shot = os.path.join(build, "fleet", "fleet.png")
        b.eval("window.scrollTo(0,0)")
        b.screenshot(shot)
        b.eval("document.getElementById('machines').scrollIntoView()")
        b.screenshot(os.path.join(build, "fleet", "fleet-table.png"))
        png = open(shot, "rb").read()
        case("browser: a screenshot is saved (%s)" % os.path.relpath(shot, TOP),
             png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20000, len(png))
        # zh-TW: the same counts and groups, the labels and the advice in Traditional Chinese
        zh_path = os.path.join(stick, "summary-zh.html")
        rc, out, err = run([slicscan, "--fleet", stick, "--lang", "zh-TW", "-o", zh_path])
        b.open("file://" + zh_path)
        zgot = b.eval("Array.prototype.map.call(document.querySelectorAll('#counts [data-verdict]'),"
                      "function(e){return [e.getAttribute('data-verdict'),+e.getAttribute('data-count')];})")
        case("browser: the zh-TW page has the same counts as the English one",
             rc == 0 and all([v, n] in zgot for v, n in want.items()), (rc, zgot))
        ztext = b.eval("document.body.innerText")
        case("browser: the zh-TW page says its labels in zh-TW (未就緒, 處理方式), not English",
             "未就緒" in ztext and "處理方式" in ztext and "Failing models" not in ztext and
             b.eval("document.documentElement.lang") == "zh-TW", ztext[:200])
        b.screenshot(os.path.join(build, "fleet", "fleet-zh-TW.png"))
        # 2,000 machines: it opens, every row is there (the time is measured by make bench)
        bigdir = os.path.join(tmp, "big")
        counts = big_fleet(slicscan, bigdir, 2000)
        big = os.path.join(bigdir, "summary.html")
        rc, out, err = run([slicscan, "--fleet", bigdir, "-o", big])
        t = b.open("file://" + big)
        n = b.eval("document.querySelectorAll('#machine-table tbody tr').length")
        case("browser: a 2,000-machine page opens with 2,000 rows (%.2fs)" % t,
             rc == 0 and n == 2000 and all(
                 b.eval("+document.querySelector('#counts [data-verdict=\"%s\"]').dataset.count" % k) == c
                 for k, c in counts.items()), (rc, n))
        t0 = time.monotonic()
        b.click("#machine-table thead th:nth-child(4)")
        b.eval("1")
        return t, time.monotonic() - t0
    finally:
        b.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--slicscan", required=True)
    ap.add_argument("--build", default=os.path.join(TOP, "build"))
    ap.add_argument("--bench", action="store_true", help="only time the 2,000-machine page")
    a = ap.parse_args()
    slicscan = os.path.abspath(a.slicscan)
    tmp = tempfile.mkdtemp(prefix="slicscan-fleet-")
    try:
        if a.bench:
            counts = big_fleet(slicscan, os.path.join(tmp, "big"), 2000)
            t0 = time.monotonic()
            rc, out, err = run([slicscan, "--fleet", os.path.join(tmp, "big"), "-o",
                                os.path.join(tmp, "big.html")])
            gen = time.monotonic() - t0
            b = cdp.Browser(width=1280, height=1000)
            try:
                b.open("about:blank")
                t = b.open("file://" + os.path.join(tmp, "big.html"))
                t0 = time.monotonic()
                b.click("#machine-table thead th:nth-child(4)")
                b.eval("1")
                sort = time.monotonic() - t0
            finally:
                b.close()
            print("fleet page, 2,000 machines (%d bytes): slicscan --fleet %.2fs, chromium load %.2fs,"
                  " sort by a click %.2fs" % (os.path.getsize(os.path.join(tmp, "big.html")), gen, t, sort))
            return 0
        cli_checks(slicscan, tmp)
        browser_checks(slicscan, tmp, os.path.abspath(a.build))
    except cdp.CDPError as e:
        case("browser session", False, e)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    p = sum(1 for _, ok in results if ok)
    f = len(results) - p
    print("fleet: %d passed, %d failed" % (p, f))
    return 0 if f == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
