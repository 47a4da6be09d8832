//! JSON written by hand for the exports that build their own shapes (CSL-JSON, TimelineJS):
//! a small tree and a pretty printer. `serde_json`'s `Value` and `json!` did the same for 38 KB
//! of a binary held under 3 MiB (BENCHMARKS.md); the tests read the output back with
//! `serde_json`.

use std::fmt::Write as _;

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum J {
    Str(String),
    Int(i64),
    Arr(Vec<J>),
    /// An object: its keys in order.
    Obj(Vec<(String, J)>),
}

impl J {
    /// A string.
    pub fn s(s: impl Into<String>) -> J {
        J::Str(s.into())
    }

    /// An object of `pairs`.
    pub fn obj<K: Into<String>>(pairs: impl IntoIterator<Item = (K, J)>) -> J {
        J::Obj(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// Adds `key: value` to an object (nothing for another value).
    pub fn set(&mut self, key: &str, value: J) {
        if let J::Obj(pairs) = self {
            pairs.push((key.to_string(), value));
        }
    }

    /// The value, pretty-printed (two spaces an indent), ending in a newline.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        let pad = |out: &mut String, d: usize| out.extend(std::iter::repeat_n("  ", d));
        match self {
            J::Str(s) => quote(out, s),
            J::Int(n) => {
                let _ = write!(out, "{n}");
            }
            J::Arr(items) if items.is_empty() => out.push_str("[]"),
            J::Obj(pairs) if pairs.is_empty() => out.push_str("{}"),
            J::Arr(items) => {
                out.push_str("[\n");
                for (k, v) in items.iter().enumerate() {
                    pad(out, depth + 1);
                    v.write(out, depth + 1);
                    out.push_str(if k + 1 < items.len() { ",\n" } else { "\n" });
                }
                pad(out, depth);
                out.push(']');
            }
            J::Obj(pairs) => {
                out.push_str("{\n");
                for (k, (key, v)) in pairs.iter().enumerate() {
                    pad(out, depth + 1);
                    quote(out, key);
                    out.push_str(": ");
                    v.write(out, depth + 1);
                    out.push_str(if k + 1 < pairs.len() { ",\n" } else { "\n" });
                }
                pad(out, depth);
                out.push('}');
            }
        }
    }
}

/// `s` as a JSON string: quoted, with `"`, `\` and every control character escaped.
fn quote(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::J;

    #[test]
    fn prints_what_a_json_parser_reads_back() {
        let v = J::obj([
            ("a", J::s("x\"y\\z\n\u{1}")),
            (
                "b",
                J::Arr(vec![
                    J::Int(-3),
                    J::obj(Vec::<(&str, J)>::new()),
                    J::Arr(vec![]),
                ]),
            ),
        ]);
        let back: serde_json::Value = serde_json::from_str(&v.pretty()).expect("JSON");
        assert_eq!(
            back,
            serde_json::json!({"a": "x\"y\\z\n\u{1}", "b": [-3, {}, []]})
        );
    }

    proptest! {
        #[test]
        fn any_string_reads_back(s in any::<String>()) {
            let back: serde_json::Value = serde_json::from_str(&J::s(s.clone()).pretty()).expect("JSON");
            prop_assert_eq!(back, serde_json::Value::String(s));
        }
    }
}
