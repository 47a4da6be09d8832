//! The terminal is always given back, checked in a real pseudo-terminal.
//!
//! After `q`, a panic forced with `KAZAF_TEST_PANIC` (debug builds only), SIGTERM, SIGHUP,
//! SIGINT, and Ctrl-Z or SIGTSTP then `fg`: the tty modes (`stty -g`) are the ones from before, the
//! alternate screen is left, the cursor is shown and mouse reporting is off. When the terminal
//! itself is closed, kazaf ends within [`SIGNAL_LIMIT`]. Without a terminal
//! (stdout a pipe or a file, or no controlling terminal under `setsid`) the explorer prints one
//! line, exits 2 and writes no escape byte.
//!
//! Each terminal scenario runs `setsid --ctty sh -c SCRIPT` on the user side of a fresh 100x30
//! pty, so the shell is a session leader whose controlling terminal is that pty, as in a real
//! terminal window. The script records `stty -g` before and after, and kazaf's exit status, in a
//! scratch directory; the test plays the person at the keyboard through the controller side,
//! whose output a thread reads all along so the child never blocks. Every scenario is killed and
//! failed after [`LIMIT`]. Linux only: kazaf's pid and state are read from /proc.
#![cfg(target_os = "linux")]

use std::fs::{self, File};
use std::io::{ErrorKind, Read, Write};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use rustix::fd::OwnedFd;
use rustix::process::{Pid, Signal, kill_process};
use rustix::termios::Winsize;
use rustix_openpty::rustix;

use crate::common::{BIN, Scratch, run};

/// A scenario still running after this long is killed and fails.
const LIMIT: Duration = Duration::from_secs(10);
/// How long kazaf may take to leave after a signal. A signal wakes its loop at once; without
/// that it would wait up to 5 s for an event, so this limit also checks the waking. It leaves
/// room for a loaded machine.
const SIGNAL_LIMIT: Duration = Duration::from_secs(2);
/// How the message for running without a terminal starts.
const MESSAGE: &str = "kazaf: the explorer needs a terminal";
/// Text of the tab bar: its arrival means a frame was drawn.
const FRAME: &str = "Overview";
/// What the shell prints once kazaf has stopped on Ctrl-Z and the shell has the terminal back.
const STOPPED: &str = "kazaf-test: stopped";

/// Each mode setup turns on, the sequence that turns it on, and the one restore must write
/// after it (crossterm 0.29: `EnterAlternateScreen`, `cursor::Hide`, `EnableMouseCapture`).
const MODES: [(&str, &str, &str); 8] = [
    ("alternate screen", "\x1b[?1049h", "\x1b[?1049l"),
    ("bracketed paste", "\x1b[?2004h", "\x1b[?2004l"),
    ("hidden cursor", "\x1b[?25l", "\x1b[?25h"),
    ("mouse: normal tracking", "\x1b[?1000h", "\x1b[?1000l"),
    ("mouse: button-event tracking", "\x1b[?1002h", "\x1b[?1002l"),
    ("mouse: any-event tracking", "\x1b[?1003h", "\x1b[?1003l"),
    ("mouse: RXVT coordinates", "\x1b[?1015h", "\x1b[?1015l"),
    ("mouse: SGR coordinates", "\x1b[?1006h", "\x1b[?1006l"),
];

/// Runs kazaf in the foreground and records the modes around it and its exit status.
const PLAIN: &str = r#"
stty -g > "$OUT/before"
"$KAZAF_BIN"
echo $? > "$OUT/status"
stty -g > "$OUT/after"
"#;

/// With job control on (`set -m`), as in an interactive shell: kazaf runs in its own foreground
/// process group, so Ctrl-Z really stops it (a stop signal to an orphaned process group is
/// discarded). While it is stopped the shell records the modes, says so, and waits for a line
/// before `fg`. kazaf stops itself with SIGSTOP once it has given the terminal back (SIGTSTP
/// runs its handler), so the shell sees 128 + 19; 128 + 20 is SIGTSTP's own.
const JOB_CONTROL: &str = r#"
set -m
stty -g > "$OUT/before"
"$KAZAF_BIN"
s=$?
while [ "$s" -eq 147 ] || [ "$s" -eq 148 ]; do
    stty -g > "$OUT/during"
    # An interactive shell puts back its own terminal settings when it gets the terminal
    # back; sh does not, so this does it when asked.
    [ -n "$RESET_WHILE_STOPPED" ] && stty "$(cat "$OUT/before")"
    echo stopped >> "$OUT/stops"
    echo "kazaf-test: stopped"
    read -r _line || break
    fg > /dev/null
    s=$?
done
echo "$s" > "$OUT/status"
stty -g > "$OUT/after"
"#;

/// The explorer with stdout redirected away from the terminal it otherwise has.
const STDOUT_TO_FILE: &str = r#"
stty -g > "$OUT/before"
"$KAZAF_BIN" > "$OUT/stdout"
echo $? > "$OUT/status"
stty -g > "$OUT/after"
"#;

