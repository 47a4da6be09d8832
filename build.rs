//! Converts the embedded dataset from RON to postcard (a compact serde binary format) at build
//! time.
//!
//! The binary starts faster this way: ron 0.12 reads the 64 KB article in about 1 ms, JSON
//! took a quarter of that and postcard a fraction of JSON's time (measured in BENCHMARKS.md),
//! against about 1 ms for the rest of the explorer's start. The RON stays the source of truth
//! and is compiled in too: `data::load::embedded` falls back to it, so any problem is still
//! reported with its line.
//!
//! The model is compiled here from the crate's own files, so the bytes always have the types
//! the binary reads. The conversion is checked to round-trip exactly.

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
    let bytes = match ron::from_str::<model::Dataset>(&text) {
        Ok(set) => {
            let bytes = postcard::to_allocvec(&set).expect("a dataset serializes to postcard");
            let back: model::Dataset =
                postcard::from_bytes(&bytes).expect("the bytes written read back");
            assert_eq!(
                postcard::to_allocvec(&back).expect("serializes"),
                bytes,
                "the embedded dataset does not round-trip through postcard exactly"
            );
            bytes
        }
        Err(e) => {
            println!("cargo::warning=assets/kz-af.ron does not parse: {e}");
            Vec::new()
        }
    };
    std::fs::write(out.join("kz-af.postcard"), bytes).expect("OUT_DIR is writable");
}
