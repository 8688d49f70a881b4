#!/usr/bin/env python3
"""run.py - umk's benchmark driver (`make bench`, `make bench-compare`).

    run.py run [--rounds N] [--quick] [--out FILE] [--no-uml] ...
    run.py compare OLD.json NEW.json
    run.py check LOG...

`run` builds the guest programs and images (tools/bench/bench.mk), then, for
several rounds, runs the suite (bench/run-all) on every target in turn
-- natively, in umk in each trap mode it accepts, and in User-Mode Linux
(/usr/bin/linux from Debian's user-mode-linux) on an equivalent ext2
image -- rotating the order each round, and times boots and measures an
idle guest's memory from the host. It prints the medians over the rounds
with the ratios umk/native and umk/UML, and writes them as JSON.
Natively it also runs tools/bench/host/sigsys, the host's floor under seccomp
mode, and it prints issue 7's performance targets as ratios after the
table (tools/bench/report.py). `compare` prints the relative change of every
figure and target ratio between two JSON files. `check` validates raw
outputs of bench/run-all (the smoke test).
Python 3 standard library only. Documentation/bench.md explains it all.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True          # no __pycache__ in the source tree
import report  # noqa: E402
# the figures, also for tests/bench/test-bench-smoke.sh (run.FIGURES)
from report import ALL, FIGURES, FLOOR, GUEST  # noqa: E402,F401

SRCTREE = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))

LINE = re.compile(r"^BENCH (\S+) ([0-9]+(?:\.[0-9]+)?) (\S+)$")
MEM = "256M"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def parse(text, need=GUEST):
    """BENCH lines of one run -> ({figure: value}, [problems]). The
    figures in NEED must be there, unless a "BENCH-INFO skipped NAME"
    line says why not; the host floors may be."""
    known = dict(GUEST, **FLOOR)
    vals, errs = {}, []
    for line in text.splitlines():
        line = line.rstrip("\r")
        if line.startswith("BENCH-ERROR"):
            errs.append(line)
        if not line.startswith("BENCH "):
            continue
        m = LINE.match(line)
        if not m or m.group(1) not in known:
            errs.append("malformed or unknown figure line: %r" % line)
        elif m.group(3) != known[m.group(1)][0]:
            errs.append("wrong unit: %r" % line)
        elif m.group(1) in vals:
            errs.append("figure printed twice: %r" % line)
        else:
            vals[m.group(1)] = float(m.group(2))
    skipped = re.findall(r"^BENCH-INFO skipped ([a-z_]+)", text, re.M)
    errs += ["figure missing: %s" % f for f in need
             if f not in vals and f not in skipped]
    if not re.search(r"^BENCH-INFO done\r?$", text, re.M):
        errs.append("no 'BENCH-INFO done' line: the run was cut short")
    return vals, errs


def infos(text):
    return [l.rstrip("\r")[len("BENCH-INFO "):] for l in text.splitlines()
            if l.startswith("BENCH-INFO ")]


class Target:
    """One place to run the suite: natively, umk in a mode, or UML."""

    need = GUEST        # the figures its suite must print

    def __init__(self, name, opts):
        self.name, self.opts = name, opts
        self.note = ""
        self.fs = ""

    def kernel_cmd(self, init, args, env):
        """The host command that boots this kernel with init=INIT ARGS
        and ENV (a dict) in init's environment: Umk, Uml."""
        raise NotImplementedError

    def suite(self, logpath):
        env = {"QUICK": "1"} if self.opts.quick else {}
        return self.keep(self.boot_run("/bench/run-all", [], env), logpath)

    def keep(self, text, logpath):
        """Save a raw output, note the file system it names and the
        figures it skipped."""
        with open(logpath, "w") as f:
            f.write(text)
        for i in infos(text):
            if i.startswith("fs "):
                self.fs = i[3:]
            elif i.startswith("skipped ") and i not in self.note:
                self.note = "; ".join(filter(None, [self.note, i]))
        return text

    def check(self, text):
        """Problems of one suite's output beyond its figures."""
        return []

    def boot_run(self, init, args, env):
        return communicate(self.spawn(self.kernel_cmd(init, args, env)),
                           self.opts.timeout)

    def spawn(self, cmd):
        return subprocess.Popen(cmd,
                                stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT,
                                start_new_session=True,
                                cwd=self.opts.scratch)

    def boot_times(self):
        """Spawn -> BENCH-BOOT line, and spawn -> exit, in ms."""
        cmd = self.kernel_cmd("/bench/bench-boot", [], {})
        t0 = time.monotonic()           # after fresh_image()'s copy
        p = self.spawn(cmd)
        t_init, out = wait_marker(p, self.opts.timeout)
        rest = communicate(p, self.opts.timeout)
        t_end = time.monotonic()
        if t_init is None or p.returncode != 0:
            raise RuntimeError("%s: boot failed (exit %s): %s" % (
                self.name, p.returncode, (out + rest)[-800:]))
        return (t_init - t0) * 1e3, (t_end - t0) * 1e3

    def idle_memory(self):
        """RSS and PSS in MiB of the whole process tree, guest idle."""
        p = self.spawn(self.kernel_cmd("/bench/bench-boot", ["idle"], {}))
        try:
            t, out = wait_marker(p, self.opts.timeout)
            if t is None:
                raise RuntimeError("%s: idle guest did not start: %s"
                                   % (self.name, out[-800:]))
            time.sleep(0.2 if self.opts.quick else 1.0)
            rss = pss = 0
            for pid in tree(p.pid):
                r, s = smaps_rollup(pid)
                rss, pss = rss + r, pss + s
            return rss / 1024, pss / 1024
        finally:
            stop(p)


