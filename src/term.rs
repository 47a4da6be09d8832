//! The terminal: setup and restore, signals, suspend, and the event loop.
//!
//! The terminal is only touched after the data has loaded and stdout has been found to be a
//! terminal that can draw (not `TERM=dumb`), and it is always given back:
//! - on quit, on error, and on a panic (the hook restores first, then prints the message);
//! - on SIGTERM, SIGHUP and SIGINT (the loop sees a flag and leaves normally), and on every
//!   other signal whose default action ends the process and that can be caught (SIGQUIT,
//!   SIGUSR1, ...): the loop leaves, restores, and the signal then ends the process as it
//!   would have;
//! - around a stop: Ctrl-Z (in raw mode a key) or a SIGTSTP from outside restores, stops, and
//!   on resume sets up again and redraws. A stop that cannot be caught (SIGSTOP, or SIGTTIN and
//!   SIGTTOU from the shell) leaves the terminal as the shell puts it, so SIGCONT sets it up
//!   again too.
//!
//! When the terminal itself goes away there is nothing to restore, and the process ends (see
//! [`watch_for_hangup`]). The loop draws only when something changed, so an idle explorer costs
//! nothing. Frames are drawn into at most [`MAX_AREA`]: a terminal of 65535×65535 would
//! otherwise ask for buffers of hundreds of gigabytes.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};
use signal_hook::consts::signal;

use crate::action::Action;

use crate::app::App;
use crate::data::Db;
use crate::draw::Look;
use crate::input::{self, Command};
use crate::panes::Tab;
use crate::ui::Screen;

/// How to run the explorer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// How to draw.
    pub look: Look,
    /// The pane to open at.
    pub tab: Tab,
    /// Capture the mouse.
    pub mouse: bool,
    /// The stage every pane opens filtered to (`None`: all stages).
    pub stage: Option<usize>,
    /// Copy to the clipboard through the terminal (`--no-clipboard` turns it off).
    pub clipboard: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            look: Look::default(),
            tab: Tab::default(),
            mouse: true,
            stage: None,
            clipboard: true,
        }
    }
}

/// Undoes everything [`setup`] did. Safe to call more than once, and from the panic hook.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Raw mode, the alternate screen, no cursor, bracketed paste (so a paste arrives as text, not
/// as keys: a `q` in it must not quit), and the mouse if asked.
fn setup(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        crossterm::cursor::Hide,
        EnableBracketedPaste
    )?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// The largest area a frame is drawn in: 1000 columns by 500 rows (half a million cells, a
/// few tens of megabytes of buffers). A larger terminal shows the explorer in its top-left
/// corner.
pub const MAX_AREA: Size = Size {
    width: 1000,
    height: 500,
};

/// The area drawn in on a terminal of `size`.
pub fn drawn_area(size: Size) -> Rect {
    Rect::new(
        0,
        0,
        size.width.min(MAX_AREA.width),
        size.height.min(MAX_AREA.height),
    )
}

/// Why the explorer cannot draw on a terminal that says it is `term` (the `TERM` variable),
/// if it cannot: a dumb terminal, or none named, understands none of the escape sequences it
/// draws with.
pub fn unusable_term(term: Option<&str>) -> Option<String> {
    let why = match term.map(str::trim) {
        None | Some("") => "TERM is not set".to_string(),
        Some("dumb") => "TERM=dumb".to_string(),
        Some(_) => return None,
    };
    Some(format!(
        "kazaf: the explorer needs a terminal that understands escape sequences ({why}); for \
         text use `kazaf render --tab NAME --size WxH` or `kazaf export --format markdown`"
    ))
}

/// The signals whose default action ends the process and that a handler can catch (beside
/// SIGTERM, SIGHUP and SIGINT, which end the loop normally). The faults (SIGSEGV, SIGBUS, ...)
/// cannot be caught safely, and SIGKILL not at all.
const FATAL: [i32; 8] = [
    signal::SIGQUIT,
    signal::SIGUSR1,
    signal::SIGUSR2,
    signal::SIGALRM,
    signal::SIGVTALRM,
    signal::SIGPROF,
    signal::SIGXCPU,
    signal::SIGXFSZ,
];

/// The most waiting events handled between two frames.
const EVENT_BATCH: usize = 256;

/// Room for a whole frame's escape sequences at a large size: the largest first frame measured,
/// the Map at 250×80, is 18 KiB (Overview 7 KiB). A bigger frame is written in more than one
/// piece, still correctly.
const FRAME_BUFFER_BYTES: usize = 64 * 1024;

