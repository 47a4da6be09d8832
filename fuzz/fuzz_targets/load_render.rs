//! Coverage-guided fuzz target: bytes → `load_str` → exports, actions and a render at a size
//! chosen by the input. See `fuzz/driver.rs` for the input format and FUZZING.md for how to run.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../driver.rs"]
mod driver;

fuzz_target!(|data: &[u8]| {
    driver::run(data);
});