class Native(Target):
    """bench/run-all, then the host's floor (tools/bench/host/sigsys): on the
    same machine, in the same round, into the same log."""
    need = dict(GUEST, **FLOOR)

    def suite(self, logpath):
        env = {"PATH": "/usr/bin:/bin", "HOME": "/",
               "BENCH_DIR": self.opts.native_dir}
        if self.opts.quick:
            env["QUICK"] = "1"
        text = ""
        for prog in ("bench/run-all", "host/sigsys"):
            p = subprocess.Popen([os.path.join(self.opts.build, prog)],
                                 env=env, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT,
                                 start_new_session=True)
            text += communicate(p, self.opts.timeout)
        return self.keep(text, logpath)


class Umk(Target):
    def __init__(self, name, opts, mode):
        Target.__init__(self, name, opts)
        self.mode = mode        # always given: seccomp is the default

    def check(self, text):
        """The boot log must name the backend this target stands for."""
        if backend(text) == self.mode:
            return []
        return ["the boot log says trap backend %s, not %s"
                % (backend(text), self.mode)]

    def kernel_cmd(self, init, args, env):
        cmd = [self.opts.umk, "mem=" + MEM]
        if self.opts.umk_disk:
            cmd += ["ubd0=" + fresh_image(self.opts), "root=/dev/ubda",
                    "rw"]
        else:
            cmd += ["initrd=" + os.path.join(self.opts.build,
                                             "initramfs.cpio")]
        cmd.append("mode=" + self.mode)
        cmd += ["%s=%s" % kv for kv in env.items()]
        return cmd + ["init=" + init] + args


class Uml(Target):
    def kernel_cmd(self, init, args, env):
        cmd = [self.opts.uml, "ubd0=" + fresh_image(self.opts),
               "root=/dev/ubda", "rw", "mem=" + MEM, "con=null",
               "con0=fd:0,fd:1", "quiet"]
        cmd += ["%s=%s" % kv for kv in env.items()]
        return cmd + ["init=" + init] + args


def communicate(p, timeout):
    """p's whole output; on timeout the whole session is killed first."""
    try:
        out = p.communicate(timeout=timeout)[0]
    except subprocess.TimeoutExpired:
        stop(p)
        raise
    return out.decode(errors="replace")


