#!/usr/bin/env python3
"""CPU time an idle explorer uses: start it in a pty, wait for its first frame, then read its
CPU time (/proc/PID/task/*/schedstat, and utime + stime from /proc/PID/stat) over SECONDS of no input (default 5), and quit.

Usage: idle.py [--seconds S] MARKER -- CMD ARGS...
"""

import os
import select
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fcntl, struct, termios  # noqa: E401,E402


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)


def cpu_ns(pid):
    """Nanoseconds on a CPU, all threads (schedstat: finer than the 10 ms ticks of stat)."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
            total += int(f.read().split()[0])
    return total


def main(argv):
    seconds = 5.0
    if argv[0] == "--seconds":
        seconds = float(argv[1])
        argv = argv[2:]
    marker, sep, *cmd = argv
    assert sep == "--"
    pid, fd = os.forkpty()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execvp(cmd[0], cmd)
    buf = b""
    while marker.encode() not in buf:
        r, _, _ = select.select([fd], [], [], 30)
        if not r:
            sys.exit("no first frame")
        buf += os.read(fd, 65536)
    time.sleep(0.2)  # let the first frame's work finish
    hz = os.sysconf("SC_CLK_TCK")
    t0, n0 = cpu_ticks(pid), cpu_ns(pid)
    written = 0
    end = time.time() + seconds
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], max(0, end - time.time()))
        if r:
            chunk = os.read(fd, 65536)
            written += len(chunk)
            if os.environ.get("IDLE_SHOW"):
                print(repr(chunk[:600]))
    t1, n1 = cpu_ticks(pid), cpu_ns(pid)
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    print(
        f"idle {seconds:.0f} s: {(n1 - n0) / 1e6:.2f} ms CPU (schedstat), "
        f"{(t1 - t0) * 1000 / hz:.0f} ms (utime+stime, {1000 / hz:.0f} ms ticks), "
        f"{written} bytes written"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
