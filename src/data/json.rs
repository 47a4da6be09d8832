//! JSON datasets: read by transcoding them to the RON that says the same, which ron then reads.
//!
//! `kazaf export --format json` writes serde's shape of the model, and `--data` reads it back.
//! Deserializing the model a second time with serde_json would double every `Deserialize`
//! impl in the binary (300 KB, measured; the binary is held under 3 MiB), so instead a small
//! JSON parser streams the file into RON text, guided by the dataset's JSON Schema
//! ([`SCHEMA`], generated from the model by a test and compiled in): an object of a struct
//! becomes `(field: value, ..)`, a list `[..]`, a tuple (`prefixItems`) `(..)`, an enum's
//! string a bare identifier, an enum's `{"Variant": ..}` `Variant(..)`, `null` `None` and any
//! other value where `null` is allowed `Some(..)`. Strings are re-quoted as RON reads them and
//! numbers copied as written. Nothing is checked here that ron checks: an unknown or missing
//! field, a wrong type or an unknown variant reaches ron, which reports it as for a RON file.
//!
//! So that such an error is still placed in the JSON, the transcoder can also record where
//! each value, key and closing bracket of the RON came from ([`Transcript::json_offset`]); it
//! does so only when there is an error to place (a second pass), so a sound file costs one
//! pass and no map. The JSON is never held as a tree: it is parsed and written out in the same
//! walk, which recurses only into nested arrays and objects, and refuses more than
//! [`MAX_DEPTH`] levels with an error rather than overflowing the stack.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde_json::Value;

use super::HashMap;
use super::format::ron_string;

/// The dataset's JSON Schema (draft 2020-12), as `kazaf schema --format json-schema` prints
/// it: generated from the model's types and doc comments by a unit test (which fails when the
/// file is out of date; `KAZAF_UPDATE_SCHEMA=1` rewrites it).
pub const SCHEMA: &str = include_str!("../../assets/kazaf.schema.json");

/// How deeply arrays and objects may nest. A dataset needs seven levels (an outline's point);
/// ron refuses more than 128 anyway. The limit keeps a hostile file from overflowing the stack.
pub const MAX_DEPTH: usize = 256;

/// Why a text is not JSON, or not JSON that can say a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset in the JSON.
    pub at: usize,
    pub message: String,
}

/// The RON a JSON text says, and where its parts came from when that was asked for.
#[derive(Debug)]
pub struct Transcript {
    /// The RON, on one line.
    pub ron: String,
    /// `(RON offset, JSON offset)` at each value, key and closing bracket, in order of both.
    map: Vec<(usize, usize)>,
}

impl Transcript {
    /// The JSON offset of what the RON has at `ron_offset` (the value, key or bracket that
    /// starts there or most nearly before it); 0 without a map. An offset between a key and
    /// its value (where ron reports a value of the wrong type) is the value's.
    pub fn json_offset(&self, ron_offset: usize) -> usize {
        let gap = self
            .ron
            .get(ron_offset..)
            .map_or(0, |r| r.len() - r.trim_start_matches([':', ' ']).len());
        let ron_offset = ron_offset + gap;
        let k = self.map.partition_point(|&(r, _)| r <= ron_offset);
        k.checked_sub(1).map_or(0, |k| self.map[k].1)
    }
}

/// The RON for the JSON dataset `json`, with the map from RON to JSON offsets when `with_map`.
pub fn transcode(json: &str, with_map: bool) -> Result<Transcript, SyntaxError> {
    let shapes = shapes();
    let mut t = Tx {
        text: json,
        src: json.as_bytes(),
        i: 0,
        out: String::with_capacity(json.len()),
        map: with_map.then(Vec::new),
        shapes,
        depth: 0,
    };
    t.ws();
    if t.peek() != Some(b'{') {
        let rest = &t.src[t.i..];
        let ron = if [&b"("[..], b"//", b"/*", b"#!"]
            .iter()
            .any(|p| rest.starts_with(p))
        {
            "; this looks like RON, which a file named `.json` is not read as"
        } else {
            ""
        };
        return Err(t.err(
            t.i,
            format!(
                "a JSON dataset is one object: `{{\"article\": {{..}}, \"stages\": [..], ..}}`{ron}"
            ),
        ));
    }
    t.value(shapes.root)?;
    t.ws();
    if t.i < t.src.len() {
        return Err(t.err(t.i, "text after the end of the dataset's object"));
    }
    Ok(Transcript {
        ron: t.out,
        map: t.map.unwrap_or_default(),
    })
}

