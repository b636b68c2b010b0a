#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`make install` and the man page as a user and a packager meet them:

  - `make install DESTDIR=tmp PREFIX=/usr` puts the CLI, slicscan(1), the UEFI apps (laid out
    as on the stick) and the docs where the Makefile and the man page say; the installed
    binary runs; `make uninstall` removes every file again;
  - man/slicscan.1 (and the installed copy) lints clean under `mandoc -T lint` and
    `man --warnings`;
  - every option the CLI's `--help` lists appears in the man page, and every option the man
    page documents is one `--help` lists. The options are read from `--help` when the test
    runs, so a new option without its man page entry fails here.

Usage: test_install.py --slicscan PATH [--build DIR]"""
import argparse
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
MAN = os.path.join(ROOT, "man", "slicscan.1")

results = []


def case(name, ok, detail=""):
    results.append((name, ok))
    print("  %s %s%s" % ("PASS" if ok else "FAIL", name, "" if ok else ": " + detail))


def sh(args, **kw):
    p = subprocess.run(args, capture_output=True, **kw)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def make(*args):
    # A make started by make inherits MAKEFLAGS (jobserver file descriptors this process does
    # not pass on): start a plain one.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return sh(["make", "--no-print-directory", "-C", ROOT, *args], env=env, timeout=900)


# An option token in help or man text: -x, --long-name, a bare "--" (end of options) or a
# bare "-" (standard input), standing on its own (not inside "ready-with-warnings" or a path).
OPT_RE = re.compile(r"(?<![\w/.\-])(--?[A-Za-z0-9][A-Za-z0-9-]*|--|-)(?=[\s,;=|\[\])]|$)")


# man warns on stderr about a locale the machine lacks; C.UTF-8 is always there on Debian.
C_LOCALE = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")


def options_in(text):
    return set(m.group(1) for m in OPT_RE.finditer(text))


def render(man_path):
    """The man page as a reader sees it (mandoc's ASCII output without overstrikes)."""
    rc, out, err = sh(["mandoc", "-T", "ascii", man_path], env=C_LOCALE)
    if rc != 0:
        return None
    return re.sub(r".\x08", "", out)


def section(text, name):
    """The text of one man page section (NAME .. next heading), as rendered."""
    m = re.search(r"^%s\n(.*?)(?=^[A-Z][A-Z ]+\n|\Z)" % re.escape(name), text, re.M | re.S)
    return m.group(1) if m else ""


def missing_from(help_opts, man_text):
    """Options --help lists that the man page does not mention."""
    man_opts = options_in(man_text)
    return sorted(o for o in help_opts if o not in man_opts)


def lint(name, path):
    rc, out, err = sh(["mandoc", "-T", "lint", "-W", "all", path], env=C_LOCALE)
    case(name + ": mandoc -T lint clean", rc == 0 and not out.strip() and not err.strip(),
         (out + err).strip()[:400])
    rc, out, err = sh(["man", "--warnings", "-l", path], env=C_LOCALE)
    case(name + ": man --warnings clean", rc == 0 and not err.strip(), err.strip()[:400])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--slicscan", required=True, help="the CLI whose --help the man page must cover")
    ap.add_argument("--build", default="build", help="the Makefile's BUILD folder")
    a = ap.parse_args()
    for tool in ("mandoc", "man"):
        if not shutil.which(tool):
            raise SystemExit("test_install: %s missing: scripts/deps.sh test installs it" % tool)

    # --- the man page and --help cannot drift ------------------------------------------------
    lint("man/slicscan.1", MAN)
    rc, help_text, _ = sh([a.slicscan, "--help"])
    help_opts = options_in(help_text)
    case("--help lists options", rc == 0 and {"--json", "--help", "--version"} <= help_opts,
         "exit %d, options %s" % (rc, sorted(help_opts)))
    man_text = render(MAN) or ""
    miss = missing_from(help_opts, man_text)
    case("every --help option is in the man page", not miss, "missing: %s" % ", ".join(miss))
    # The other way round: a named option documented under OPTIONS must still exist. The bare
    # "-" and "--" are documented ahead of the CLI listing them, so they are left out here.
    documented = options_in(section(man_text, "OPTIONS")) - {"-", "--"}
    stale = sorted(o for o in documented if o not in help_opts)
    case("every man page option is in --help", documented and not stale,
         "documented %s; not in --help: %s" % (sorted(documented), ", ".join(stale)))
    case("man page mentions - (stdin) and -- (end of options)",
         {"-", "--"} <= options_in(man_text), "")
    # The checker itself: an option the man page lacks is reported, one it has is not.
    case("drift check catches a missing option",
         missing_from({"--json", "--no-such-option"}, man_text) == ["--no-such-option"], "")
    case("option tokens are read exactly",
         options_in("  -q, --quiet  x\n  --csv-header  y; --target=T  ready-with-warnings /dev/mem -") ==
         {"-q", "--quiet", "--csv-header", "--target", "-"}, "")

    # --- make install / uninstall into a staging folder --------------------------------------
    tmp = tempfile.mkdtemp(prefix="slicscan-install-")
    try:
        dest = os.path.join(tmp, "stage")
        rc, out, err = make("install", "BUILD=" + a.build, "DESTDIR=" + dest, "PREFIX=/usr")
        case("make install DESTDIR PREFIX=/usr", rc == 0, (out + err)[-600:])
        usr = os.path.join(dest, "usr")
        want = {
            "bin/slicscan": 0o755,
            "share/man/man1/slicscan.1": 0o644,
            "share/slicscan/EFI/BOOT/BOOTX64.EFI": 0o644,
            "share/slicscan/EFI/BOOT/BOOTIA32.EFI": 0o644,
            "share/slicscan/EFI/BOOT/slicscan.cfg": 0o644,
            "share/slicscan/EFI/BOOT/UNIFONT-LICENSE.txt": 0o644,
            "share/slicscan/syslinux/slicscan.elf": 0o644,
            "share/doc/slicscan/README.md": 0o644,
            "share/doc/slicscan/LICENSE": 0o644,
        }
        for d in sorted(os.listdir(os.path.join(ROOT, "docs"))):
            if d.endswith(".md"):
                want["share/doc/slicscan/docs/" + d] = 0o644
        found = set()
        for dirpath, _, files in os.walk(dest):
            for f in files:
                found.add(os.path.relpath(os.path.join(dirpath, f), dest))
        expect_found = set("usr/" + k for k in want)
        case("installed files are exactly the expected ones", found == expect_found,
             "missing %s, unexpected %s" % (sorted(expect_found - found), sorted(found - expect_found)))
        bad_mode = [k for k, m in want.items() if os.path.exists(os.path.join(usr, k))
                    and stat.S_IMODE(os.stat(os.path.join(usr, k)).st_mode) != m]
        case("installed file modes", not bad_mode, ", ".join(bad_mode))
        for arch in ("X64", "IA32"):
            p = os.path.join(usr, "share/slicscan/EFI/BOOT/BOOT%s.EFI" % arch)
            ok = os.path.exists(p) and open(p, "rb").read(2) == b"MZ"
            case("BOOT%s.EFI is a PE image" % arch, ok, p)

        binary = os.path.join(usr, "bin", "slicscan")
        rc, out, _ = sh([binary, "--version"]) if os.path.exists(binary) else (-1, "", "")
        case("installed slicscan --version runs", rc == 0 and re.match(r"slicscan \d", out), out[:80])
        rc, out, _ = sh([binary, "--help"]) if os.path.exists(binary) else (-1, "", "")
        case("installed slicscan --help is the tested one", rc == 0 and out == help_text, "")

        man = os.path.join(usr, "share/man/man1/slicscan.1")
        if os.path.exists(man):
            lint("installed slicscan.1", man)
            text = open(man).read()
            case("installed man page names PREFIX's paths",
                 "/usr/share/slicscan/EFI/BOOT/" in text and "/usr/share/doc/slicscan/" in text
                 and "/usr/local" not in text, "")

        rc, out, err = make("uninstall", "DESTDIR=" + dest, "PREFIX=/usr")
        left = [os.path.join(dp, f) for dp, _, fs in os.walk(dest) for f in fs]
        case("make uninstall removes every installed file", rc == 0 and not left,
             "exit %d, left %s %s" % (rc, left[:5], err[-300:]))
        case("make uninstall removes the folders it made",
             not os.path.exists(os.path.join(usr, "share/slicscan")) and
             not os.path.exists(os.path.join(usr, "share/doc/slicscan")), "")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    passed = sum(1 for _, ok in results if ok)
    print("install: %d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
