"""report.py - what tools/bench/run.py measures and how it reports it: the
figures (name, unit, better), issue 7's performance targets as ratios
of figures, the table printed after a run, and `run.py compare`.
Python 3 standard library only. Documentation/bench.md explains it all.
"""
import json

# Guest figures (printed by bench/run-all): name -> (unit, better).
GUEST = {
    "getppid": ("us", "lower"),
    "clock_gettime": ("us", "lower"),
    "mmap_munmap": ("us", "lower"),
    "page_fault": ("us", "lower"),
    "open_close": ("us", "lower"),
    "stat": ("us", "lower"),
    "fork_exit_wait": ("us", "lower"),
    "fork_exec_wait": ("us", "lower"),
    "pipe_pingpong": ("us", "lower"),
    "futex_pingpong": ("us", "lower"),
    "seq_write": ("MB/s", "higher"),
    "seq_read": ("MB/s", "higher"),
    "small_files": ("us", "lower"),
}
# The host's floor under seccomp mode (tools/bench/host/sigsys), native only.
FLOOR = {
    "futex_handoff": ("us", "lower"),
    "sigsys_return": ("us", "lower"),
}
# Host-side figures, for the kernels only (not native).
HOST = {
    "boot_to_init": ("ms", "lower"),
    "boot_to_poweroff": ("ms", "lower"),
    "idle_rss": ("MiB", "lower"),
    "idle_pss": ("MiB", "lower"),
}
FIGURES = dict(GUEST, **HOST)           # every figure of a kernel target
ALL = dict(GUEST, **FLOOR, **HOST)      # in the order of the table

# Issue 7's performance targets: label, numerator and denominator as
# (figure, target), and the bound the ratio of their medians must keep.
CLAIMS = [
    ("seccomp getppid / bare SIGSYS", ("getppid", "umk-seccomp"),
     ("sigsys_return", "native"), "<=", 1.5),
    ("ptrace getppid / seccomp getppid", ("getppid", "umk-ptrace"),
     ("getppid", "umk-seccomp"), ">=", 3.0),
]


def fmt(v):
    if v is None:
        return "-"
    return "%.3g" % v if v < 100 else "%.0f" % v


def columns(rows, left=2):
    """rows as text: the first LEFT columns left-aligned, the rest right."""
    w = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w[i]) if i < left else c.rjust(w[i])
                               for i, c in enumerate(r)).rstrip()
                     for r in rows)


def table(res):
    """The results as text: medians, ratios, and '~' for noisy values."""
    names = res["target_order"]
    umks = [n for n in names if n.startswith("umk-")]
    ratios = [(u, o) for u in umks for o in ("native", "uml") if o in names]
    head = ["figure", "unit", "better"] + names + \
        ["%s/%s" % (u[4:], o) for u, o in ratios]
    rows = [head]
    for f, (unit, better) in ALL.items():
        vals = res["figures"].get(f, {}).get("values", {})
        row = [f, unit, better]
        for n in names:
            v = vals.get(n)
            row.append(fmt(v["median"]) + ("~" if v and v["spread"] > 0.1
                                           else "") if v else "-")
        for u, o in ratios:
            a, b = vals.get(u), vals.get(o)
            row.append("%.3g" % (a["median"] / b["median"])
                       if a and b and b["median"] else "-")
        rows.append(row)
    return columns(rows, 3)


def claims(figures, rounds):
    """Issue 7's ratios from a results' figures: a list of dicts (the
    JSON's "claims"). value is the ratio of the medians; per_round the
    ratio within each round, when both figures have every round; missing
    names the figures the run lacks."""
    out = []
    for label, num, den, op, bound in CLAIMS:
        a = figures.get(num[0], {}).get("values", {}).get(num[1])
        b = figures.get(den[0], {}).get("values", {}).get(den[1])
        c = {"label": label, "numerator": "%s %s" % num,
             "denominator": "%s %s" % den, "target": "%s %g" % (op, bound),
             "value": None, "met": None, "per_round": [],
             "missing": ["%s %s" % (t, f) for (f, t), v in
                         ((num, a), (den, b)) if not v]}
        if a and b and b["median"]:
            c["value"] = v = a["median"] / b["median"]
            c["met"] = v <= bound if op == "<=" else v >= bound
            if len(a["rounds"]) == len(b["rounds"]) == rounds:
                c["per_round"] = [x / y for x, y in
                                  zip(a["rounds"], b["rounds"]) if y]
        out.append(c)
    return out


def summary(res):
    """The claims as text, for after the table."""
    rows = [["issue 7 target", "ratio", "per round", "target", ""]]
    for c in res["claims"]:
        pr = c["per_round"]
        rows.append([c["label"], fmt(c["value"]),
                     "%.3g..%.3g" % (min(pr), max(pr)) if pr else "-",
                     c["target"],
                     "-" if c["met"] is None else
                     "met" if c["met"] else "NOT MET"])
    missing = sorted(set(m for c in res["claims"] for m in c["missing"]))
    return columns(rows, 1) + (
        "\nratio: of the medians in the table; per round: the ratio within"
        " each round, lowest..highest") + (
        "\n'-': this run has no %s (not run or not measured: see the notes)"
        % ", no ".join(missing) if missing else "")


def compare(old_path, new_path):
    """`run.py compare`: every figure and claim, old against new."""
    with open(old_path) as f:
        old = json.load(f)
    with open(new_path) as f:
        new = json.load(f)
    rows = [["figure", "target", "old", "new", "change", ""]]
    for f in ALL:
        ov = old["figures"].get(f, {}).get("values", {})
        nv = new["figures"].get(f, {}).get("values", {})
        for t in new.get("target_order", sorted(nv)):
            if t not in ov or t not in nv or not ov[t]["median"]:
                continue
            a, b = ov[t], nv[t]
            ch = b["median"] / a["median"] - 1
            noise = max(a["spread"], b["spread"], 0.05)
            up_good = ALL[f][1] == "higher"
            verdict = "noise" if abs(ch) <= noise else \
                "better" if (ch > 0) == up_good else "worse"
            rows.append([f, t, fmt(a["median"]), fmt(b["median"]),
                         "%+.1f%%" % (ch * 100), verdict])
    print(columns(rows))
    # recomputed from the figures: also works for results older than
    # the "claims" key
    rows = [["issue 7 target", "old", "new", "target"]]
    for o, n in zip(claims(old["figures"], old.get("rounds", 0)),
                    claims(new["figures"], new.get("rounds", 0))):
        rows.append([o["label"], fmt(o["value"]), fmt(n["value"]),
                     n["target"]])
    print()
    print(columns(rows, 1))
    print("\nchange = new/old - 1; 'noise' when within the larger spread of "
          "the two runs' rounds (at least 5 %%).\nold: %s (%s)\nnew: %s (%s)"
          % (old_path, old.get("date", "?"), new_path, new.get("date", "?")))
    for name, res in (("old", old), ("new", new)):
        if res.get("quick"):
            print("note: %s is a QUICK run: not a measurement" % name)