/// The message and exit code (2) for running the explorer without a terminal.
pub const NOT_A_TERMINAL: &str = "kazaf: the explorer needs a terminal, and stdout is not one; for text use `kazaf export --format markdown` or `kazaf render --tab NAME --size WxH`";

/// Opens the explorer on `db`: checks for a terminal, runs until quit.
pub fn explore(db: Db, opts: &Options, watch: Option<&std::path::Path>) -> ExitCode {
    let has_tty = io::stdout().is_terminal() && std::fs::File::open("/dev/tty").is_ok();
    if !has_tty {
        let _ = writeln!(io::stderr(), "{NOT_A_TERMINAL}");
        return ExitCode::from(2);
    }
    if let Some(why) = unusable_term(std::env::var("TERM").ok().as_deref()) {
        let _ = writeln!(io::stderr(), "{why}");
        return ExitCode::from(2);
    }
    let mut app = App::at_stage(db, opts.tab, opts.stage);
    app.set_clipboard(crate::app::Clipboard {
        enabled: opts.clipboard,
        tmux: std::env::var_os("TMUX").is_some(),
    });
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
        // The release build aborts on panic (Cargo.toml): leave with Rust's usual exit status
        // for a panic instead, not SIGABRT and a core dump.
        std::process::exit(101);
    }));
    let flags = Flags::default();
    if let Err(e) = flags.register() {
        let _ = writeln!(io::stderr(), "kazaf: cannot watch signals: {e}");
        return ExitCode::from(1);
    }
    // `--watch`: started before the terminal is taken, so that a failure is a line on stderr.
    // A save wakes the loop as a signal does (see `wake_on_signals`): by a SIGWINCH, which
    // crossterm's event source always watches.
    let watch = match watch.map(|p| {
        crate::watch::Watch::start(p, || {
            let _ = signal_hook::low_level::raise(signal::SIGWINCH);
        })
    }) {
        Some(Err(why)) => {
            let _ = writeln!(io::stderr(), "kazaf: --watch: {why}");
            return ExitCode::from(1);
        }
        Some(Ok(w)) => Some(w),
        None => None,
    };
    if let Err(e) = setup(opts.mouse) {
        restore();
        let _ = writeln!(io::stderr(), "kazaf: cannot set up the terminal: {e}");
        return ExitCode::from(2);
    }
    let result = run(&mut app, opts, &flags, watch.as_ref());
    restore();
    // The process ends now: the OS takes the dataset back at once, where dropping it would free
    // it allocation by allocation (a tenth of a start-and-quit; BENCHMARKS.md).
    std::mem::forget(app);
    let fatal = flags.fatal.load(Ordering::Relaxed);
    if fatal != 0 {
        // The terminal is back; now the signal does what it would have done (ends the process,
        // with a core dump for SIGQUIT where cores are on).
        let _ = signal_hook::low_level::emulate_default_handler(fatal as i32);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "kazaf: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

/// What the signal handlers tell the loop.
#[derive(Default)]
struct Flags {
    /// SIGTERM, SIGHUP or SIGINT: leave.
    stop: Arc<AtomicBool>,
    /// SIGTSTP from outside: give the terminal back and stop.
    suspend: Arc<AtomicBool>,
    /// SIGCONT: the process was stopped and continued; the terminal may be in cooked mode.
    resumed: Arc<AtomicBool>,
    /// One of [`FATAL`] arrived (its number; 0 for none): leave, restore, then let it act.
    fatal: Arc<AtomicUsize>,
}

impl Flags {
    fn register(&self) -> io::Result<()> {
        for (sig, flag) in [
            (signal::SIGTERM, &self.stop),
            (signal::SIGHUP, &self.stop),
            (signal::SIGINT, &self.stop),
            (signal::SIGTSTP, &self.suspend),
            (signal::SIGCONT, &self.resumed),
        ] {
            signal_hook::flag::register(sig, Arc::clone(flag))?;
        }
        for sig in FATAL {
            signal_hook::flag::register_usize(sig, Arc::clone(&self.fatal), sig as usize)?;
        }
        Ok(())
    }

    fn leave(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.fatal.load(Ordering::Relaxed) != 0
    }
}

/// The dataset's web addresses: what may become a hyperlink on screen (`ui::links`).
fn urls_of(db: &Db) -> Vec<String> {
    let mut urls: Vec<String> = db
        .set
        .references
        .iter()
        .filter_map(|r| crate::export::cite::web_url(&r.locator))
        .map(str::to_string)
        .collect();
    urls.sort_unstable();
    urls.dedup();
    urls
}

fn run(
    app: &mut App,
    opts: &Options,
    flags: &Flags,
    watch: Option<&crate::watch::Watch>,
) -> io::Result<()> {
    // Frames are collected and written in one go (ratatui flushes after each draw): without the
    // buffer, stdout's 1 KiB line buffer sent a full screen in five writes, each through
    // stdout's lock, and a terminal could show a part-drawn frame between them.
    let out = io::BufWriter::with_capacity(FRAME_BUFFER_BYTES, io::stdout());
    let backend = CrosstermBackend::new(out);
    // A fixed viewport, sized by the loop: ratatui would otherwise size its buffers to the whole
    // terminal before every frame, however large (see `MAX_AREA`).
    let area = drawn_area(ratatui::backend::Backend::size(&backend)?);
    let mut terminal = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )?;
    let mut dirty = true;
    let mut first = true;
    let mut urls = urls_of(app.db());
    while !app.quitting() && !flags.leave() {
        // `--watch`: a save came (it woke the loop).
        if let Some(reload) = watch.and_then(crate::watch::Watch::take) {
            match reload {
                crate::watch::Reload::Loaded { db, file, took } => {
                    app.reload(*db, &file, took);
                    urls = urls_of(app.db());
                }
                crate::watch::Reload::Failed(broken) => app.set_broken(broken),
            }
            dirty = true;
        }
        if flags.suspend.swap(false, Ordering::Relaxed) {
            suspend(opts.mouse)?;
            flags.resumed.store(false, Ordering::Relaxed);
            redraw_all(&mut terminal)?;
            dirty = true;
        }
        if flags.resumed.swap(false, Ordering::Relaxed) {
            // Continued after a stop kazaf could not see coming: take the terminal again. The
            // shell may have set cooked mode meanwhile, and crossterm, which remembers having
            // set raw mode, would not set it again: so it is first told it is off.
            let _ = disable_raw_mode();
            setup(opts.mouse)?;
            redraw_all(&mut terminal)?;
            dirty = true;
        }
        if dirty {
            let frame =
                terminal.draw(|f| f.render_widget(Screen::new(app, &opts.look), f.area()))?;
            let links = crate::ui::links::find(frame.buffer, &urls);
            if !links.is_empty() {
                // Over the frame just written: its web addresses again, as hyperlinks.
                crate::ui::links::write(terminal.backend_mut(), &links)?;
                terminal.backend_mut().flush()?;
            }
            dirty = false;
            if first {
                first = false;
                assert!(
                    !(cfg!(debug_assertions) && std::env::var_os("KAZAF_TEST_PANIC").is_some()),
                    "forced panic (KAZAF_TEST_PANIC is set; debug builds only)"
                );
                // The frame is out; what it did not need is built while it is being read (the
                // search index, where the dataset is large enough to make a first search wait).
                let _ = app.prepare_if_large();
                watch_for_hangup();
                // Until now the loop has not waited; from here a signal must wake it. If the
                // thread cannot be started, the loop still sees the flags every IDLE_WAIT. A
                // signal that came before the thread was listening has set its flag: the loop
                // looks at the flags once more before it first waits.
                let _ = wake_on_signals();
                continue;
            }
        }
        if !event::poll(IDLE_WAIT)? {
            continue;
        }
        // Every event already waiting is handled before the next frame: a held key or a burst
        // of them costs one frame, not one each (up to a batch, so a flood still redraws).
        for _ in 0..EVENT_BATCH {
            let event = event::read()?;
            if let Event::Resize(w, h) = event {
                terminal.resize(drawn_area(Size::new(w, h)))?;
            }
            let mode = input::mode(app, opts.mouse);
            match input::translate(event, mode) {
                Some(Command::Suspend) => {
                    suspend(opts.mouse)?;
                    flags.resumed.store(false, Ordering::Relaxed);
                    redraw_all(&mut terminal)?;
                    dirty = true;
                    break;
                }
                Some(Command::Apply(a)) => {
                    app.apply(a);
                    if let Some(url) = app.take_open() {
                        open_in_browser(app, &url);
                    }
                    if let Some(text) = app.take_copy() {
                        // OSC 52: the terminal puts it on the clipboard (base64, so no byte of
                        // it is read as a control sequence).
                        let out = terminal.backend_mut();
                        out.write_all(crate::export::copy::osc52(&text).as_bytes())?;
                        out.flush()?;
                    }
                    dirty = true;
                }
                Some(Command::Type(text)) => {
                    for c in text.chars() {
                        app.apply(Action::Input(c));
                    }
                    dirty = true;
                }
                None => {}
            }
            if app.quitting() || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    // Like the dataset (see `explore`), the two screen buffers are left to the OS rather than
    // freed cell by cell (BENCHMARKS.md). Nothing is lost: every draw
    // flushes, and `restore` shows the cursor that ratatui's drop would have.
    terminal.backend_mut().flush()?;
    std::mem::forget(terminal);
    Ok(())
}

/// Opens `url` (a plain `http`/`https` address) with the platform's opener, without waiting
/// for it and with its output kept off the screen; says so on the status line when there is
/// no opener.
fn open_in_browser(app: &mut App, url: &str) {
    let (program, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("explorer", &[])
    } else {
        ("xdg-open", &[])
    };
    let spawned = std::process::Command::new(program)
        .args(args)
        .arg(crate::export::cite::link_target(url))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        // Reaped on a thread of its own, so it leaves no zombie and the loop does not wait.
        Ok(mut child) => {
            let _ = std::thread::Builder::new().spawn(move || child.wait());
        }
        Err(_) => app.say(
            format!("no program to open links with here ({program}); the address: {url}"),
            true,
        ),
    }
}

/// How long the loop waits for an event before it looks at the signal flags anyway. Signals
/// wake it at once (see [`wake_on_signals`]); this is only a safety net. A short wait costs:
/// crossterm's /dev/tty event source spins through the last millisecond of every timeout.
const IDLE_WAIT: Duration = Duration::from_secs(5);

/// Wakes the event loop when a signal it must act on arrives, so that it can wait for events
/// without a timeout. The flags are set by their own handlers; a thread of its own receives the
/// same signals and then raises SIGWINCH, which crossterm's event source is always watching:
/// the loop gets a resize event (at the same size), then sees the flag.
fn wake_on_signals() -> io::Result<()> {
    let mut wanted = vec![
        signal::SIGTERM,
        signal::SIGHUP,
        signal::SIGINT,
        signal::SIGTSTP,
        signal::SIGCONT,
    ];
    wanted.extend(FATAL);
    let mut signals = signal_hook::iterator::Signals::new(wanted)?;
    std::thread::Builder::new()
        .name("signals".into())
        .stack_size(64 * 1024)
        .spawn(move || {
            for _ in signals.forever() {
                let _ = signal_hook::low_level::raise(signal::SIGWINCH);
            }
        })?;
    Ok(())
}

/// The exit status when the terminal goes away: 128 + SIGHUP, as if the hang-up had killed it.
pub const HANGUP_EXIT: i32 = 129;

/// Ends the process once the terminal has gone away (its window closed, the connection
/// dropped). The loop cannot notice: crossterm 0.29 reads a hung-up terminal over and over at
/// full CPU and never returns from `event::poll`, so the SIGHUP flag is never looked at
/// (crossterm#793; found here as a kazaf left spinning after its tmux pane was killed). A
/// thread of its own blocks in poll(2) on the terminal stdout is, which reports a hang-up
/// whatever events are asked for, and exits the process then: there is no terminal left to
/// restore. It costs nothing while it waits; it is started after the first frame, so that the
/// start does not wait for it either. If the thread cannot be started the explorer runs
/// without it.
fn watch_for_hangup() {
    use rustix::event::{PollFd, PollFlags, poll};
    let _ = std::thread::Builder::new()
        .name("hangup".into())
        .stack_size(64 * 1024)
        .spawn(|| {
            let out = io::stdout();
            let mut fds = [PollFd::new(&out, PollFlags::empty())];
            loop {
                match poll(&mut fds, None) {
                    Ok(_)
                        if fds[0]
                            .revents()
                            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) =>
                    {
                        std::process::exit(HANGUP_EXIT)
                    }
                    Ok(_) | Err(rustix::io::Errno::INTR) => {}
                    Err(_) => return,
                }
            }
        });
}

/// Redraws every cell, at the size the terminal has now. Not `terminal.clear()`: it asks the
/// terminal where the cursor is and fails after 2 s where no answer comes.
fn redraw_all<B: ratatui::backend::Backend>(terminal: &mut Terminal<B>) -> Result<(), B::Error> {
    let size = terminal.size()?;
    terminal.resize(drawn_area(size))
}

/// Ctrl-Z or SIGTSTP: give the terminal back, stop, and take it again when continued.
fn suspend(mouse: bool) -> io::Result<()> {
    restore();
    // Raising SIGTSTP would only run kazaf's own handler; this stops with SIGSTOP instead (a
    // shell then reports "Stopped (signal)", and `fg` continues as usual).
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    setup(mouse)
}