// ---------------------------------------------------------------------------------------------
// The schema, compiled to the shapes the transcoder needs.

/// What the schema says a value is, as far as RON's syntax depends on it.
#[derive(Debug)]
enum Shape {
    /// Anything: a value the schema does not describe (an unknown field's) or a scalar.
    Any,
    /// Another shape (a `$ref`).
    Same(usize),
    /// An object with these fields.
    Struct(Vec<(String, usize)>),
    /// An array of one shape.
    List(usize),
    /// A fixed-length array (`prefixItems`): a RON tuple.
    Tuple(Vec<usize>),
    /// A choice of variants: unit ones (`None`), and ones with content, which is a struct
    /// variant's fields (`true`) or a newtype's value (`false`).
    Enum(Vec<(String, Option<(usize, bool)>)>),
    /// `null` or the shape.
    Nullable(usize),
}

struct Shapes {
    all: Vec<Shape>,
    root: usize,
}

/// The shape of anything.
const ANY: usize = 0;

impl Shapes {
    fn get(&self, mut id: usize) -> &Shape {
        // A chain of references is short; a cycle of bare references means nothing.
        for _ in 0..32 {
            match self.all.get(id) {
                Some(Shape::Same(next)) => id = *next,
                Some(s) => return s,
                None => break,
            }
        }
        &Shape::Any
    }
}

/// The compiled [`SCHEMA`], built once.
fn shapes() -> &'static Shapes {
    static SHAPES: OnceLock<Shapes> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).unwrap_or(Value::Null);
        let mut c = Compiler {
            root: &schema,
            all: vec![Shape::Any],
            refs: HashMap::default(),
        };
        let root = c.compile(&schema);
        Shapes { all: c.all, root }
    })
}

struct Compiler<'a> {
    root: &'a Value,
    all: Vec<Shape>,
    refs: HashMap<String, usize>,
}

fn is_null(v: &Value) -> bool {
    v.get("type").and_then(Value::as_str) == Some("null") || v.get("const") == Some(&Value::Null)
}

impl<'a> Compiler<'a> {
    fn push(&mut self, s: Shape) -> usize {
        self.all.push(s);
        self.all.len() - 1
    }

    /// The value a local reference (`#/$defs/Name`) points to.
    fn target(&self, r: &str) -> Option<&'a Value> {
        self.root.pointer(r.strip_prefix('#')?)
    }

    /// Follows references to the schema that says something.
    fn deref(&self, mut v: &'a Value) -> &'a Value {
        for _ in 0..32 {
            match v
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| self.target(r))
            {
                Some(t) => v = t,
                None => break,
            }
        }
        v
    }

    fn compile(&mut self, v: &'a Value) -> usize {
        if let Some(r) = v.get("$ref").and_then(Value::as_str) {
            if let Some(&id) = self.refs.get(r) {
                return id;
            }
            // Reserved before the target is compiled, so a recursive type ends.
            let id = self.push(Shape::Any);
            self.refs.insert(r.to_string(), id);
            if let Some(t) = self.target(r) {
                let inner = self.compile(t);
                self.all[id] = Shape::Same(inner);
            }
            return id;
        }
        let nullable = v
            .get("type")
            .and_then(Value::as_array)
            .is_some_and(|t| t.iter().any(|x| x == "null"));
        let base = self.base(v);
        if nullable {
            self.push(Shape::Nullable(base))
        } else {
            base
        }
    }

    fn base(&mut self, v: &'a Value) -> usize {
        if let Some(branches) = v
            .get("oneOf")
            .or_else(|| v.get("anyOf"))
            .and_then(Value::as_array)
        {
            let some: Vec<&Value> = branches.iter().filter(|b| !is_null(b)).collect();
            let inner = match some.as_slice() {
                [one] => self.compile(one),
                many => {
                    let e = self.variants(many);
                    self.push(e)
                }
            };
            return if some.len() < branches.len() {
                self.push(Shape::Nullable(inner))
            } else {
                inner
            };
        }
        if let Some([one]) = v.get("allOf").and_then(Value::as_array).map(Vec::as_slice) {
            return self.compile(one);
        }
        if v.get("enum").is_some() || v.get("const").is_some() {
            let e = self.variants(&[v]);
            return self.push(e);
        }
        if let Some(props) = v.get("properties").and_then(Value::as_object) {
            let fields = props
                .iter()
                .map(|(k, p)| (k.clone(), self.compile(p)))
                .collect();
            return self.push(Shape::Struct(fields));
        }
        if let Some(items) = v.get("prefixItems").and_then(Value::as_array) {
            let items = items.iter().map(|i| self.compile(i)).collect();
            return self.push(Shape::Tuple(items));
        }
        if let Some(items) = v.get("items").filter(|i| i.is_object()) {
            let item = self.compile(items);
            return self.push(Shape::List(item));
        }
        ANY
    }

    /// The variants an enum's branches name: `"Name"` (a `const` or an `enum` of strings) or
    /// `{"Name": content}` (an object with one property).
    fn variants(&mut self, branches: &[&'a Value]) -> Shape {
        let mut out = Vec::new();
        for b in branches {
            let b = self.deref(b);
            if let Some(c) = b.get("const").and_then(Value::as_str) {
                out.push((c.to_string(), None));
            }
            for name in b
                .get("enum")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(name) = name.as_str() {
                    out.push((name.to_string(), None));
                }
            }
            if let Some(props) = b.get("properties").and_then(Value::as_object)
                && props.len() == 1
                && let Some((name, content)) = props.iter().next()
            {
                // A struct variant's fields are written inline; a newtype's value is a
                // reference or a scalar.
                let inline = content.get("$ref").is_none() && content.get("properties").is_some();
                let id = self.compile(content);
                out.push((name.clone(), Some((id, inline))));
            }
        }
        Shape::Enum(out)
    }
}