/// The explorer with stdout a pipe, in a terminal.
const STDOUT_TO_PIPE: &str = r#"
stty -g > "$OUT/before"
{ "$KAZAF_BIN"; echo $? > "$OUT/status"; } | cat > "$OUT/stdout"
stty -g > "$OUT/after"
"#;

// ---------------------------------------------------------------------------------------------
// Helpers

/// A file the script wrote in `dir`, trimmed; empty when it is not there.
fn read(dir: &Scratch, name: &str) -> String {
    fs::read_to_string(dir.path().join(name))
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

/// A fresh 100x30 pty: its controller and user sides.
fn new_pty() -> rustix_openpty::Pty {
    sized_pty(100, 30)
}

/// A fresh pty of `cols`×`rows`.
fn sized_pty(cols: u16, rows: u16) -> rustix_openpty::Pty {
    let size = Winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    rustix_openpty::openpty(None, Some(&size)).expect("openpty")
}

/// A pseudo-terminal whose controller side's output a thread collects.
struct Pty {
    controller: File,
    output: Arc<Mutex<Vec<u8>>>,
    reader: JoinHandle<()>,
}

impl Pty {
    /// Opens a `cols`×`rows` pty; returns it and its user side (for the child's stdio).
    fn open(cols: u16, rows: u16) -> (Self, OwnedFd) {
        let pty = sized_pty(cols, rows);
        let controller = File::from(pty.controller);
        let mut reading = controller.try_clone().expect("clone the controller");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reading.read(&mut buf) {
                    Ok(n) if n > 0 => sink.lock().unwrap().extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    // EIO once no process has the user side open any more.
                    _ => break,
                }
            }
        });
        (
            Pty {
                controller,
                output,
                reader,
            },
            pty.user,
        )
    }

    fn output(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    fn len(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// Waits until the reader has seen the end (every user side closed), up to `deadline`.
    fn drain(&self, deadline: Instant) -> bool {
        while !self.reader.is_finished() {
            if Instant::now() > deadline {
                return false;
            }
            thread::sleep(Duration::from_millis(5));
        }
        true
    }
}

/// The child's stdio: three handles on the pty's user side.
fn stdio(user: &OwnedFd) -> (Stdio, Stdio, Stdio) {
    let dup = || Stdio::from(user.try_clone().expect("dup the pty's user side"));
    (dup(), dup(), dup())
}

/// Where `needle` first occurs in `hay` at or after `from`.
fn find(hay: &[u8], needle: &str, from: usize) -> Option<usize> {
    let n = needle.as_bytes();
    hay.get(from..)?
        .windows(n.len())
        .position(|w| w == n)
        .map(|i| i + from)
}

/// Where `needle` last occurs in `hay`.
fn rfind(hay: &[u8], needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.windows(n.len()).rposition(|w| w == n)
}

/// The end of the output, escaped, for failure messages.
fn tail(out: &[u8]) -> String {
    let text = String::from_utf8_lossy(&out[out.len().saturating_sub(1500)..]).into_owned();
    text.escape_debug().to_string()
}

/// Asserts that each mode setup turned on in `out` is turned off after the last time it was
/// turned on.
fn assert_restored(out: &[u8], context: &str) {
    for (what, on, off) in MODES {
        let last_on = rfind(out, on)
            .unwrap_or_else(|| panic!("{context}: {what} never turned on ({on:?}): {}", tail(out)));
        assert!(
            find(out, off, last_on).is_some(),
            "{context}: {what} left on ({off:?} missing after the last {on:?}): {}",
            tail(out)
        );
    }
}

/// Asserts that `out` holds no escape byte at all.
fn assert_no_escape(out: &[u8], context: &str) {
    assert!(
        !out.contains(&0x1b),
        "{context}: escape bytes written: {}",
        tail(out)
    );
}

/// Asserts that `text` is one line: the message for running without a terminal.
fn assert_one_line_message(text: &str, context: &str) {
    let text = text.replace("\r\n", "\n");
    assert!(
        text.starts_with(MESSAGE) && text.ends_with('\n') && text.matches('\n').count() == 1,
        "{context}: expected one line starting {MESSAGE:?}, got {text:?}"
    );
}

/// The pid of the child of `parent` that is running kazaf, if there is one yet.
fn kazaf_child_of(parent: u32) -> Option<Pid> {
    for entry in fs::read_dir("/proc").ok()?.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<i32>().ok())
        else {
            continue;
        };
        let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // "PID (COMM) STATE PPID ..."; COMM may hold spaces and parentheses.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if ppid != Some(parent) {
            continue;
        }
        let Ok(cmdline) = fs::read(format!("/proc/{pid}/cmdline")) else {
            continue;
        };
        if cmdline.split(|&b| b == 0).next() == Some(BIN.as_bytes()) {
            return Pid::from_raw(pid);
        }
    }
    None
}

