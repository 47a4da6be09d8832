//! The integration tests: one crate, so one binary to link. `common` holds what the modules
//! share (the datasets, the app on a dataset, scratch directories, running the binary with a
//! time limit). UI snapshots and app tests run on the suite's own fixture dataset
//! (`tests/fixtures/sample.ron`); only the tests about the article use the embedded dataset.

mod common;

mod app;
mod bad;
mod cite;
mod cli;
mod fuzz_regressions;
mod hostile;
mod json;
mod random_use;
mod readme;
mod render;
mod search;
mod terminal;
mod timelinejs;
mod validation;
mod watch;
