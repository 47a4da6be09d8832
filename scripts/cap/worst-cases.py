#!/usr/bin/env python3
"""Inputs of a given size that are slowest to load, for setting `MAX_FILE_BYTES`.

Usage: worst-cases.py [--bytes N] [--dir DIR] [--run KAZAF] [--repeat R]

Writes into DIR (default /tmp/kazaf-cap) one file per case, each just under N bytes (default:
the current MAX_FILE_BYTES, read from src/data/load.rs). With --run, times `KAZAF check FILE`
on each (best of R runs: wall clock, and user + system CPU time, which other work on a
shared machine inflates less) and prints a table. The cases:

- events:       a valid dataset of as many minimal events as fit (parse, validate, index, audit)
- bad_events:   the same, every event naming a missing stage (one problem each, all reported)
- cites:        a valid dataset whose events cite a reference many times (integers)
- ids:          a valid-to-parse event naming an empty place id over and over (strings)
- escapes:      one string that is a run of `\\n` escapes
- floats:       map outlines of as many coordinate pairs as fit
- string:       one plain string
- nesting:      `[` nested as deep as fits (ron rejects it at its recursion limit)
- unicode:      one string of 4-byte characters
"""

import os
import re
import resource
import subprocess
import sys
import time

HEAD = (
    '(article: (title: "t", year: 2016, city: "c", category: "c", parties: ["a", "b"]),\n'
    ' stages: [(id: "s", name: "S", start: 1990, end: Some(2020), summary: "x")],\n'
    ' references: [(number: 1, title: "r", kind: Other)],\n'
)


def fill(n, head, item, tail):
    """head + items + tail, with as many items as keep the whole under n bytes."""
    body = []
    size = len(head.encode()) + len(tail.encode())
    i = 0
    while True:
        s = item(i)
        b = len(s.encode())
        if size + b > n:
            break
        body.append(s)
        size += b
        i += 1
    return head + "".join(body) + tail


def cases(n):
    ev = lambda stage: lambda i: (
        f'(id:"e{i}",date:"2000",stage:"{stage}",category:Other,title:"t",text:"x",cites:[1]),\n'
    )
    yield "events", fill(n, HEAD + " events: [\n", ev("s"), "])\n")
    yield "bad_events", fill(n, HEAD + " events: [\n", ev("missing"), "])\n")
    yield "cites", fill(
        n,
        HEAD + ' events: [(id:"e",date:"2000",stage:"s",category:Other,title:"t",text:"x",cites:[',
        lambda i: "1,",
        "])])\n",
    )
    yield "ids", fill(
        n,
        HEAD + ' events: [(id:"e",date:"2000",stage:"s",category:Other,title:"t",text:"x",places:[',
        lambda i: '"",',
        "])])\n",
    )
    yield "escapes", fill(n, HEAD + ' events: [], map: (attribution: "', lambda i: "\\n" * 512, '"))\n')
    yield "floats", fill(
        n,
        HEAD + ' events: [], map: (outlines: [(name: "o", lines: [[',
        lambda i: "(69.123456,35.123456),",
        "]])]))\n",
    )
    yield "string", fill(n, HEAD + ' events: [], map: (attribution: "', lambda i: "x" * 4096, '"))\n')
    yield "nesting", fill(n, "", lambda i: "[" * 4096, "")
    yield "unicode", fill(n, HEAD + ' events: [], map: (attribution: "', lambda i: "\U0001F600" * 1024, '"))\n')


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    load_rs = open(os.path.join(here, "../../src/data/load.rs")).read()
    m = re.search(r"MAX_FILE_BYTES: u64 = ([0-9_ *]+);", load_rs)
    n = eval(m.group(1).replace("_", ""))
    out, run, repeat = "/tmp/kazaf-cap", None, 3
    while argv:
        a = argv.pop(0)
        if a == "--bytes":
            n = int(argv.pop(0))
        elif a == "--dir":
            out = argv.pop(0)
        elif a == "--run":
            run = argv.pop(0)
        elif a == "--repeat":
            repeat = int(argv.pop(0))
        else:
            sys.exit(__doc__)
    os.makedirs(out, exist_ok=True)
    print(f"# {n} bytes ({n / 2**20:.1f} MiB) per file, in {out}")
    for name, text in cases(n):
        path = os.path.join(out, f"{name}.ron")
        data = text.encode()
        assert len(data) <= n, (name, len(data))
        with open(path, "wb") as f:
            f.write(data)
        if run:
            best, cpu, rc = None, None, None
            for _ in range(repeat):
                r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                p = subprocess.run([run, "check", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                dt = time.perf_counter() - t0
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                c = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
                best = dt if best is None else min(best, dt)
                cpu = c if cpu is None else min(cpu, c)
                rc = p.returncode
            verdict = "loads" if rc == 0 else f"rejected (exit {rc})"
            print(f"{name:12s} {len(data):>10d} B  {best:6.2f} s wall  {cpu:6.2f} s cpu  {verdict}")
        else:
            print(f"{name:12s} {len(data):>10d} B  {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