def fresh_image(opts):
    """A private, sparse copy of the ext2 image for one boot."""
    dst = os.path.join(opts.scratch, "root.ext2")
    subprocess.run(["cp", "--sparse=always",
                    os.path.join(opts.build, "root.ext2"), dst], check=True)
    return dst


def wait_marker(p, timeout):
    """Read p's output until a BENCH-BOOT line (UML's console ends lines
    with CR LF): (monotonic time or None, text so far)."""
    buf, deadline = b"", time.monotonic() + timeout
    fd = p.stdout.fileno()
    mark = re.compile(rb"(^|\n)BENCH-BOOT\r?\n")
    while not mark.search(buf):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None, buf.decode(errors="replace")
        chunk = os.read(fd, 65536)
        if not chunk:
            return None, buf.decode(errors="replace")
        buf += chunk
    return time.monotonic(), buf.decode(errors="replace")


def tree(root):
    """root and all its descendants (thread group leaders)."""
    children = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(d))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def smaps_rollup(pid):
    rss = pss = 0
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def stop(p):
    """SIGTERM, then SIGKILL to the whole session (umk's stubs, UML's
    helpers) if it does not go within 3 s."""
    try:
        p.send_signal(signal.SIGTERM)
        p.communicate(timeout=3)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    p.communicate()


def backend(text):
    """The trap backend umk's boot log names, or None."""
    m = re.search(r"Trap backend: (\S+)", text)
    return m.group(1) if m else None


def probe_umk(opts, mode):
    """Does umk accept mode=MODE? (ok, why not)"""
    t = Umk("probe", opts, mode)
    try:
        text = t.boot_run("/bench/bench-boot", [], {})
    except subprocess.TimeoutExpired:
        return False, "boot timed out"
    except OSError as e:
        return False, "cannot run %s: %s" % (opts.umk, e.strerror)
    if "BENCH-BOOT" not in text:
        lines = [l for l in text.splitlines() if l.strip()]
        user = [l for l in lines if not re.match(r"\[ *[0-9.]+\] ", l)]
        tail = (user or lines or ["no output"])[-1].strip()
        return False, "failed to start init (%s)" % tail[:160]
    if "BENCH-INFO unparsed mode=" in text:
        return False, "this umk does not know mode= (passed to init)"
    if backend(text) != mode:
        return False, "the boot log says trap backend %s" % backend(text)
    return True, ""


def make_targets(opts, notes):
    targets = []
    if "native" in opts.targets:
        targets.append(Native("native", opts))
    for mode in ("ptrace", "seccomp"):
        if "umk-" + mode not in opts.targets:
            continue
        ok, why = probe_umk(opts, mode)
        if ok:
            targets.append(Umk("umk-" + mode, opts, mode))
        else:
            notes.append("umk-%s skipped: %s" % (mode, why))
    if "uml" in opts.targets:
        if opts.uml and os.access(opts.uml, os.X_OK):
            targets.append(Uml("uml", opts))
        else:
            notes.append("uml skipped: %s not installed (Debian package "
                         "user-mode-linux; `BENCH_UML=1 make bench` "
                         "installs it)" % (opts.uml or "linux"))
    return targets


def build(opts, need_ext2):
    goals = ["progs", "host", "initramfs"] + (["ext2"] if need_ext2 else [])
    subprocess.run(["make", "-s", "-f", os.path.join(SRCTREE, "tools/bench/bench.mk"),
                    "SRCTREE=" + SRCTREE, "OUT=" + opts.build] + goals,
                   check=True, stdout=sys.stderr)


