//! Broken files: each file in `tests/bad/` is a dataset with one thing wrong, named for it, and
//! `tests/bad/<name>.expected` beside it holds the exit code (first line) and the exact message
//! `kazaf check` must print (the file's path written as `FILE`). A few cases that cannot be
//! committed as files (a 10^6-deep nesting, a file over the size cap, `/dev/null`, a directory)
//! are made here. Every case runs the real binary, with a guard that kills it after 10 s (a hang
//! guard, not a timing assertion: the measured times are in BENCHMARKS.md).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Outcome {
    code: i32,
    stderr: String,
    stdout: String,
}

fn check(path: &Path) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kazaf"))
        .arg("check")
        .arg(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kazaf runs");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("{}: kazaf check still running after 10 s", path.display());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let out = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{}: {stderr}", path.display());
    Outcome {
        code: out.status.code().expect("exited, not killed by a signal"),
        stderr,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

#[test]
fn every_bad_file_gets_its_exact_message_and_exit_code() {
    let dir = Path::new("tests/bad");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/bad")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 19, "the bad files are there");
    for path in cases {
        let expected = std::fs::read_to_string(path.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{} has no .expected beside it", path.display()));
        let (code_line, message) = expected
            .split_once('\n')
            .expect("exit line, then the message");
        let code: i32 = code_line
            .trim_start_matches("exit: ")
            .parse()
            .expect("exit code");
        let got = check(&path);
        let got_message = got.stderr.replace(&path.display().to_string(), "FILE");
        assert_eq!(got_message, message, "{}", path.display());
        assert_eq!(got.code, code, "{}", path.display());
        assert_eq!(got.stdout, "", "{}: nothing on stdout", path.display());
        assert!(
            got_message.starts_with("kazaf: FILE"),
            "{}: the message names the file first",
            path.display()
        );
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kazaf-bad-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn deep_nesting_is_rejected_without_overflowing_the_stack() {
    let dir = scratch("deep");
    let f = dir.join("deep.ron");
    std::fs::write(
        &f,
        "(article: (title: ".to_string() + &"[".repeat(1_000_000),
    )
    .unwrap();
    let got = check(&f);
    assert_eq!(got.code, 1);
    assert_eq!(
        got.stderr.lines().next().unwrap(),
        format!("kazaf: {}:1:18: Expected string", f.display())
    );
    let f = dir.join("deep-list.ron");
    std::fs::write(&f, "[".repeat(1_000_000)).unwrap();
    let got = check(&f);
    assert_eq!(got.code, 1);
    assert!(
        got.stderr
            .starts_with(&format!("kazaf: {}:1:1: ", f.display())),
        "{}",
        got.stderr
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_file_over_the_cap_is_refused_before_it_is_read() {
    let dir = scratch("cap");
    let f = dir.join("big.ron");
    let file = std::fs::File::create(&f).unwrap();
    file.set_len(kazaf::data::load::MAX_FILE_BYTES + 1).unwrap();
    let got = check(&f);
    assert_eq!(got.code, 1);
    assert_eq!(
        got.stderr,
        format!(
            "kazaf: {}: is larger than the limit of {} MiB for a data file\n",
            f.display(),
            kazaf::data::load::MAX_FILE_BYTES / (1024 * 1024)
        )
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn dev_null_and_a_directory() {
    let got = check(Path::new("/dev/null"));
    assert_eq!(
        (got.code, got.stderr.as_str()),
        (
            1,
            "kazaf: /dev/null: is empty; a dataset starts with `(` (run `kazaf schema` for an example)\n"
        )
    );
    let got = check(Path::new("tests"));
    assert_eq!(
        (got.code, got.stderr.as_str()),
        (1, "kazaf: tests: is a directory, not a data file\n")
    );
}
