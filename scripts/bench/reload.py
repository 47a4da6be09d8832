#!/usr/bin/env python3
"""Save-to-new-frame time of `kazaf --watch`: start it in a pty (120x40) on a copy of FILE,
wait for its first frame, then save the file ROUNDS times, each time renaming a new copy over
it (as vim does) with the article's title changed to a new marker, and time from the rename to the moment the marker reaches the terminal. Prints each round and the median.

Usage: reload.py [--rounds N] KAZAF FILE
"""

import fcntl
import os
import select
import statistics
import struct
import sys
import tempfile
import termios
import time


def main(argv):
    rounds = 10
    if argv[0] == "--rounds":
        rounds = int(argv[1])
        argv = argv[2:]
    kazaf, src = argv
    text = open(src, encoding="utf-8").read()
    key = 'title: "'
    at = text.index(key) + len(key)
    end = text.index('"', at)
    old = text[at:end]
    work = tempfile.mkdtemp(prefix="kazaf-reload-")
    path = os.path.join(work, "data.ron")

    def save(marker):
        """Writes the new copy, then renames it over the file: the save, whose time is returned."""
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text[:at] + marker + old[len(marker):] + text[end:])
        t = time.monotonic()
        os.rename(tmp, path)
        return t

    save("")
    started = time.monotonic()
    pid, fd = os.forkpty()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execvp(kazaf, [kazaf, "--data", path, "--watch"])

    def wait_for(marker, limit):
        buf = b""
        deadline = time.monotonic() + limit
        while marker not in buf:
            left = deadline - time.monotonic()
            r, _, _ = select.select([fd], [], [], max(0, left))
            if not r:
                sys.exit(f"no {marker!r} within {limit} s")
            buf += os.read(fd, 1 << 20)
        return time.monotonic()

    first = (wait_for(b"Overview", 60) - started) * 1000
    print(f"start to first frame (the load): {first:.1f} ms", flush=True)
    time.sleep(1.0)  # the first frame's work (the search index) done
    times = []
    for k in range(rounds):
        marker = ("RELOAD%02d" % k) * 2
        t0 = save(marker)
        t1 = wait_for(marker.encode(), 60)
        times.append((t1 - t0) * 1000)
        print(f"round {k + 1}: {times[-1]:.1f} ms", flush=True)
        time.sleep(0.3)
    os.write(fd, b"q")
    try:
        while os.read(fd, 1 << 20):  # drain, so that the explorer can write its last bytes
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    median = statistics.median(times)
    print(f"save to new frame: median {median:.1f} ms, "
          f"min {min(times):.1f}, max {max(times):.1f} ms ({rounds} rounds); "
          f"{median / first:.2f}x the start")


if __name__ == "__main__":
    main(sys.argv[1:])