def median(v):
    v = sorted(v)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def one_round(r, targets, opts, samples, problems):
    k = r % len(targets)
    for t in targets[k:] + targets[:k]:        # alternate the order
        logpath = os.path.join(opts.logs, "%s.round%d.log" % (t.name, r + 1))
        log("  round %d/%d: %s" % (r + 1, opts.rounds, t.name))
        try:
            text = t.suite(logpath)
            vals, errs = parse(text, t.need)
            errs += t.check(text)
        except subprocess.TimeoutExpired:
            vals, errs = {}, ["timed out after %d s" % opts.timeout]
        except OSError as e:
            vals, errs = {}, ["cannot run: %s" % e]
        problems += ["%s round %d: %s (log %s)" % (t.name, r + 1, e, logpath)
                     for e in errs]
        if isinstance(t, Native) or opts.no_host:
            for f, v in vals.items():
                samples.setdefault((f, t.name), []).append(v)
            continue
        try:
            boots = [t.boot_times() for _ in range(1 if opts.quick else 3)]
            vals["boot_to_init"] = median([b[0] for b in boots])
            vals["boot_to_poweroff"] = median([b[1] for b in boots])
            vals["idle_rss"], vals["idle_pss"] = t.idle_memory()
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
            problems.append("%s round %d: host figures: %s"
                            % (t.name, r + 1, e))
        for f, v in vals.items():
            samples.setdefault((f, t.name), []).append(v)


NOISE_NOTE = """\
Medians over %d round(s), targets alternating. '~': the rounds of that
value spread more than 10 %% ((max-min)/median). Ratios are value/value:
for 'lower' figures a ratio above 1 means umk is slower, for 'higher'
figures (MB/s) below 1 means umk is slower. On a small (2-CPU) machine a
single run moves by 5-20 %%; trust a ratio only well outside that, and
compare runs with `make bench-compare` (Documentation/bench.md)."""


def cmd_run(opts):
    opts.scratch = tempfile.mkdtemp(prefix="umk-bench.")
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    own = tempfile.mkdtemp(prefix="umk-bench.", dir=opts.native_dir or shm)
    opts.native_dir = own       # a fresh directory, also under --native-dir
    opts.logs = opts.logs or os.path.join(opts.build, "logs")
    os.makedirs(opts.logs, exist_ok=True)
    for old in os.listdir(opts.logs):     # an earlier run's raw outputs
        if re.match(r".*\.round[0-9]+\.log$", old):
            os.remove(os.path.join(opts.logs, old))
    try:
        build(opts, "uml" in opts.targets or opts.umk_disk)
        if os.path.exists(opts.umk):
            # a private copy: every round measures the same binary, even
            # if the tree's umk is relinked meanwhile
            shutil.copy2(opts.umk, os.path.join(opts.scratch, "umk"))
            with open(opts.umk, "rb") as f:
                opts.umk_id = "%s sha256:%s" % (
                    opts.umk, hashlib.sha256(f.read()).hexdigest()[:16])
            opts.umk = os.path.join(opts.scratch, "umk")
        notes = []
        targets = make_targets(opts, notes)
        for n in notes:
            log("note: " + n)
        if not targets:
            log("run.py: no target to run")
            return 1
        samples, problems = {}, []
        load = os.getloadavg()[0]
        if load > 0.5 * os.cpu_count():
            notes.append("load average %.1f on %d CPUs at the start: other "
                         "processes competed, expect noise"
                         % (load, os.cpu_count()))
        for r in range(opts.rounds):
            one_round(r, targets, opts, samples, problems)
    finally:
        shutil.rmtree(opts.scratch, ignore_errors=True)
        shutil.rmtree(own, ignore_errors=True)
    res = results(opts, targets, samples, notes + problems)
    if os.path.exists(opts.out):        # for `make bench-compare`
        os.replace(opts.out, re.sub(r"(\.json)?$", ".prev.json", opts.out,
                                    count=1))
    with open(opts.out, "w") as f:
        json.dump(res, f, indent=1, sort_keys=True)
    print(report.table(res))
    print()
    print(report.summary(res))
    print()
    for t in targets:
        print("%s: %s%s" % (t.name, "file system figures on " + t.fs
                            if t.fs else "", ("; " + t.note) if t.note else ""))
    for n in notes + problems:
        print("note: " + n)
    print(NOISE_NOTE % opts.rounds)
    print("written: " + opts.out)
    return 1 if problems else 0


