#!/usr/bin/env python3
# gen_cpio.py - write a cpio "newc" archive (an initramfs) from a spec.
#
# Every entry is owned by root (0:0) and stamped with one fixed mtime, and
# entries are written sorted by path with each directory before its
# contents, so the same inputs always give the same bytes. Device nodes
# come from the spec, not from the host, so no root is needed to make them.
#
# Spec lines (read from SPEC, or stdin for "-"); '#' starts a comment:
#   dir   PATH MODE
#   file  PATH MODE HOSTFILE
#   slink PATH TARGET
#   nod   PATH MODE c|b MAJOR MINOR
# MODE is octal permission bits (e.g. 0755). Missing parent directories
# are added with mode 0755. A path given twice is an error.
#
# usage: gen_cpio.py [--mtime SECONDS] SPEC OUT
import argparse
import os
import stat
import sys

TYPES = {"dir": stat.S_IFDIR, "file": stat.S_IFREG,
         "slink": stat.S_IFLNK, "nod": None}


class SpecError(Exception):
    pass


def parse_line(words):
    kind, path = words[0], words[1]
    if kind not in TYPES or not path.startswith("/") or path == "/":
        raise SpecError("bad entry")
    path = os.path.normpath(path)
    ent = {"path": path, "rdev": (0, 0), "data": b"", "src": None}
    if kind == "slink":
        if len(words) != 3:
            raise SpecError("slink PATH TARGET")
        ent["mode"] = stat.S_IFLNK | 0o777
        ent["data"] = words[2].encode()
        return ent
    perm = int(words[2], 8)
    if perm & ~0o7777:
        raise SpecError("bad mode")
    if kind == "dir" and len(words) == 3:
        ent["mode"] = stat.S_IFDIR | perm
    elif kind == "file" and len(words) == 4:
        ent["mode"] = stat.S_IFREG | perm
        ent["src"] = words[3]
    elif kind == "nod" and len(words) == 6 and words[3] in ("c", "b"):
        ent["mode"] = perm | (stat.S_IFCHR if words[3] == "c"
                              else stat.S_IFBLK)
        ent["rdev"] = (int(words[4]), int(words[5]))
    else:
        raise SpecError("wrong number of fields")
    return ent


def read_spec(f):
    entries = {}
    for no, line in enumerate(f, 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        try:
            ent = parse_line(words)
        except (SpecError, ValueError, IndexError) as e:
            raise SpecError(f"line {no}: {e}: {line.strip()}")
        if ent["path"] in entries:
            raise SpecError(f"line {no}: {ent['path']} given twice")
        entries[ent["path"]] = ent
    return entries


def add_parents(entries):
    for path in list(entries):
        parent = os.path.dirname(path)
        while parent != "/" and parent not in entries:
            entries[parent] = {"path": parent, "mode": stat.S_IFDIR | 0o755,
                               "rdev": (0, 0), "data": b"", "src": None}
            parent = os.path.dirname(parent)
        if parent != "/" and not stat.S_ISDIR(entries[parent]["mode"]):
            raise SpecError(f"{parent} is not a directory")


def header(ino, ent, mtime, namesize, filesize):
    nlink = 2 if stat.S_ISDIR(ent["mode"]) else 1
    fields = [ino, ent["mode"], 0, 0, nlink, mtime, filesize, 0, 0,
              ent["rdev"][0], ent["rdev"][1], namesize, 0]
    return b"070701" + b"".join(b"%08X" % v for v in fields)


def pad4(n):
    return b"\0" * (-n % 4)


def write_entry(out, ino, ent, mtime):
    name = ent["path"].lstrip("/").encode() + b"\0"
    data = ent["data"]
    if ent["src"] is not None:
        with open(ent["src"], "rb") as f:
            data = f.read()
    hdr = header(ino, ent, mtime, len(name), len(data))
    out.write(hdr + name + pad4(len(hdr) + len(name)))
    out.write(data + pad4(len(data)))


def main():
    ap = argparse.ArgumentParser(description="write a cpio newc archive")
    ap.add_argument("--mtime", type=int, default=0)
    ap.add_argument("spec")
    ap.add_argument("out")
    args = ap.parse_args()
    try:
        if args.spec == "-":
            entries = read_spec(sys.stdin)
        else:
            with open(args.spec) as f:
                entries = read_spec(f)
        add_parents(entries)
    except (SpecError, OSError) as e:
        sys.exit(f"gen_cpio: {args.spec}: {e}")
    tmp = args.out + ".tmp"
    try:
        with open(tmp, "wb") as out:
            order = sorted(entries, key=lambda p: p.split("/"))
            for ino, path in enumerate(order, 1):
                write_entry(out, ino, entries[path], args.mtime)
            write_entry(out, 0, {"path": "/TRAILER!!!", "mode": 0,
                                 "rdev": (0, 0), "data": b"", "src": None},
                        0)
        os.replace(tmp, args.out)
    except OSError as e:
        sys.exit(f"gen_cpio: {e}")


if __name__ == "__main__":
    main()