/// The state letter of a process (R, S, T, Z...), from /proc.
fn state(pid: Pid) -> Option<char> {
    let stat = fs::read_to_string(format!("/proc/{}/stat", pid.as_raw_nonzero())).ok()?;
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// Waits for `child` to exit, up to `deadline`.
fn wait_until(child: &mut Child, deadline: Instant) -> Option<ExitStatus> {
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        if Instant::now() > deadline {
            return None;
        }
        thread::sleep(Duration::from_millis(5));
    }
}

/// Runs `cmd` with the stdio it set (a file, a pty: what `common::run`, which pipes all three,
/// cannot give it), killing it and failing after [`LIMIT`]. Its output must be small: a pipe
/// is read only once it has exited.
fn run_limited(mut cmd: Command, context: &str) -> Output {
    let mut child = cmd.spawn().expect("spawn");
    drop(cmd);
    if wait_until(&mut child, Instant::now() + LIMIT).is_none() {
        let _ = child.kill();
        let _ = child.wait();
        panic!("{context}: still running after {LIMIT:?}; killed");
    }
    child.wait_with_output().expect("collect the output")
}

// ---------------------------------------------------------------------------------------------
// A shell in a pty, and kazaf in it

/// `sh -c SCRIPT` in a fresh pty that is its controlling terminal.
struct Session {
    name: String,
    scratch: Scratch,
    pty: Pty,
    sh: Child,
    kazaf: Option<Pid>,
    deadline: Instant,
}

/// How a session ended.
struct Ended {
    /// kazaf's exit status as the shell saw it (`$?`).
    status: String,
    before: String,
    after: String,
    output: Vec<u8>,
}

impl Session {
    fn start(name: &str, script: &str, env: &[(&str, &str)]) -> Self {
        Session::start_sized(name, script, env, (100, 30))
    }

    /// The same in a pty of `cols`×`rows`. An env value of "" removes the variable.
    fn start_sized(
        name: &str,
        script: &str,
        env: &[(&str, &str)],
        (cols, rows): (u16, u16),
    ) -> Self {
        let scratch = Scratch::new();
        let (pty, user) = Pty::open(cols, rows);
        let (stdin, stdout, stderr) = stdio(&user);
        drop(user);
        let mut cmd = Command::new("setsid");
        cmd.args(["--ctty", "sh", "-c", script])
            .env("KAZAF_BIN", BIN)
            .env("OUT", scratch.path())
            .env("TERM", "xterm-256color")
            .env("RUST_BACKTRACE", "0")
            .env_remove("KAZAF_TEST_PANIC")
            .stdin(stdin)
            .stdout(stdout)
            .stderr(stderr);
        for (k, v) in env {
            if v.is_empty() {
                cmd.env_remove(k);
            } else {
                cmd.env(k, v);
            }
        }
        let sh = cmd.spawn().expect("spawn setsid --ctty sh");
        // Drop our handles on the user side, so the reader sees the end with the session's.
        drop(cmd);
        Session {
            name: name.to_owned(),
            scratch,
            pty,
            sh,
            kazaf: None,
            deadline: Instant::now() + LIMIT,
        }
    }

