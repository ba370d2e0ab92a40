#!/usr/bin/env python3
"""make cases: every tests/cases/**/*.case run through the built binary.

A .case file holds the files a run needs (rules, reports), one or more
command lines, and the exact stdout, stderr and exit status of each; the
format is described in tests/cases/README.md. Each case is written into a
fresh temporary directory, each run is `$TEST_ENV $BIN ARGS` there, and
any difference fails the case with a unified diff.

  BIN=./reportlint python3 tests/cases.py [--update] [FILE.case...]

--update rewrites the expected sections of each run in place (review the
diff like code). TEST_ENV may prefix the binary (valgrind, ASan options).
--extract DIR writes each case's files into DIR/<folder>/<case>/ and runs
nothing (tests/schemas.sh validates the cases' rule files so).
"""
import base64
import difflib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "tests", "cases")
BIN = os.path.abspath(os.environ.get("BIN", "./reportlint"))
TEST_ENV = shlex.split(os.environ.get("TEST_ENV", ""))
TIMEOUT = 60
MARK = b"--- "
EXPECT = ("stdout", "stderr", "exit")


class CaseError(Exception):
    pass


# --- reading a case -------------------------------------------------------

def parse(data, path):
    """Blocks of a .case file: [kind, words, body lines] in file order.
    Lines before the first marker are the header comment (kind 'header')."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    blocks = [["header", "", []]]
    for n, line in enumerate(lines, 1):
        if line.startswith(MARK):
            words = line[len(MARK):].decode("utf-8").split(" ", 1)
            kind = words[0]
            rest = words[1] if len(words) > 1 else ""
            if kind not in ("#", "file", "link", "run") + EXPECT:
                raise CaseError(f"{path}:{n}: unknown section '--- {kind}'")
            blocks.append([kind, rest, []])
        else:
            blocks[-1][2].append(line)
    if blocks[0][2] == []:
        blocks.pop(0)
    return blocks


def body_bytes(lines, flags):
    """The bytes a section's lines stand for: each line ends in \\n unless
    the section says noeol; crlf ends them in \\r\\n."""
    eol = b"\r\n" if "crlf" in flags else b"\n"
    data = b"".join(line + eol for line in lines)
    if "noeol" in flags and data.endswith(eol):
        data = data[: -len(eol)]
    return data


def file_content(rest, lines, path):
    words = rest.split()
    if not words:
        raise CaseError(f"{path}: '--- file' without a name")
    name, flags = words[0], set(words[1:])
    unknown = flags - {"noeol", "crlf", "base64"}
    if unknown:
        raise CaseError(f"{path}: {name}: unknown flag {sorted(unknown)}")
    if "base64" in flags:
        return name, base64.b64decode(b"".join(lines))
    return name, body_bytes(lines, flags)


# --- running a case -------------------------------------------------------

def materialise(blocks, tmp, path):
    for kind, rest, lines in blocks:
        if kind not in ("file", "link"):
            continue
        if kind == "file":
            name, data = file_content(rest, lines, path)
        else:
            words = rest.split()
            if len(words) != 2:
                raise CaseError(f"{path}: '--- link NAME TARGET' expected")
            name = words[0]
        dest = os.path.join(tmp, name)
        if os.path.isabs(name) or ".." in name.split("/"):
            raise CaseError(f"{path}: {name}: not a relative path inside the case")
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        if kind == "file":
            with open(dest, "wb") as f:
                f.write(data)
        else:
            os.symlink(os.path.join(ROOT, words[1]), dest)


def run_one(args, tmp):
    env = dict(os.environ)
    for var in ("REPORTLINT_RULES", "GITHUB_STEP_SUMMARY", "LANGUAGE"):
        env.pop(var, None)
    env["LC_ALL"] = "C.UTF-8"  # English messages, whatever the locale
    cmd = TEST_ENV + [BIN] + shlex.split(args)
    try:
        p = subprocess.run(cmd, cwd=tmp, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"stdout": b"", "stderr": b"(timed out)\n", "exit": -1}
    return {"stdout": p.stdout, "stderr": p.stderr, "exit": p.returncode}


def runs(blocks):
    """[(index of the run block, {kind: block})] for each run."""
    out = []
    for i, (kind, _rest, _lines) in enumerate(blocks):
        if kind == "run":
            out.append((i, {}))
        elif kind in EXPECT:
            if not out:
                raise CaseError(f"'--- {kind}' before any '--- run'")
            out[-1][1][kind] = blocks[i]
    return out


def expected(want):
    """What a run's expectation blocks say: bytes for stdout/stderr (absent:
    empty), an int for exit (absent: 0)."""
    exp = {"stdout": b"", "stderr": b"", "exit": 0}
    for kind in ("stdout", "stderr"):
        if kind in want:
            exp[kind] = body_bytes(want[kind][2], set(want[kind][1].split()))
    if "exit" in want:
        exp["exit"] = int(want["exit"][1].strip())
    return exp


def show_diff(label, want, got):
    a = want.decode("utf-8", "replace").splitlines(keepends=True)
    b = got.decode("utf-8", "replace").splitlines(keepends=True)
    for line in difflib.unified_diff(a, b, f"expected {label}", f"actual {label}"):
        sys.stdout.write(line if line.endswith("\n") else line + "\n\\ no newline\n")


# --- rewriting the expectations -------------------------------------------

def section(kind, data):
    if kind == "exit":
        return [kind, str(data), []]
    if not data:
        return None
    flags = ""
    if not data.endswith(b"\n"):
        flags = "noeol"
        data += b"\n"
    lines = data[:-1].split(b"\n")
    if any(line.startswith(MARK) for line in lines):
        raise CaseError(f"{kind} has a line starting with '--- ': cannot store it")
    return [kind, flags, lines]


def rewrite(blocks, results):
    out = []
    it = iter(results)
    for block in blocks:
        if block[0] in EXPECT:
            continue
        out.append(block)
        if block[0] == "run":
            got = next(it)
            for kind in EXPECT:
                s = section(kind, got[kind])
                if s:
                    out.append(s)
    data = b""
    for kind, rest, lines in out:
        if kind != "header":
            head = "--- " + kind + (" " + rest if rest else "")
            data += head.encode("utf-8") + b"\n"
        data += b"".join(line + b"\n" for line in lines)
    return data


# --- the driver -----------------------------------------------------------

def check_case(path, update):
    """Runs one case; returns (runs, failures)."""
    with open(path, "rb") as f:
        data = f.read()
    blocks = parse(data, path)
    rel = os.path.relpath(path, ROOT)
    plan = runs(blocks)
    if not plan:
        raise CaseError(f"{rel}: no '--- run'")
    tmp = tempfile.mkdtemp(prefix="rl-case-")
    failed = 0
    results = []
    try:
        materialise(blocks, tmp, rel)
        for n, (i, want) in enumerate(plan, 1):
            args = blocks[i][1]
            got = run_one(args, tmp)
            results.append(got)
            exp = expected(want)
            bad = [k for k in EXPECT if got[k] != exp[k]]
            if bad and not update:
                failed += 1
                print(f"FAIL {rel} (run {n}: {args})")
                for k in bad:
                    if k == "exit":
                        print(f"  exit status {got[k]}, expected {exp[k]}")
                    else:
                        show_diff(k, exp[k], got[k])
    finally:
        shutil.rmtree(tmp)
    if update:
        new = rewrite(blocks, results)
        if new != data:
            with open(path, "wb") as f:
                f.write(new)
            print(f"updated {rel}")
    return len(plan), failed


def extract(files, out):
    for path in files:
        rel = os.path.relpath(path, CASES)[: -len(".case")]
        with open(path, "rb") as f:
            blocks = parse(f.read(), path)
        dest = os.path.join(out, rel)
        os.makedirs(dest)
        materialise(blocks, dest, rel)
    return 0


def main(argv):
    update = False
    out = None
    if argv and argv[0] == "--update":
        update = True
        argv = argv[1:]
    elif len(argv) >= 2 and argv[0] == "--extract":
        out = argv[1]
        argv = argv[2:]
    files = [os.path.abspath(a) for a in argv]
    if not files:
        for root, dirs, names in os.walk(CASES):
            dirs.sort()
            files += [os.path.join(root, n) for n in sorted(names)
                      if n.endswith(".case")]
    if out:
        return extract(files, out)
    if not os.access(BIN, os.X_OK):
        print(f"cases: no binary {BIN} (make first)")
        return 2
    nruns = nfail = ncases = bad_cases = 0
    for path in files:
        try:
            r, f = check_case(path, update)
        except (CaseError, ValueError, OSError) as e:
            print(f"FAIL {os.path.relpath(path, ROOT)}: {e}")
            r, f = 0, 1
        ncases += 1
        nruns += r
        nfail += f
        bad_cases += f > 0
    print(f"cases: {ncases - bad_cases} of {ncases} cases passed "
          f"({nruns} runs, {nfail} failed)")
    return 1 if nfail else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