def host_info():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f
                        if l.startswith("model name")), "")
    except OSError:
        pass
    return {"kernel": platform.release(), "cpus": os.cpu_count(),
            "cpu": cpu, "hostname": platform.node(),
            "loadavg_end": os.getloadavg()[0]}


def results(opts, targets, samples, notes):
    figs = {}
    for (f, t), v in samples.items():
        m = median(v)
        spread = (max(v) - min(v)) / m if m else 0.0
        e = figs.setdefault(f, {"unit": ALL[f][0],
                                "better": ALL[f][1], "values": {}})
        e["values"][t] = {"median": m, "rounds": v, "spread": spread}
    return {
        "version": 1,
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        "host": host_info(), "quick": opts.quick, "rounds": opts.rounds,
        "umk_disk": opts.umk_disk, "umk": getattr(opts, "umk_id", None),
        "target_order": [t.name for t in targets],
        "targets": {t.name: {"fs": t.fs, "note": t.note} for t in targets},
        "notes": notes, "figures": figs,
        "claims": report.claims(figs, opts.rounds),
    }


def cmd_compare(opts):
    try:
        report.compare(opts.old, opts.new)
    except (OSError, ValueError) as e:
        log("run.py compare: %s (`make bench` keeps the previous results "
            "as results.prev.json; or give OLD= and NEW=)" % e)
        return 1
    return 0


def cmd_check(opts):
    bad = 0
    for path in opts.logs:
        with open(path, errors="replace") as f:
            vals, errs = parse(f.read())
        for e in errs:
            print("%s: %s" % (path, e))
        bad += bool(errs)
        if not errs:
            print("%s: all %d figures, well-formed" % (path, len(vals)))
    return 1 if bad else 0


def main():
    objtree = os.environ.get("OBJTREE", os.getcwd())
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="run the benchmarks")
    r.add_argument("--rounds", type=int, default=3)
    r.add_argument("--quick", action="store_true",
                   default=os.environ.get("QUICK", "0") not in ("", "0"))
    r.add_argument("--out", default=os.path.join(objtree, "bench-build/results.json"))
    r.add_argument("--build", default=os.path.join(objtree, "bench-build"))
    r.add_argument("--logs", help="raw outputs (default BUILD/logs)")
    r.add_argument("--umk", default=os.environ.get(
        "UMK", os.path.join(objtree, "umk")))
    r.add_argument("--uml", default=shutil.which("linux") or "/usr/bin/linux")
    r.add_argument("--targets", default="native,umk-ptrace,umk-seccomp,uml",
                   type=lambda s: s.split(","))
    r.add_argument("--no-uml", action="store_true")
    r.add_argument("--no-host", action="store_true",
                   help="skip the boot and memory figures")
    r.add_argument("--umk-disk", action="store_true",
                   help="boot umk from the ext2 image (root=/dev/ubda)")
    r.add_argument("--native-dir", help="where the native run makes its "
                   "BENCH_DIR (default /dev/shm, a tmpfs like umk's root)")
    r.add_argument("--timeout", type=int, default=600)
    c = sub.add_parser("compare", help="compare two JSON results")
    c.add_argument("old")
    c.add_argument("new")
    k = sub.add_parser("check", help="validate raw outputs of run-all")
    k.add_argument("logs", nargs="+")
    opts = ap.parse_args()
    if opts.cmd == "run":
        opts.build = os.path.abspath(opts.build)
        opts.out = os.path.abspath(opts.out)
        os.makedirs(os.path.dirname(opts.out), exist_ok=True)
        if opts.no_uml:
            opts.targets = [t for t in opts.targets if t != "uml"]
        return cmd_run(opts)
    return cmd_compare(opts) if opts.cmd == "compare" else cmd_check(opts)


if __name__ == "__main__":
    sys.exit(main())