    /// Waits for `needle` in the output at or after `from`; returns where it starts.
    fn wait_for(&self, needle: &str, from: usize) -> usize {
        loop {
            let out = self.pty.output();
            if let Some(at) = find(&out, needle, from) {
                return at;
            }
            assert!(
                Instant::now() < self.deadline,
                "{}: no {needle:?} within {LIMIT:?}; output: {}",
                self.name,
                tail(&out)
            );
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits for a frame drawn in the alternate screen at or after `from`.
    fn wait_frame(&self, from: usize) -> usize {
        let entered = self.wait_for("\x1b[?1049h", from);
        self.wait_for(FRAME, entered)
    }

    /// kazaf's pid (the shell's child running the binary).
    fn kazaf(&mut self) -> Pid {
        if let Some(pid) = self.kazaf {
            return pid;
        }
        loop {
            if let Some(pid) = kazaf_child_of(self.sh.id()) {
                self.kazaf = Some(pid);
                return pid;
            }
            assert!(
                Instant::now() < self.deadline,
                "{}: kazaf not found among the shell's children",
                self.name
            );
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Types `bytes` at the terminal.
    fn send(&mut self, bytes: &[u8]) {
        self.pty
            .controller
            .write_all(bytes)
            .expect("write to the pty");
    }

    fn signal(&mut self, sig: Signal) {
        let pid = self.kazaf();
        kill_process(pid, sig).expect("signal kazaf");
    }

    /// Waits for the shell to finish and all output to be read; fails after the deadline.
    fn finish(mut self, within: Option<Duration>) -> Ended {
        let deadline = within.map_or(self.deadline, |d| (Instant::now() + d).min(self.deadline));
        let status = wait_until(&mut self.sh, deadline);
        assert!(
            status.is_some(),
            "{}: still running after {:?}; output: {}",
            self.name,
            within.unwrap_or(LIMIT),
            tail(&self.pty.output())
        );
        assert!(
            self.pty.drain(self.deadline),
            "{}: the pty was still open after the shell left",
            self.name
        );
        Ended {
            status: read(&self.scratch, "status"),
            before: read(&self.scratch, "before"),
            after: read(&self.scratch, "after"),
            output: self.pty.output(),
        }
    }
}

impl Drop for Session {
    /// On failure: kill kazaf and the shell, so nothing outlives the test. kazaf first, and the
    /// shell a moment later, so that the shell reaps it rather than leaving a zombie.
    fn drop(&mut self) {
        if matches!(self.sh.try_wait(), Ok(None)) {
            if let Some(pid) = self.kazaf.or_else(|| kazaf_child_of(self.sh.id())) {
                let _ = kill_process(pid, Signal::KILL);
            }
            let grace = Instant::now() + Duration::from_millis(500);
            if wait_until(&mut self.sh, grace).is_none() {
                let _ = self.sh.kill();
                let _ = self.sh.wait();
            }
        }
    }
}

impl Ended {
    /// The modes are the ones from before, and every mode setup turned on is off again.
    fn assert_terminal_restored(&self, context: &str) {
        assert!(
            !self.before.is_empty(),
            "{context}: `stty -g` before was not recorded"
        );
        assert_eq!(
            self.before, self.after,
            "{context}: the tty modes (stty -g) differ after kazaf"
        );
        assert_restored(&self.output, context);
    }
}

// ---------------------------------------------------------------------------------------------
// In a terminal

#[test]
fn quit_with_q_restores_the_terminal() {
    let mut s = Session::start("quit", PLAIN, &[]);
    s.wait_frame(0);
    s.send(b"q");
    let end = s.finish(None);
    assert_eq!(end.status, "0", "q: exit status");
    end.assert_terminal_restored("q");
}

#[test]
fn forced_panic_restores_the_terminal_then_prints() {
    let s = Session::start("panic", PLAIN, &[("KAZAF_TEST_PANIC", "1")]);
    s.wait_frame(0);
    let end = s.finish(None);
    assert_eq!(end.status, "101", "panic: exit status");
    end.assert_terminal_restored("panic");
    let out = &end.output;
    let message = find(out, "forced panic", 0)
        .unwrap_or_else(|| panic!("panic: no panic message: {}", tail(out)));
    // The hook restores first: every mode is off again before the message starts.
    assert_restored(&out[..message], "panic (before the message)");
    // The message went through a terminal that was out of raw mode: "\n" became "\r\n".
    let line_end = find(out, "\n", message).expect("the message line ends");
    assert_eq!(
        out[line_end - 1],
        b'\r',
        "panic: the message was printed in raw mode: {}",
        tail(out)
    );
}

fn signal_restores_the_terminal(name: &str, sig: Signal) {
    let mut s = Session::start(name, PLAIN, &[]);
    s.wait_frame(0);
    s.kazaf();
    let sent = Instant::now();
    s.signal(sig);
    let end = s.finish(Some(SIGNAL_LIMIT));
    let took = sent.elapsed();
    assert!(!end.status.is_empty(), "{name}: no exit status recorded");
    assert!(took < SIGNAL_LIMIT, "{name}: took {took:?} to leave");
    end.assert_terminal_restored(name);
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("sigterm", Signal::TERM);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("sighup", Signal::HUP);
}

#[test]
fn sigint_restores_the_terminal() {
    signal_restores_the_terminal("sigint", Signal::INT);
}

/// Every other signal whose default action ends the process: kazaf leaves the loop, gives the
/// terminal back, and then the signal ends it as it would have (the shell sees 128 + signal).
#[test]
fn signals_that_end_the_process_restore_the_terminal_first() {
    for (name, sig, status) in [
        ("sigquit", Signal::QUIT, "131"),
        ("sigusr1", Signal::USR1, "138"),
        ("sigusr2", Signal::USR2, "140"),
        ("sigalrm", Signal::ALARM, "142"),
    ] {
        let mut s = Session::start(name, PLAIN, &[]);
        s.wait_frame(0);
        s.signal(sig);
        let end = s.finish(Some(SIGNAL_LIMIT));
        assert_eq!(end.status, status, "{name}: exit status");
        end.assert_terminal_restored(name);
    }
}

/// A terminal of 65535×65535: the frame is drawn in a clamped area, where ratatui would have
/// asked for buffers of 206 GB and aborted without restoring the terminal.
#[test]
fn a_huge_terminal_draws_and_quits() {
    let mut s = Session::start_sized("huge", PLAIN, &[], (65535, 65535));
    s.wait_frame(0);
    s.send(b"q");
    let end = s.finish(None);
    assert_eq!(end.status, "0", "huge: exit status");
    end.assert_terminal_restored("huge");
}

/// 2 KB of `j` then `q`, written at once: crossterm's default event source read one 1 KiB
/// chunk per wake-up and left the rest unread until another key came, so `q` never arrived.
#[test]
fn a_burst_of_keys_is_read_to_the_end() {
    let mut s = Session::start("burst", PLAIN, &[]);
    s.wait_frame(0);
    let mut burst = vec![b'j'; 2048];
    burst.push(b'q');
    s.send(&burst);
    let end = s.finish(Some(Duration::from_secs(3)));
    assert_eq!(end.status, "0", "burst: exit status");
    end.assert_terminal_restored("burst");
}

/// Pasted text is text: in the search prompt it is typed there, elsewhere it is ignored, and a
/// `q` in it never quits.
#[test]
fn a_paste_with_q_in_it_does_not_quit() {
    let mut s = Session::start("paste", PLAIN, &[]);
    s.wait_frame(0);
    s.send(b"\x1b[200~quit now q\x1b[201~");
    let mark = s.pty.len();
    s.send(b"/");
    s.wait_for("choose", mark);
    let mark = s.pty.len();
    s.send(b"\x1b[200~kabul q\x1b[201~");
    s.wait_for("kabul q", mark);
    thread::sleep(Duration::from_millis(100));
    assert!(
        matches!(state(s.kazaf()), Some('S' | 'R')),
        "paste: kazaf left on a pasted q"
    );
    s.send(b"\x1b");
    thread::sleep(Duration::from_millis(100));
    s.send(b"q");
    let end = s.finish(None);
    assert_eq!(end.status, "0", "paste: exit status");
    end.assert_terminal_restored("paste");
}

/// TERM=dumb, or no TERM at all: the explorer is refused with a one-line hint before the
/// terminal is touched.
#[test]
fn a_dumb_terminal_is_refused_with_a_hint() {
    for (name, term) in [("dumb", "dumb"), ("no-term", "")] {
        let s = Session::start(name, PLAIN, &[("TERM", term)]);
        let end = s.finish(None);
        assert_eq!(end.status, "2", "{name}: exit status");
        assert_eq!(end.before, end.after, "{name}: the tty modes changed");
        assert_no_escape(&end.output, name);
        let text = String::from_utf8_lossy(&end.output);
        assert_one_line_message(&text, name);
        assert!(text.contains("kazaf render"), "{name}: {text}");
    }
}

/// The terminal goes away under kazaf (its window is closed, the connection drops): the pty's
/// controller side is closed while kazaf waits for a key. kazaf must end, not linger: crossterm
/// 0.29 reads a hung-up tty forever at full CPU (crossterm#793) and never returns to the loop
/// that would see the SIGHUP. Read by hand here rather than by [`Pty`], whose reader thread
/// would keep the controller side open.
#[test]
fn closing_the_terminal_ends_kazaf() {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let pty = new_pty();
    let (stdin, stdout, stderr) = stdio(&pty.user);
    drop(pty.user);
    let scratch = Scratch::new();
    let mut sh = Command::new("setsid")
        .args(["--ctty", "sh", "-c", PLAIN])
        .env("KAZAF_BIN", BIN)
        .env("OUT", scratch.path())
        .env("TERM", "xterm-256color")
        .env_remove("KAZAF_TEST_PANIC")
        .stdin(stdin)
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .expect("spawn setsid --ctty sh");
    let controller = File::from(pty.controller);
    let deadline = Instant::now() + LIMIT;
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    while find(&out, FRAME, 0).is_none() {
        assert!(
            Instant::now() < deadline,
            "hangup: no frame; output: {}",
            tail(&out)
        );
        let tick = Timespec {
            tv_sec: 0,
            tv_nsec: 50_000_000,
        };
        let mut fds = [PollFd::new(&controller, PollFlags::IN)];
        if poll(&mut fds, Some(&tick)).unwrap_or(0) > 0 {
            match (&controller).read(&mut buf) {
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => panic!("hangup: reading the pty: {e}"),
            }
        }
    }
    let kazaf = loop {
        if let Some(pid) = kazaf_child_of(sh.id()) {
            break pid;
        }
        assert!(Instant::now() < deadline, "hangup: kazaf not found");
        thread::sleep(Duration::from_millis(5));
    };
    // Close it while kazaf waits for a key (asleep in poll), as a person would: closed earlier,
    // kazaf would meet the dead terminal setting up its event reader, which fails cleanly.
    while state(kazaf) != Some('S') {
        assert!(
            Instant::now() < deadline,
            "hangup: kazaf never waited for a key"
        );
        thread::sleep(Duration::from_millis(5));
    }
    thread::sleep(Duration::from_millis(300));
    let closed = Instant::now();
    drop(controller);
    let gone = loop {
        // Gone, or a zombie waiting for the shell (or init) to reap it.
        if matches!(state(kazaf), None | Some('Z')) {
            break true;
        }
        if closed.elapsed() > SIGNAL_LIMIT {
            break false;
        }
        thread::sleep(Duration::from_millis(5));
    };
    if !gone {
        let _ = kill_process(kazaf, Signal::KILL);
    }
    let _ = sh.kill();
    let _ = sh.wait();
    assert!(
        gone,
        "hangup: kazaf still running {SIGNAL_LIMIT:?} after its terminal closed (state {:?})",
        state(kazaf)
    );
}

/// How kazaf is told to stop.
enum Stop {
    /// The user types Ctrl-Z (in raw mode a key, not a signal).
    CtrlZ,
    /// Something else sends SIGTSTP (`kill -TSTP`).
    Sigtstp,
    /// Something sends SIGSTOP, which kazaf cannot see coming.
    Sigstop,
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_fg_takes_it_again() {
    stop_then_fg("ctrl-z", &Stop::CtrlZ);
}

#[test]
fn sigtstp_from_outside_gives_the_terminal_back_and_fg_takes_it_again() {
    stop_then_fg("sigtstp", &Stop::Sigtstp);
}

/// SIGSTOP cannot be caught: the shell takes the terminal back as it finds it, and `fg` sends
/// SIGCONT, on which kazaf must take it again (raw mode, so `q` quits without Enter).
#[test]
fn sigstop_then_fg_takes_the_terminal_again() {
    stop_then_fg("sigstop", &Stop::Sigstop);
}

fn stop_then_fg(name: &str, how: &Stop) {
    let reset = if matches!(how, Stop::Sigstop) {
        "1"
    } else {
        ""
    };
    let mut s = Session::start(name, JOB_CONTROL, &[("RESET_WHILE_STOPPED", reset)]);
    s.wait_frame(0);
    let kazaf = s.kazaf();
    let typed = s.pty.len();
    match how {
        Stop::CtrlZ => s.send(&[0x1a]),
        Stop::Sigtstp => s.signal(Signal::TSTP),
        Stop::Sigstop => s.signal(Signal::STOP),
    }
    let stopped = s.wait_for(STOPPED, typed);
    assert_eq!(state(kazaf), Some('T'), "{name}: kazaf is not stopped");
    // A stop kazaf could see coming gave the terminal back, as it was before; SIGSTOP leaves
    // it as it was (and the shell, here, sets it back: see JOB_CONTROL).
    if !matches!(how, Stop::Sigstop) {
        assert_eq!(
            read(&s.scratch, "before"),
            read(&s.scratch, "during"),
            "{name}: the tty modes while stopped differ from before"
        );
        assert_restored(
            &s.pty.output()[..stopped],
            &format!("{name} (while stopped)"),
        );
    }
    // `fg`: kazaf continues, takes the terminal again and draws a whole frame.
    let resumed = s.pty.len();
    s.send(b"\n");
    s.wait_frame(resumed);
    assert_ne!(
        state(kazaf),
        Some('T'),
        "{name}: kazaf still stopped after fg"
    );
    s.send(b"q");
    let stops = read(&s.scratch, "stops");
    let end = s.finish(None);
    assert_eq!(stops, "stopped", "{name}: kazaf should have stopped once");
    assert_eq!(end.status, "0", "{name}: exit status after fg and q");
    end.assert_terminal_restored(name);
}

// ---------------------------------------------------------------------------------------------
// Without a terminal

/// kazaf with its stdout redirected, inside a terminal it could otherwise use.
fn redirected_in_a_terminal(name: &str, script: &str) {
    let s = Session::start(name, script, &[]);
    let stdout = s.scratch.path().join("stdout");
    let end = s.finish(None);
    assert_eq!(end.status, "2", "{name}: exit status");
    assert_eq!(end.before, end.after, "{name}: the tty modes changed");
    assert!(!end.before.is_empty(), "{name}: stty -g not recorded");
    assert_eq!(fs::read(stdout).unwrap_or_default(), b"", "{name}: stdout");
    assert_no_escape(&end.output, name);
    assert_one_line_message(&String::from_utf8_lossy(&end.output), name);
}

#[test]
fn stdout_to_a_file_in_a_terminal_is_refused() {
    redirected_in_a_terminal("file-in-tty", STDOUT_TO_FILE);
}

#[test]
fn stdout_to_a_pipe_in_a_terminal_is_refused() {
    redirected_in_a_terminal("pipe-in-tty", STDOUT_TO_PIPE);
}

fn kazaf_alone() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_remove("KAZAF_TEST_PANIC").stdin(Stdio::null());
    cmd
}

fn assert_refused(out: &Output, stdout: &[u8], context: &str) {
    assert_eq!(out.status.code(), Some(2), "{context}: exit status");
    assert_eq!(stdout, b"", "{context}: stdout");
    assert_no_escape(&out.stderr, context);
    assert_one_line_message(&String::from_utf8_lossy(&out.stderr), context);
}

#[test]
fn stdout_to_a_pipe_is_refused() {
    let out = run(assert_cmd::Command::from_std(kazaf_alone())).raw;
    assert_refused(&out, &out.stdout, "pipe");
}

#[test]
fn stdout_to_a_file_is_refused() {
    let scratch = Scratch::new();
    let path = scratch.path().join("stdout");
    let mut cmd = kazaf_alone();
    cmd.stdout(File::create(&path).expect("create the stdout file"))
        .stderr(Stdio::piped());
    let out = run_limited(cmd, "file");
    assert_refused(
        &out,
        &fs::read(&path).expect("read the stdout file"),
        "file",
    );
}

#[test]
fn no_controlling_terminal_with_pipes_is_refused() {
    let mut cmd = Command::new("setsid");
    cmd.args(["--wait", BIN]).env_remove("KAZAF_TEST_PANIC");
    let out = run(assert_cmd::Command::from_std(cmd)).raw;
    assert_refused(&out, &out.stdout, "setsid, pipes");
}

#[test]
fn no_controlling_terminal_with_a_pty_is_refused() {
    // stdin, stdout and stderr are a terminal, but not the controlling one: there is none, so
    // /dev/tty cannot be opened.
    let (pty, user) = Pty::open(100, 30);
    let (stdin, stdout, stderr) = stdio(&user);
    drop(user);
    let mut cmd = Command::new("setsid");
    cmd.args(["--wait", BIN])
        .env_remove("KAZAF_TEST_PANIC")
        .stdin(stdin)
        .stdout(stdout)
        .stderr(stderr);
    let out = run_limited(cmd, "setsid, pty");
    assert_eq!(out.status.code(), Some(2), "setsid, pty: exit status");
    assert!(
        pty.drain(Instant::now() + LIMIT),
        "setsid, pty: the pty was still open after kazaf left"
    );
    let written = pty.output();
    assert_no_escape(&written, "setsid, pty");
    assert_one_line_message(&String::from_utf8_lossy(&written), "setsid, pty");
}

/// kazaf at the Sources pane, with any further arguments from `$KAZAF_ARGS`.
const SOURCES: &str = r#"
stty -g > "$OUT/before"
"$KAZAF_BIN" --tab sources $KAZAF_ARGS
echo $? > "$OUT/status"
stty -g > "$OUT/after"
"#;

/// Standard base64, decoded (the test's own, to read what the terminal was sent).
fn base64(s: &str) -> Vec<u8> {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().take_while(|&c| c != b'=') {
        let v = A.iter().position(|&a| a == c).expect("a base64 character") as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[test]
fn y_copies_through_the_terminal_and_no_clipboard_turns_it_off() {
    let db = crate::common::embedded();
    let want = kazaf::export::copy::item_text(&db, kazaf::data::ItemRef::Reference(0));
    let mut s = Session::start("copy", SOURCES, &[("KAZAF_ARGS", ""), ("TMUX", "")]);
    let at = s.wait_frame(0);
    s.send(b"y");
    // OSC 52 to the clipboard, its text in base64, ended by ST.
    let start = s.wait_for("\x1b]52;c;", at) + "\x1b]52;c;".len();
    let end = s.wait_for("\x1b\\", start);
    let out = s.pty.output();
    let sent =
        String::from_utf8(base64(&String::from_utf8_lossy(&out[start..end]))).expect("UTF-8");
    assert_eq!(sent, want);
    assert!(sent.starts_with("[1] ") && !sent.contains('\x1b'));
    s.wait_for("copied source [1]", end);
    s.send(b"q");
    let end = s.finish(None);
    assert_eq!(end.status, "0");
    end.assert_terminal_restored("copy");

    // Turned off: nothing is sent, and the footer says why.
    let mut s = Session::start(
        "no-clipboard",
        SOURCES,
        &[("KAZAF_ARGS", "--no-clipboard"), ("TMUX", "")],
    );
    let at = s.wait_frame(0);
    s.send(b"y");
    s.wait_for("copying is off", at);
    s.send(b"q");
    let end = s.finish(None);
    assert_eq!(end.status, "0");
    assert!(find(&end.output, "\x1b]52;", 0).is_none());
}

/// kazaf on the fixture dataset at the Sources pane, with `$KAZAF_ARGS`.
const SAMPLE_SOURCES: &str = r#"
stty -g > "$OUT/before"
"$KAZAF_BIN" --data "$KAZAF_DATA" --tab sources
echo $? > "$OUT/status"
stty -g > "$OUT/after"
"#;

#[test]
fn a_web_address_is_a_hyperlink_whose_text_is_the_address() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample.ron");
    let data = data.to_str().expect("a path");
    let mut s = Session::start("links", SAMPLE_SOURCES, &[("KAZAF_DATA", data)]);
    let at = s.wait_frame(0);
    // The first source's address, as an OSC 8 link with an id, around the address itself.
    let open = "\x1b]8;id=kazaf-0;https://mfa.norvania.example/osterra\x1b\\";
    let start = s.wait_for(open, at) + open.len();
    let end = s.wait_for("\x1b]8;;\x1b\\", start);
    let out = s.pty.output();
    let shown = String::from_utf8_lossy(&out[start..end]).to_string();
    assert_eq!(shown, "https://mfa.norvania.example/osterra");
    // The fourth has none: no link is opened for it, and O says so.
    s.send(b"jjj");
    s.send(b"O");
    s.wait_for("has no web address", end);
    s.send(b"q");
    let end = s.finish(None);
    assert_eq!(end.status, "0");
    end.assert_terminal_restored("links");
    // Every link opened in the session is one of the data's addresses.
    let text = String::from_utf8_lossy(&end.output);
    for part in text.split("\x1b]8;").skip(1) {
        assert!(
            part.starts_with(";\x1b\\")
                || part.starts_with("id=kazaf-0;https://mfa.norvania.example/osterra\x1b\\"),
            "{part:?}"
        );
    }
}

#[test]
fn hostile_locators_never_become_links_or_leak_bytes() {
    let sample = crate::common::SAMPLE;
    let good = "locator: \"https://mfa.norvania.example/osterra\"";
    assert!(sample.contains(good));
    for hostile in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://еxample.org/look-alike",
        r"https://a.example/\u{1b}]8;;https://evil.example/\u{1b}\\x",
        "HTTPS://a.example/ spaced",
    ] {
        let dir = Scratch::new();
        let file = dir.path().join("hostile.ron");
        std::fs::write(
            &file,
            sample.replace(good, &format!("locator: \"{hostile}\"")),
        )
        .expect("write");
        let mut s = Session::start(
            "hostile-link",
            SAMPLE_SOURCES,
            &[("KAZAF_DATA", file.to_str().expect("path"))],
        );
        let at = s.wait_frame(0);
        s.send(b"O");
        s.wait_for("has no web address", at);
        s.send(b"q");
        let end = s.finish(None);
        assert_eq!(end.status, "0", "{hostile}");
        let out = String::from_utf8_lossy(&end.output);
        assert!(!out.contains("\x1b]8;"), "{hostile}: a link was opened");
        assert!(
            !out.contains("evil.example/\x1b"),
            "{hostile}: an escape leaked"
        );
        assert!(
            !out.contains('\x07') && !out.contains('\u{9b}'),
            "{hostile}: a control leaked"
        );
    }
    // Controls alone are dropped when the file is read (BEL, CSI): what is left is a plain
    // address, linked as the reader sees it, and not one byte of them reaches the terminal.
    let dir = Scratch::new();
    let file = dir.path().join("controls.ron");
    let controls = r#"locator: "https://a.example/\u{7}\u{9b}x""#;
    std::fs::write(&file, sample.replace(good, controls)).expect("write");
    let mut s = Session::start(
        "control-link",
        SAMPLE_SOURCES,
        &[("KAZAF_DATA", file.to_str().expect("path"))],
    );
    let at = s.wait_frame(0);
    s.wait_for(
        "\x1b]8;id=kazaf-0;https://a.example/x\x1b\\https://a.example/x\x1b]8;;",
        at,
    );
    s.send(b"q");
    let end = s.finish(None);
    let out = String::from_utf8_lossy(&end.output);
    assert!(
        !out.contains('\x07') && !out.contains('\u{9b}'),
        "a control leaked"
    );
}

/// `--watch` on a file: the explorer reads each save, whether the editor renames a new file
/// over the old one (as vim does) or writes the file in place, shows a save that breaks it as
/// the error panel, and takes the panel away on the next good save.
#[test]
fn watch_reads_each_save_and_shows_a_broken_one() {
    const WATCH: &str = r#"
stty -g > "$OUT/before"
"$KAZAF_BIN" --data "$WATCH_FILE" --watch --tab timeline
echo $? > "$OUT/status"
stty -g > "$OUT/after"
"#;
    let dir = crate::common::Scratch::new();
    let file = dir.file("mine.ron", kazaf::schema::STARTER);
    let mut s = Session::start("watch", WATCH, &[("WATCH_FILE", file.to_str().unwrap())]);
    s.wait_frame(0);
    let save_by_rename = |text: &str| {
        let tmp = dir.file("mine.ron.tmp", text);
        fs::rename(tmp, &file).expect("rename over the file");
    };
    let mark = s.pty.len();
    save_by_rename(&kazaf::schema::STARTER.replace("First official visit", "ZZZZZZZZZZZZ"));
    s.wait_for("ZZZZZZZZZZZZ", mark);
    s.wait_for("saved and read again", mark);

    let mark = s.pty.len();
    save_by_rename(&kazaf::schema::STARTER.replace("title: \"First", "tittle: \"First"));
    s.wait_for("does not load", mark);
    s.wait_for("`tittle`", mark);

    let mark = s.pty.len();
    fs::write(
        &file,
        kazaf::schema::STARTER.replace("First official visit", "QQQQQQQQQQQQ"),
    )
    .expect("write in place");
    s.wait_for("QQQQQQQQQQQQ", mark);
    s.wait_for("loads again", mark);
    s.send(b"q");
    let end = s.finish(None);
    assert_eq!(end.status, "0", "watch: exit status");
    end.assert_terminal_restored("watch");
}
