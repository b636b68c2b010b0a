#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The Linux command in Traditional Chinese (issue 11): --lang zh-TW and the environment
(LC_ALL > LC_MESSAGES > LANG = zh_TW*, --lang wins) select the zh-TW text report; its text for
every verdict (ready, ready with warnings, not ready, cannot judge, and Windows 7 unverified)
is valid UTF-8 with the zh-TW verdict, reason and advice; the JSON and CSV output is byte for
byte the same in every language over the corpus; a bad --lang is a usage error (exit 4).
Runs the ASan+UBSan build. Usage: test_lang.py --slicscan PATH"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus", "linuxhw"))
READY = os.path.join(CORPUS, "All-In-One_Apple_iMac11-3_9C99E007509B.acpidump")
UNVERIFIED = os.path.join(CORPUS, "All-In-One_Dell_Inspiron-One-2310_5F83FBD970E4.acpidump")
NOT_READY = os.path.join(CORPUS, "Convertible_Lenovo_Yoga-6-13ALC6-82ND_4B89F57A5AA6.acpidump")
BLANK_FF = os.path.join(CORPUS, "Notebook_Lenovo_G580-20150_0D75B079ABA0.acpidump")

results = []


def run(slicscan, *args, env=None):
    e = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    e.update(ASAN_OPTIONS="detect_leaks=1", UBSAN_OPTIONS="halt_on_error=1")
    e.update(env or {})
    p = subprocess.run([slicscan, *args], capture_output=True, timeout=30, env=e)
    return p.returncode, p.stdout, p.stderr.decode(errors="replace")


def case(name, ok, detail=""):
    results.append((name, ok))
    print("  %s %s%s" % ("PASS" if ok else "FAIL", name, "" if ok else ": " + detail))


