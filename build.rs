//! Converts the embedded dataset from RON to JSON at build time.
//!
//! The binary starts faster this way: ron 0.12 reads the 64 KB article in about 1.5 ms, serde_json
//! the same data as JSON in a fraction of that (measured in BENCHMARKS.md), and the start of the
//! explorer is otherwise about 1 ms. The RON stays the source of truth and is compiled in too:
//! `data::load::embedded` falls back to it, so any problem is still reported with its line.
//!
//! The model is compiled here from the crate's own files, so the JSON always has the types the
//! binary reads. The conversion is checked to round-trip exactly.

#[path = "src/data/sanitize.rs"]
#[allow(dead_code)]
mod sanitize;

#[path = "src/data/model.rs"]
#[allow(dead_code)]
mod model;

use std::path::PathBuf;

fn main() {
    for f in [
        "assets/kz-af.ron",
        "src/data/model.rs",
        "src/data/sanitize.rs",
    ] {
        println!("cargo::rerun-if-changed={f}");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let text = std::fs::read_to_string("assets/kz-af.ron").expect("assets/kz-af.ron is readable");
    // A dataset that does not parse is written as an empty file: the binary then reads the RON
    // and reports the error with its position, as for any other file.
    let json = match ron::from_str::<model::Dataset>(&text) {
        Ok(set) => {
            let json = serde_json::to_string(&set).expect("a dataset serializes to JSON");
            let back: model::Dataset =
                serde_json::from_str(&json).expect("the JSON written reads back");
            assert_eq!(
                serde_json::to_string(&back).expect("serializes"),
                json,
                "the embedded dataset does not round-trip through JSON exactly"
            );
            json
        }
        Err(e) => {
            println!("cargo::warning=assets/kz-af.ron does not parse: {e}");
            String::new()
        }
    };
    std::fs::write(out.join("kz-af.json"), json).expect("OUT_DIR is writable");
}