// ---------------------------------------------------------------------------------------------
// The transcoder.

/// The names of an enum's variants, for a message: "`A`, `B` or `C`".
fn names(variants: &[(String, Option<(usize, bool)>)]) -> String {
    let mut out = String::new();
    for (i, (n, _)) in variants.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == variants.len() {
                " or "
            } else {
                ", "
            });
        }
        out.push('`');
        out.push_str(n);
        out.push('`');
    }
    out
}

/// A RON identifier, as a field or variant name must be written.
fn is_ident(s: &str) -> bool {
    let mut b = s.bytes();
    b.next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
        && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

struct Tx<'a> {
    text: &'a str,
    src: &'a [u8],
    i: usize,
    out: String,
    map: Option<Vec<(usize, usize)>>,
    shapes: &'a Shapes,
    depth: usize,
}

type Res<T = ()> = Result<T, SyntaxError>;

impl<'a> Tx<'a> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.i).copied()
    }

    fn err(&self, at: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            at: at.min(self.src.len()),
            message: message.into(),
        }
    }

    /// Records that what is written next comes from `json_at`.
    fn mark(&mut self, json_at: usize) {
        if let Some(m) = &mut self.map {
            m.push((self.out.len(), json_at));
        }
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// What stands at the cursor, for a message.
    fn found(&self) -> String {
        match self.text.get(self.i..).and_then(|s| s.chars().next()) {
            None => "the end of the file".into(),
            Some('\'') => "`'` (JSON strings are in double quotes)".into(),
            Some('/') => "`/` (JSON has no comments)".into(),
            Some(c) if c.is_control() || c.is_whitespace() => format!("U+{:04X}", c as u32),
            Some(c) => format!("`{c}`"),
        }
    }

    fn enter(&mut self, at: usize) -> Res {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(
                at,
                format!("arrays and objects nested more than {MAX_DEPTH} deep"),
            ));
        }
        Ok(())
    }

    fn value(&mut self, shape: usize) -> Res {
        self.ws();
        let at = self.i;
        let shape = self.shapes.get(shape);
        if let (Shape::Nullable(inner), Some(c)) = (shape, self.peek())
            && c != b'n'
        {
            self.mark(at);
            self.out.push_str("Some(");
            self.value(*inner)?;
            self.out.push(')');
            return Ok(());
        }
        if let Shape::Enum(variants) = shape
            && !matches!(self.peek(), Some(b'{' | b'"' | b'n'))
        {
            return Err(self.err(
                at,
                format!(
                    "expected a variant: its name as a string, or `{{\"Name\": ..}}` ({})",
                    names(variants)
                ),
            ));
        }
        match self.peek() {
            Some(b'{') => self.object(shape, at),
            Some(b'[') => self.array(shape, at),
            Some(b'"') => {
                let s = self.string()?;
                self.mark(at);
                if matches!(shape, Shape::Enum(_)) && is_ident(&s) {
                    self.out.push_str(&s);
                } else {
                    ron_string(&mut self.out, &s);
                }
                Ok(())
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", "true"),
            Some(b'f') => self.literal("false", "false"),
            Some(b'n') => self.literal("null", "None"),
            _ => Err(self.err(at, format!("expected a value, found {}", self.found()))),
        }
    }

    fn literal(&mut self, word: &str, ron: &str) -> Res {
        let at = self.i;
        if !self.src[at..].starts_with(word.as_bytes()) {
            return Err(self.err(at, format!("not a JSON value: expected `{word}`")));
        }
        self.i += word.len();
        self.mark(at);
        self.out.push_str(ron);
        Ok(())
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        self.i - start
    }

    /// A number, checked against JSON's grammar and copied as written.
    fn number(&mut self) -> Res {
        let at = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.err(at, "a number needs a digit after its `-`")),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(self.err(at, "a number needs a digit after its `.`"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.err(at, "a number needs a digit in its exponent"));
            }
        }
        self.mark(at);
        self.out.push_str(&self.text[at..self.i]);
        Ok(())
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self, esc_at: usize) -> Res<u32> {
        let hex = self
            .src
            .get(self.i..self.i + 4)
            .and_then(|h| std::str::from_utf8(h).ok())
            .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| self.err(esc_at, "a `\\u` escape needs four hex digits"))?;
        self.i += 4;
        Ok(hex)
    }

    /// A string at the cursor (its opening quote), unescaped; borrowed when it has no escape.
    fn string(&mut self) -> Res<Cow<'a, str>> {
        let open = self.i;
        self.i += 1;
        let body = self.i;
        let text = self.text;
        loop {
            match self.peek() {
                None => return Err(self.err(open, "this string is not closed")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(Cow::Borrowed(&text[body..self.i - 1]));
                }
                Some(b'\\') => break,
                Some(c) if c < 0x20 => return Err(self.control(c)),
                Some(_) => self.i += 1,
            }
        }
        let mut s = String::from(&text[body..self.i]);
        loop {
            match self.peek() {
                None => return Err(self.err(open, "this string is not closed")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(Cow::Owned(s));
                }
                Some(b'\\') => {
                    let esc_at = self.i;
                    self.i += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let hi = self.hex4(esc_at)?;
                            let code = match hi {
                                0xD800..=0xDBFF => {
                                    let lo_at = self.i;
                                    let lo = if self.src[self.i..].starts_with(b"\\u") {
                                        self.i += 2;
                                        self.hex4(lo_at)?
                                    } else {
                                        0
                                    };
                                    if !(0xDC00..=0xDFFF).contains(&lo) {
                                        return Err(self.err(
                                            esc_at,
                                            "a `\\u` escape of a high surrogate must be followed \
                                             by one of a low surrogate",
                                        ));
                                    }
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                }
                                0xDC00..=0xDFFF => {
                                    return Err(self.err(
                                        esc_at,
                                        "a `\\u` escape of a low surrogate without a high one",
                                    ));
                                }
                                c => c,
                            };
                            // Every code outside the surrogates is a char.
                            s.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                            continue;
                        }
                        _ => {
                            return Err(self.err(
                                esc_at,
                                format!(
                                    "not a JSON escape: `\\` then {}; a backslash is written `\\\\`",
                                    self.found()
                                ),
                            ));
                        }
                    };
                    self.i += 1;
                    s.push(c);
                }
                Some(c) if c < 0x20 => return Err(self.control(c)),
                Some(_) => {
                    let run = self.i;
                    while self
                        .peek()
                        .is_some_and(|c| c != b'"' && c != b'\\' && c >= 0x20)
                    {
                        self.i += 1;
                    }
                    s.push_str(&text[run..self.i]);
                }
            }
        }
    }

    fn control(&self, c: u8) -> SyntaxError {
        self.err(
            self.i,
            format!(
                "a control character (U+{c:04X}) in a string: JSON writes it as an escape (`\\n`, \
                 `\\t`, `\\u{c:04x}`)"
            ),
        )
    }

    /// A key at the cursor (after blank space) and its `:`; the key's offset.
    fn key(&mut self, what: &str) -> Res<(Cow<'a, str>, usize)> {
        self.ws();
        let at = self.i;
        if self.peek() != Some(b'"') {
            return Err(self.err(
                at,
                format!("expected {what} in double quotes, found {}", self.found()),
            ));
        }
        let key = self.string()?;
        self.ws();
        if self.peek() != Some(b':') {
            return Err(self.err(
                self.i,
                format!("expected `:` after {what}, found {}", self.found()),
            ));
        }
        self.i += 1;
        Ok((key, at))
    }

    fn object(&mut self, shape: &'a Shape, at: usize) -> Res {
        self.enter(at)?;
        self.i += 1;
        if let Shape::Enum(variants) = shape {
            self.variant(variants)?;
        } else {
            self.mark(at);
            self.out.push('(');
            let fields = match shape {
                Shape::Struct(f) => Some(f.as_slice()),
                _ => None,
            };
            self.fields(fields)?;
            self.out.push(')');
        }
        self.depth -= 1;
        Ok(())
    }

    /// An object's members after its `{`, through its `}`, as RON fields.
    fn fields(&mut self, fields: Option<&'a [(String, usize)]>) -> Res {
        self.ws();
        if self.peek() == Some(b'}') {
            self.mark(self.i);
            self.i += 1;
            return Ok(());
        }
        let top = self.depth == 1;
        let mut first = true;
        loop {
            let (key, key_at) = self.key("a field name")?;
            if top && key == "$schema" {
                // Where an editor finds the schema: accepted and left out.
                let (len, marks) = (self.out.len(), self.map.as_ref().map_or(0, Vec::len));
                self.value(ANY)?;
                self.out.truncate(len);
                if let Some(m) = &mut self.map {
                    m.truncate(marks);
                }
            } else {
                if !is_ident(&key) {
                    let names = fields.unwrap_or_default().iter().map(|(n, _)| n.as_str());
                    return Err(self.err(
                        key_at,
                        format!(
                            "`{}` cannot be a field's name{}",
                            super::sanitize::visible(&key),
                            super::suggest::did_you_mean(&key, names)
                        ),
                    ));
                }
                if !first {
                    self.out.push_str(", ");
                }
                first = false;
                self.mark(key_at);
                self.out.push_str(&key);
                self.out.push_str(": ");
                let shape = fields
                    .and_then(|f| f.iter().find(|(n, _)| *n == key))
                    .map_or(ANY, |(_, s)| *s);
                self.value(shape)?;
            }
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.mark(self.i);
                    self.i += 1;
                    return Ok(());
                }
                _ => {
                    return Err(self.err(
                        self.i,
                        format!(
                            "expected `,` or `}}` after a field's value, found {}",
                            self.found()
                        ),
                    ));
                }
            }
        }
    }

    /// `{"Variant": content}` after its `{`, through its `}`, as `Variant(content)`.
    fn variant(&mut self, variants: &'a [(String, Option<(usize, bool)>)]) -> Res {
        let (name, at) = self.key("a variant's name")?;
        if !is_ident(&name) {
            let names = variants.iter().map(|(n, _)| n.as_str());
            return Err(self.err(
                at,
                format!(
                    "`{}` cannot be a variant's name{}",
                    super::sanitize::visible(&name),
                    super::suggest::did_you_mean(&name, names)
                ),
            ));
        }
        self.mark(at);
        self.out.push_str(&name);
        self.out.push('(');
        let known = variants.iter().find(|(n, _)| *n == name);
        if let Some((_, None)) = known {
            return Err(self.err(
                at,
                format!("`{name}` has no value: it is written as the string \"{name}\""),
            ));
        }
        let content = known.and_then(|(_, c)| *c);
        // A struct variant's fields go inside the variant's parentheses, as do those of a
        // variant the schema does not know (ron names it unknown).
        let inline = content.is_none_or(|(_, inline)| inline);
        self.ws();
        if inline && self.peek() == Some(b'{') {
            let obj = self.i;
            self.enter(obj)?;
            self.i += 1;
            let fields = match content.map(|(id, _)| self.shapes.get(id)) {
                Some(Shape::Struct(f)) => Some(f.as_slice()),
                _ => None,
            };
            self.fields(fields)?;
            self.depth -= 1;
        } else {
            self.value(content.map_or(ANY, |(id, _)| id))?;
        }
        self.out.push(')');
        self.ws();
        match self.peek() {
            Some(b'}') => {
                self.mark(self.i);
                self.i += 1;
                Ok(())
            }
            Some(b',') => Err(self.err(
                self.i,
                "an enum's value has one key, the variant's name: `{\"Name\": ..}`",
            )),
            _ => Err(self.err(
                self.i,
                format!(
                    "expected `}}` after a variant's value, found {}",
                    self.found()
                ),
            )),
        }
    }

    fn array(&mut self, shape: &'a Shape, at: usize) -> Res {
        self.enter(at)?;
        self.i += 1;
        self.mark(at);
        let tuple = matches!(shape, Shape::Tuple(_));
        self.out.push(if tuple { '(' } else { '[' });
        self.ws();
        if self.peek() == Some(b']') {
            self.mark(self.i);
            self.i += 1;
        } else {
            let mut n = 0;
            loop {
                if n > 0 {
                    self.out.push_str(", ");
                }
                let item = match shape {
                    Shape::Tuple(items) => items.get(n).copied().unwrap_or(ANY),
                    Shape::List(item) => *item,
                    _ => ANY,
                };
                self.value(item)?;
                n += 1;
                self.ws();
                match self.peek() {
                    Some(b',') => self.i += 1,
                    Some(b']') => {
                        self.mark(self.i);
                        self.i += 1;
                        break;
                    }
                    _ => {
                        return Err(self.err(
                            self.i,
                            format!(
                                "expected `,` or `]` after a list's item, found {}",
                                self.found()
                            ),
                        ));
                    }
                }
            }
        }
        self.out.push(if tuple { ')' } else { ']' });
        self.depth -= 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::Dataset;

    /// The schema as generated from the model now: its types, serde attributes and doc
    /// comments, with kazaf's `$id` and title, and the `$schema` key a dataset may carry.
    fn generated() -> String {
        let mut schema = schemars::generate::SchemaSettings::draft2020_12()
            .into_generator()
            .into_root_schema_for::<Dataset>();
        let root = schema.as_object_mut().expect("the root is an object");
        root.insert("$id".into(), "urn:kazaf:dataset".into());
        root.insert("title".into(), "kazaf dataset".into());
        let props = root
            .get_mut("properties")
            .and_then(Value::as_object_mut)
            .expect("the dataset has properties");
        props.insert(
            "$schema".into(),
            serde_json::json!({
                "description": "Where an editor finds this schema; kazaf ignores it.",
                "type": "string"
            }),
        );
        // A figure's value defaults to "not given" (NaN, which JSON writes as null): to an
        // editor it is simply optional.
        if let Some(value) = root
            .get_mut("$defs")
            .and_then(|d| d.pointer_mut("/Figure/properties/value"))
            .and_then(Value::as_object_mut)
        {
            value.remove("default");
        }
        let mut text = serde_json::to_string_pretty(&schema).expect("serializes");
        text.push('\n');
        text
    }

    #[test]
    fn the_committed_schema_is_the_one_the_model_generates() {
        let now = generated();
        if now == SCHEMA {
            return;
        }
        if std::env::var_os("KAZAF_UPDATE_SCHEMA").is_some_and(|v| v == "1") {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/kazaf.schema.json");
            std::fs::write(path, &now).expect("writes the schema");
            return;
        }
        panic!(
            "assets/kazaf.schema.json is not the schema the model generates: the model changed. \
             Run `KAZAF_UPDATE_SCHEMA=1 cargo test --lib json` to rewrite it, then rebuild."
        );
    }

    fn ron(json: &str) -> String {
        transcode(json, false).expect("transcodes").ron
    }

    fn refused(json: &str) -> SyntaxError {
        transcode(json, false).expect_err("refused")
    }

    #[test]
    fn objects_lists_tuples_enums_and_options_become_ron() {
        assert_eq!(
            ron(r#"{"article": {"title": "T", "year": 2016, "parties": ["a", "b"]}}"#),
            r#"(article: (title: "T", year: 2016, parties: ["a", "b"]))"#
        );
        // A stage's `end` may be null: `None`, else `Some(..)`; an event's category is a
        // unit variant; a chart's bars are pairs (tuples).
        assert_eq!(
            ron(r#"{"stages": [{"end": null}, {"end": 2001}]}"#),
            "(stages: [(end: None), (end: Some(2001))])"
        );
        assert_eq!(
            ron(r#"{"events": [{"category": "Aid", "title": "Aid"}]}"#),
            r#"(events: [(category: Aid, title: "Aid")])"#
        );
        assert_eq!(
            ron(r#"{"charts": [{"groups": [{"bars": [["x", "f_1"]]}]}]}"#),
            r#"(charts: [(groups: [(bars: [("x", "f_1")])])])"#
        );
        // Struct, newtype and unit variants.
        assert_eq!(
            ron(
                r#"{"figures": [{"provenance": {"Derived": {"formula": "a + b"}},
                    "inferred": [{"field": "date", "basis": {"Outside": "why"}}]},
                    {"provenance": "Stated", "qualifier": "About", "value": -1.5e3}]}"#
            ),
            r#"(figures: [(provenance: Derived(formula: "a + b"), inferred: [(field: "date", basis: Outside("why"))]), (provenance: Stated, qualifier: About, value: -1.5e3)])"#
        );
        // Outlines: lists of lists of (lon, lat) tuples.
        assert_eq!(
            ron(r#"{"map": {"outlines": [{"lines": [[[1, 2.5], [3, 4]]]}]}}"#),
            "(map: (outlines: [(lines: [[(1, 2.5), (3, 4)]])]))"
        );
        // `$schema` at the top is left out; an unknown field is kept for ron to refuse.
        assert_eq!(
            ron(r#"{"$schema": "./kazaf.schema.json", "tittle": {"x": [1]}, "notes": []}"#),
            "(tittle: (x: [1]), notes: [])"
        );
    }

    #[test]
    fn strings_are_unescaped_and_quoted_as_ron_reads_them() {
        let r = ron(r#"{"article": {"title": "a\"b\\c\/d\n\t\u00e9\ud83d\ude00 й"}}"#);
        assert_eq!(r, "(article: (title: \"a\\\"b\\\\c/d\\n\\u{9}é😀 й\"))");
        let back: String = ron::from_str(&r["(article: (title: ".len()..r.len() - 2]).unwrap();
        assert_eq!(back, "a\"b\\c/d\n\té😀 й");
    }

    #[test]
    fn syntax_errors_are_placed() {
        for (json, at, words) in [
            ("", 0, "one object"),
            ("[]", 0, "one object"),
            ("{\"a\": 1 \"b\": 2}", 8, "expected `,` or `}`"),
            ("{\"a\": [1 2]}", 9, "expected `,` or `]`"),
            ("{\"a\": [1,]}", 9, "expected a value, found `]`"),
            ("{\"a\": 'x'}", 6, "double quotes"),
            ("{\"a\": 1} x", 9, "after the end"),
            ("{\"a\": \"x}", 6, "not closed"),
            ("{\"a\": \"\\q\"}", 7, "not a JSON escape"),
            ("{\"a\": \"\\ud800\"}", 7, "surrogate"),
            ("{\"a\": \"\\udc00\"}", 7, "surrogate"),
            ("{\"a\": \"\\u12\"}", 7, "four hex digits"),
            ("{\"a\": \"\t\"}", 7, "control character"),
            ("{\"a\": -}", 6, "digit"),
            ("{\"a\": 1.}", 6, "digit"),
            ("{\"a\": 1e}", 6, "exponent"),
            ("{\"a\": tru}", 6, "expected `true`"),
            ("{\"a b\": 1}", 1, "cannot be a field's name"),
            ("{\"tittle\" 1}", 10, "expected `:`"),
            ("{1: 2}", 1, "field name in double quotes"),
            (
                "{\"audits\": [{\"Equation\": {}, \"x\": 1}]}",
                27,
                "one key",
            ),
            ("{\"a\": // no\n 1}", 6, "no comments"),
        ] {
            let e = refused(json);
            assert_eq!(e.at, at, "{json:?}: {e:?}");
            assert!(e.message.contains(words), "{json:?}: {e:?}");
        }
        let e = refused(r#"{"events": [{"category": 5}]}"#);
        assert_eq!(e.at, 25, "{e:?}");
        assert!(e.message.ends_with("(`Diplomacy`, `Visit`, `Agreement`, `Aid`, `Trade`, `Education`, `Security`, `Institution` or `Other`)"), "{e:?}");
        let e = refused(r#"{"figures": [{"provenance": {"Stated": 1}}]}"#);
        assert_eq!(e.at, 29, "{e:?}");
        assert_eq!(
            e.message,
            "`Stated` has no value: it is written as the string \"Stated\""
        );
        // A misspelt name that cannot be an identifier still gets its nearest field.
        let e = refused(r#"{"article": {"ti tle": ""}}"#);
        assert!(e.message.ends_with("did you mean `title`?"), "{e:?}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!("{{\"a\": {}", "[".repeat(100_000));
        let e = refused(&deep);
        assert_eq!(e.at, 6 + MAX_DEPTH - 1, "{e:?}");
        assert!(e.message.contains("nested more than 256"), "{e:?}");
        let deep = format!("{{\"a\": {}1{}}}", "[".repeat(200), "]".repeat(200));
        assert!(transcode(&deep, false).is_ok());
    }

    #[test]
    fn the_map_takes_ron_offsets_back_to_the_json() {
        let json = "{\n  \"stages\": [\n    {\"end\": 2001, \"id\": \"x\"}\n  ]\n}";
        let t = transcode(json, true).unwrap();
        assert_eq!(t.ron, r#"(stages: [(end: Some(2001), id: "x")])"#);
        let ron_at = |s: &str| t.ron.find(s).unwrap();
        let json_at = |s: &str| json.find(s).unwrap();
        assert_eq!(t.json_offset(ron_at("stages")), json_at("\"stages"));
        assert_eq!(t.json_offset(ron_at("Some")), json_at("2001"));
        assert_eq!(t.json_offset(ron_at("2001")), json_at("2001"));
        assert_eq!(t.json_offset(ron_at("id")), json_at("\"id"));
        assert_eq!(t.json_offset(ron_at("\"x\"")), json_at("\"x\""));
        assert_eq!(t.json_offset(ron_at(")]")), json_at("}\n"));
        assert_eq!(t.json_offset(ron_at("])")), json_at("]\n"));
    }

    #[test]
    fn the_embedded_dataset_round_trips_through_json() {
        let db = crate::data::load::embedded().expect("loads");
        let out = crate::export::json(&db);
        let back = crate::data::load::load_str("kz-af.json", &out).expect("the JSON loads");
        assert_eq!(crate::export::json(&back), out);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// JSON-ish text of any kind is refused or read, never a panic.
        #[test]
        fn any_text_is_refused_or_read(
            s in r#"[{}\[\]",:0-9a-zA-Z\\ \n.+\-$_]{0,120}"#,
        ) {
            let _ = transcode(&s, true);
            let _ = crate::data::load::load_str("x.json", &s);
        }

        /// A dataset with a few bytes changed: refused or read, never a panic.
        #[test]
        fn a_mangled_dataset_is_refused_or_read(
            edits in proptest::collection::vec((0usize..2000, r#"[{}\[\]",:0-9a-z\\ nul]{0,3}"#), 1..4),
        ) {
            let mut s = String::from(EXAMPLE_JSON);
            for (at, with) in edits {
                let mut at = at % (s.len() + 1);
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                let end = (at + with.len()).min(s.len());
                let end = (end..=s.len()).find(|&e| s.is_char_boundary(e)).unwrap_or(s.len());
                s.replace_range(at..end, &with);
            }
            let _ = transcode(&s, true);
            let _ = crate::data::load::load_str("x.json", &s);
        }
    }

    /// A small JSON dataset for the property tests.
    const EXAMPLE_JSON: &str = r#"{
  "article": {"title": "T", "year": 2016, "city": "C", "category": "K", "parties": ["A", "B"]},
  "stages": [{"id": "s1", "name": "One", "start": 1992, "end": null, "summary": "S", "cites": [1]}],
  "events": [{"id": "e1", "date": "1992-12", "stage": "s1", "category": "Diplomacy",
    "title": "E", "text": "X", "cites": [1],
    "inferred": [{"field": "date", "basis": {"Inferred": "why"}}]}],
  "figures": [{"id": "f", "label": "L", "value": 1.5, "unit": "Percent", "period": "1992",
    "provenance": "Stated", "qualifier": "About", "cites": [1]},
    {"id": "g", "label": "M", "value": 3, "unit": "Percent", "period": "1992",
    "provenance": {"Derived": {"formula": "f * 2"}}}],
  "charts": [{"id": "c", "title": "C", "unit": "Percent", "groups": [{"bars": [["f", "f"]]}]}],
  "references": [{"number": 1, "title": "R", "kind": "News"}],
  "audits": ["DerivedFigures", {"Equation": {"id": "q", "title": "Q", "left": "g", "right": "3", "tolerance": 0}}],
  "map": {"outlines": [{"name": "A", "lines": [[[60, 40], [61, 41]]]}]}
}"#;

    #[test]
    fn the_small_example_loads() {
        let db = crate::data::load::load_str("x.json", EXAMPLE_JSON);
        assert!(db.is_ok(), "{}", db.err().unwrap());
    }
}