def zh_text(slicscan, name, args, code, want, env=None):
    """The zh-TW report: exit code, strict UTF-8, every wanted piece present, no sanitizer."""
    rc, out, err = run(slicscan, *args, env=env)
    why = []
    if rc != code:
        why.append("exit %d, want %d" % (rc, code))
    try:
        text = out.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        text = ""
        why.append("stdout is not UTF-8: %s" % e)
    for w in want:
        if w not in text:
            why.append("no %r" % w)
    if "AddressSanitizer" in err or "runtime error" in err:
        why.append("sanitizer report")
    case(name, not why, "; ".join(why) + ("\n" + text[:1500] if why else ""))
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--slicscan", required=True)
    s = os.path.abspath(ap.parse_args().slicscan)
    tmp = tempfile.mkdtemp(prefix="slicscan-lang-")
    t0 = time.time()
    empty = os.path.join(tmp, "empty.txt")
    open(empty, "wb").close()
    policy = os.path.join(tmp, "warn.txt")
    open(policy, "w").write("warn-on no-oem-license-evidence\n")
    L = ["--lang", "zh-TW"]

    # every verdict in zh-TW: verdict word, its banner line, its reason and advice, the labels
    common = ["韌體授權檢查", "摘要\n", "OEM 啟用 2.0 資料（SLIC）", "OEM 啟用 3.0 資料（MSDM）",
              "BIOS 適用 OA 2.0", "表格（", "\n  簽名  OEM ID  TABLE ID  版本      長度  檢查碼    位址（",
              "  正確      0x", "檢查結果（", "結束代碼 "]
    text = zh_text(s, "zh-TW ready", L + [READY], 0,
                   common + ["判定：就緒 ", "韌體不會阻擋 Windows 7 的 KMS 啟用", "判定：就緒，結束代碼 0",
                             "是，但沒有 SLIC 表格", "沒有 SLIC 表格：韌體不會阻擋"])
    # no English label left: every label, column head and checksum word is in the catalogue
    left = [w for w in ("Summary", "Tables (", "CHECKSUM", "ADDRESS", "Findings (", "Verdict:",
                        " ok ", "INFO", "Why:", "What to do")
            if w in text]
    case("zh-TW: no English labels left", not left, "found %r" % left)
    zh_text(s, "zh-TW ready with warnings", L + ["--policy", policy, READY], 2,
            common + ["判定：就緒（有警告）", "預期可以啟用，請見「處理方式」", "處理方式：\n  1. ",
                      "校園升級授權需要這台電腦有合格的隨機版 OEM Windows", "結束代碼 2"])
    zh_text(s, "zh-TW unverified", L + [UNVERIFIED], 2,
            common + ["判定：就緒（有警告）", "Windows 7 的 KMS 啟用：未能完全確認",
                      "原因：SLIC 本身有效，但輸入中沒有 RSDT/XSDT 可比對其 ID。 細節：The SLIC is",
                      "未確認 (no-rsdt-xsdt-in-dump)", "請在該電腦上完整傾印"])
    zh_text(s, "zh-TW not ready (BIOS template)", L + [NOT_READY], 1,
            common + ["判定：未就緒", "Windows 7 的 KMS 啟用將會失敗（0xC004F035）",
                      "原因：這個 SLIC 是已知的 BIOS 廠商範本，不是 OEM 廠商的表格。 細節：",
                      "BIOS 廠商的範本從未填寫", "Windows 8 / 8.1 / 10 / 11 不受影響",
                      "否，SLIC 表格無效", "錯誤     slic-placeholder"])
    zh_text(s, "zh-TW not ready (erased)", L + [BLANK_FF], 1,
            ["判定：未就緒", "SLIC 內容全是 0xFF：授權區已被清除或從未寫入。 細節：",
             "請更新此型號原廠最新的 BIOS：出貨時附有 Windows 的電腦會恢復其標記"])
    zh_text(s, "zh-TW cannot judge", L + [empty], 3,
            ["判定：無法判斷", "無法讀取任何 ACPI 表格：無從判斷", "原因：輸入內容是空的，沒有任何資料。",
             "請在該電腦上重新傾印", "判定：無法判斷，結束代碼 3"])
    zh_text(s, "zh-TW banner only (-q)", L + ["-q", NOT_READY], 1, ["判定：未就緒", "處理方式："])

    # the environment, and --lang over it
    zh_text(s, "LANG=zh_TW.UTF-8 selects zh-TW", [READY], 0, ["判定：就緒"], env={"LANG": "zh_TW.UTF-8"})
    zh_text(s, "LC_MESSAGES=zh_TW over LANG=en_US", [READY], 0, ["判定：就緒"],
            env={"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"})
    zh_text(s, "LC_ALL=zh_TW over LC_MESSAGES=C", [READY], 0, ["判定：就緒"],
            env={"LC_ALL": "zh_TW.UTF-8", "LC_MESSAGES": "C"})
    for name, env, args in (("LC_ALL=C over LANG=zh_TW", {"LC_ALL": "C", "LANG": "zh_TW.UTF-8"}, []),
                            ("--lang en over LANG=zh_TW", {"LANG": "zh_TW.UTF-8"}, ["--lang", "en"]),
                            ("LANG=zh_CN is English", {"LANG": "zh_CN.UTF-8"}, [])):
        rc, out, _ = run(s, *args, READY, env=env)
        case(name, rc == 0 and b"VERDICT: READY" in out and max(out) < 0x80, out[:300].decode(errors="replace"))
    _, en, _ = run(s, READY)
    _, en2, _ = run(s, "--lang=en", READY, env={"LANG": "zh_TW.UTF-8"})
    case("--lang en output is the default English report", en == en2)

    # bad values: a usage error like every bad option
    for name, args, msg in (("bad --lang", ["--lang", "fr", READY], 'unknown language "fr" (en or zh-TW)'),
                            ("--lang zh-CN", ["--lang=zh-CN", READY], 'unknown language "zh-CN"'),
                            ("--lang without value", [READY, "--lang"], "--lang needs a value"),
                            ("--lang empty", ["--lang=", READY], "--lang needs a non-empty value")):
        rc, out, err = run(s, *args)
        case(name, rc == 4 and msg in err and not out, "exit %d, stderr %r" % (rc, err[:200]))

    # JSON and CSV are the same bytes in every language, over the whole corpus
    files = sorted(f for f in os.listdir(CORPUS) if f.endswith(".acpidump"))
    differ = []
    for f in files:
        p = os.path.join(CORPUS, f)
        for fmt in ("--json", "--csv"):
            a = run(s, fmt, p)
            b = run(s, fmt, "--lang", "zh-TW", p)
            c = run(s, fmt, p, env={"LANG": "zh_TW.UTF-8"})
            if not (a[0] == b[0] == c[0] and a[1] == b[1] == c[1]) or not a[1]:
                differ.append(f + " " + fmt)
    case("JSON and CSV identical across languages (%d dumps)" % len(files), not differ and len(files) > 200,
         ", ".join(differ[:5]))
    rc, out, _ = run(s, "--json", "--lang", "zh-TW", NOT_READY)
    j = json.loads(out)
    case("zh-TW JSON keeps ids and English values", j["verdict"] == "not-ready" and
         all(ord(ch) < 0x80 for ch in out.decode()), j["verdict"])

    failed = sum(1 for _, ok in results if not ok)
    print("lang: %d passed, %d failed (%.1fs)" % (len(results) - failed, failed, time.time() - t0))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
