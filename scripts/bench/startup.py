#!/usr/bin/env python3
"""Start -> first frame -> quit, in a pseudo-terminal, side by side.

Usage: startup.py [--runs N] [--size 120x40] [--install] [--settle MS] NAME MARKER -- CMD ARGS... [++ NAME MARKER -- CMD ...]

MARKER is one word of the frame's last row (ratatui writes words apart, with cursor moves
between them). The first program is the base of the ratios.

Each program is spawned N times, interleaved (so machine noise hits all alike), in a fresh
pty of the given size. Timed: exec -> the first output that contains MARKER (the frame has
been written) -> `q` sent -> the process has exited. Also reported: peak RSS (ru_maxrss of the
program after its first frame, VmHWM in /proc/PID/status). Prints one line per program: median and quartiles in ms, peak RSS in KiB.
--install copies each program into a fresh temporary directory first and runs the copies, as
`cargo install` would place them. --settle MS waits that long after the first frame before
reading peak RSS and sending `q`, for work a program does once its first frame is out (kazaf
builds its search index then): the times then include the wait. It matters: a binary just written by the linker starts
measurably slower than a copy of the same file (BENCHMARKS.md: the kernel maps the copy's
pages in fewer faults), and a small program hardly notices, so the ratio moves.
Only the standard library: pty, os, select, time, shutil, tempfile.
"""

import fcntl
import os
import select
import shutil
import statistics
import struct
import sys
import tempfile
import termios
import time


def run_once(cmd, marker, cols, rows, quit_key=b"q", timeout=60.0, settle=0.0):
    t0 = time.perf_counter()
    pid, fd = os.forkpty()
    if pid == 0:
        try:
            # The size is set before exec, so the program sees it from its first instruction.
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    buf = b""
    first = None
    deadline = t0 + timeout
    while first is None:
        r, _, _ = select.select([fd], [], [], max(0.0, deadline - time.perf_counter()))
        if not r:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            raise RuntimeError(f"{cmd[0]}: no {marker!r} within {timeout}s; got {buf[-300:]!r}")
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            chunk = b""
        if not chunk:
            raise RuntimeError(f"{cmd[0]}: exited before drawing; got {buf[-300:]!r}")
        buf += chunk
        if marker in buf:
            first = time.perf_counter()
    if settle:
        time.sleep(settle)
    # Peak RSS so far of the program itself (VmHWM starts afresh at exec; the wait4 figure
    # would include the forked Python).
    with open(f"/proc/{pid}/status") as f:
        hwm = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
    os.write(fd, quit_key)
    # Drain output until the child exits.
    while True:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
        wpid, status, ru = os.wait4(pid, os.WNOHANG)
        if wpid:
            break
    else:
        pass
    if not wpid:
        wpid, status, ru = os.wait4(pid, 0)
    end = time.perf_counter()
    os.close(fd)
    return (first - t0) * 1000, (end - t0) * 1000, hwm


def main(argv):
    runs, size, install, settle = 20, "120x40", False, 0.0
    while argv and argv[0].startswith("--") and argv[0] != "--":
        opt = argv.pop(0)
        if opt == "--runs":
            runs = int(argv.pop(0))
        elif opt == "--size":
            size = argv.pop(0)
        elif opt == "--install":
            install = True
        elif opt == "--settle":
            settle = float(argv.pop(0)) / 1000
        else:
            sys.exit(f"unknown option {opt}")
    cols, rows = (int(x) for x in size.split("x"))
    progs = []
    for part in " ".join(["\0" if a == "++" else a.replace(" ", "\1") for a in argv]).split("\0"):
        words = [w.replace("\1", " ") for w in part.split()]
        if not words:
            continue
        name, marker, sep, *cmd = words
        assert sep == "--", "expected NAME MARKER -- CMD"
        progs.append((name, marker.encode(), cmd))
    if install:
        where = tempfile.mkdtemp(prefix="startup-")
        for k, (name, marker, cmd) in enumerate(progs):
            path = shutil.which(cmd[0]) or cmd[0]
            copy = os.path.join(where, f"{k}-{os.path.basename(path)}")
            shutil.copy2(path, copy)
            progs[k] = (name, marker, [copy, *cmd[1:]])
    results = {name: [] for name, _, _ in progs}
    try:
        for _ in range(runs):
            for name, marker, cmd in progs:
                results[name].append(run_once(cmd, marker, cols, rows, settle=settle))
    finally:
        if install:
            shutil.rmtree(where)
    base = None
    how = "installed copies" if install else "binaries where they are"
    print(f"# {runs} runs each, {cols}x{rows} pty, {how}; times in ms (median [q1 q3]), peak RSS in KiB")
    for name, _, _ in progs:
        rs = results[name]
        ff = sorted(r[0] for r in rs)
        ex = sorted(r[1] for r in rs)
        rss = max(r[2] for r in rs)
        q = lambda v: statistics.quantiles(v, n=4) if len(v) > 1 else [v[0]] * 3
        med_ex = statistics.median(ex)
        base = base or (med_ex, rss)
        print(
            f"{name:12s} first frame {statistics.median(ff):8.2f} [{q(ff)[0]:.2f} {q(ff)[2]:.2f}]"
            f"  exit {med_ex:8.2f} [{q(ex)[0]:.2f} {q(ex)[2]:.2f}]"
            f"  ratio {med_ex / base[0]:5.2f}x  peak RSS {rss:7d} KiB ({rss / base[1]:.2f}x)"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
