//! `--watch`: the data file read again each time it is saved, for people writing a dataset.
//!
//! - **The directory is watched, not the file.** Editors such as vim and most IDEs save by
//!   writing a new file and renaming it over the old one; a watch on the file would stay on
//!   the old one, now gone. The directory's events are kept when they name the file.
//! - **Events, not polling.** notify's inotify (kqueue, FSEvents) watcher wakes on the kernel's
//!   events, and the thread that gathers them waits on a channel with no timeout while nothing
//!   happens: an idle explorer with `--watch` still costs nothing (BENCHMARKS.md).
//! - **Only writes count.** Reading the file is an event too (open, close): counted, each
//!   reload would set off the next, for ever. So only creating, writing, renaming, removing
//!   and closing after a write are kept ([`is_save`]). (notify's debouncer passes every kind
//!   on, which is why this module gathers the events itself.)
//! - **A save is a burst of events** (truncate, write, close; or create, write, rename): they
//!   are gathered until [`DEBOUNCE`] passes without one, then the file is read once.
//! - **The file is loaded on the watcher's thread**, not the event loop's: the 100,000-event
//!   file takes 0.4 s, and the screen stays live meanwhile. The outcome waits in a
//!   slot; `wake` tells the loop, which takes it with [`Watch::take`] and redraws.
//!
//! A save that breaks the file becomes [`Reload::Failed`]: the lines of the error panel, every
//! problem with its `FILE:LINE:COL` and its source line. The explorer keeps the last good data.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::data::Db;
use crate::data::load::{self, LoadError};
use crate::data::sanitize::sanitize;

/// How long without an event ends a save's burst of them, before the file is read: a save is a
/// few events within a millisecond or two, so this is most of the time from a save to its
/// frame.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// The most problem lines the panel is given (a file broken on every line has a systematic
/// mistake, and `kazaf check` lists them all).
pub const MAX_PANEL_PROBLEMS: usize = 50;

/// What a save of the watched file came to.
#[derive(Debug)]
pub enum Reload {
    /// It loads: the new dataset, the file's name (sanitized), and how long reading it took.
    Loaded {
        db: Box<Db>,
        file: String,
        took: Duration,
    },
    /// It does not: the error panel's lines.
    Failed(Broken),
}

/// Why the watched file does not load, as the error panel shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The file, as named on the command line (sanitized).
    pub file: String,
    /// How many problems (1 for a file that cannot be read or parsed).
    pub count: usize,
    /// Every problem's `FILE:LINE:COL: message`, each followed by its source line (indented,
    /// with its number): plain, sanitized text.
    pub lines: Vec<String>,
}

/// A running watch on one data file. Dropping it stops the watch.
pub struct Watch {
    /// The kernel's watch; dropping it closes the channel, which ends the gathering thread.
    _watcher: RecommendedWatcher,
    slot: Arc<Mutex<Option<Reload>>>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch").finish_non_exhaustive()
    }
}

impl Watch {
    /// Starts watching `path`: after each save, the file is loaded and `wake` is called. Fails
    /// with a one-line reason (the directory cannot be watched: no inotify instances left, no
    /// permission).
    pub fn start(path: &Path, wake: impl Fn() + Send + 'static) -> Result<Watch, String> {
        let name = sanitize(&path.display().to_string()).into_owned();
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let file_name = path.file_name().map(std::ffi::OsStr::to_os_string);
        let slot: Arc<Mutex<Option<Reload>>> = Arc::new(Mutex::new(None));
        let put = Arc::clone(&slot);
        let target = path.to_path_buf();
        let (tx, rx) = mpsc::channel::<()>();
        let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            if let Ok(event) = res
                && is_save(event.kind)
                && event
                    .paths
                    .iter()
                    .any(|p| file_name.is_some() && p.file_name() == file_name.as_deref())
            {
                let _ = tx.send(());
            }
        })
        .map_err(|e| format!("cannot watch {}: {e}", sanitize(&dir.display().to_string())))?;
        std::thread::Builder::new()
            .name("watch".into())
            .spawn(move || {
                // Waits with no timeout while nothing happens; ends when the watcher is dropped.
                while rx.recv().is_ok() {
                    // The rest of the burst.
                    loop {
                        match rx.recv_timeout(DEBOUNCE) {
                            Ok(()) => {}
                            Err(mpsc::RecvTimeoutError::Timeout) => break,
                            Err(mpsc::RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    let outcome = reload(&target, &name);
                    *put.lock().unwrap_or_else(PoisonError::into_inner) = Some(outcome);
                    wake();
                }
            })
            .map_err(|e| format!("cannot start watching: {e}"))?;
        watcher
            .watch(&dir, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", sanitize(&dir.display().to_string())))?;
        Ok(Watch {
            _watcher: watcher,
            slot,
        })
    }

    /// The outcome of the latest save, if one came since the last call (an older one not yet
    /// taken is replaced: only the file as it is now matters).
    pub fn take(&self) -> Option<Reload> {
        self.slot
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}

/// An event that may have changed the file: anything but reading it (opening, reading,
/// closing unwritten) and reading its metadata.
pub fn is_save(kind: EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Modify(notify::event::ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

/// Loads `path` (named `name` in messages) as a save of it: the dataset, or the panel's lines.
pub fn reload(path: &Path, name: &str) -> Reload {
    let start = Instant::now();
    let text = match load::read_text(path, name) {
        Ok(t) => t,
        Err(e) => return Reload::Failed(broken(&e, "")),
    };
    match load::load_str(name, &text) {
        Ok(db) => Reload::Loaded {
            db: Box::new(db),
            file: name.to_string(),
            took: start.elapsed(),
        },
        Err(e) => Reload::Failed(broken(&e, &text)),
    }
}

/// The error panel's lines for `e`, with source lines taken from `text` (the file as read).
pub fn broken(e: &LoadError, text: &str) -> Broken {
    let (file, count, lines) = match e {
        LoadError::Invalid { file, problems } => {
            let src: Vec<&str> = if text.is_empty() {
                Vec::new()
            } else {
                text.lines().collect()
            };
            let mut lines = Vec::new();
            for p in problems.iter().take(MAX_PANEL_PROBLEMS) {
                match p.pos {
                    Some((l, c)) => {
                        lines.push(format!("{file}:{l}:{c}: {}: {}", p.path, p.message));
                        if let Some(s) = src.get(l.saturating_sub(1)) {
                            lines.push(format!("  {l} | {}", sanitize(s.trim_end())));
                        }
                    }
                    None => lines.push(format!("{file}: {}: {}", p.path, p.message)),
                }
            }
            if problems.len() > MAX_PANEL_PROBLEMS {
                let more = problems.len() - MAX_PANEL_PROBLEMS;
                let noun = if more == 1 { "problem" } else { "problems" };
                lines.push(format!(
                    "… and {more} more {noun}: `kazaf check {file}` lists them all"
                ));
            }
            (file.clone(), problems.len(), lines)
        }
        other => {
            let count = match other {
                LoadError::Syntax { errors, .. } => errors.len(),
                _ => 1,
            };
            // Each syntax error's block (message, source line, caret), without the blank
            // lines between them.
            let lines = other
                .to_string()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect();
            (other.file().to_string(), count, lines)
        }
    };
    Broken { file, count, lines }
}
