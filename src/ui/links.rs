//! Web addresses on screen as terminal hyperlinks (OSC 8), drawn over a finished frame.
//!
//! A source's web address is drawn underlined (the theme's `link`); once the frame is out,
//! [`find`] reads the frame for underlined runs whose text, row after row, spells one of the
//! dataset's web addresses exactly, and [`write`] prints those same characters again in their
//! own style, inside an OSC 8 hyperlink. So the visible text of a link is always the address
//! itself, never other words; only plain `http` and `https` addresses become links
//! ([`crate::export::cite::web_url`]), and their targets are printable ASCII with every other
//! byte percent-encoded ([`crate::export::cite::link_target`]), so no byte of data can end the
//! sequence early; and each link carries an `id`, so the rows of a wrapped address are one
//! link. The frame in ratatui's buffer never holds an escape sequence: `render` and the tests
//! see plain text.

use std::io::{self, Write};

use ratatui::backend::IntoCrossterm;
use ratatui::buffer::Buffer;
use ratatui::crossterm::cursor::MoveTo;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{Print, SetAttribute, SetStyle};
use ratatui::style::{Modifier, Style};

/// A piece of a link on screen: where it starts, its text and its style.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub x: u16,
    pub y: u16,
    pub text: String,
    pub style: Style,
}

/// A web address on screen: the address (one of the dataset's) and its pieces, one a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Its place in the list of addresses [`find`] was given: its `id`.
    pub id: usize,
    pub url: String,
    pub pieces: Vec<Piece>,
}

/// The underlined runs of `buf`, in reading order.
fn runs(buf: &Buffer) -> Vec<Piece> {
    let area = buf.area;
    let mut out = Vec::new();
    for y in area.top()..area.bottom() {
        let mut cur: Option<Piece> = None;
        for x in area.left()..area.right() {
            let cell = &buf[(x, y)];
            let underlined = cell.modifier.contains(Modifier::UNDERLINED);
            let sym = cell.symbol();
            // One character of an address: printable ASCII, or a letter beyond it (its path).
            let mut chars = sym.chars();
            let one = chars.next().filter(|_| chars.next().is_none());
            let part = one.is_some_and(|c| {
                c.is_ascii_graphic() || (!c.is_ascii() && !c.is_control() && !c.is_whitespace())
            });
            if underlined && part {
                match &mut cur {
                    Some(p) => p.text.push_str(sym),
                    None => {
                        cur = Some(Piece {
                            x,
                            y,
                            text: sym.to_string(),
                            style: cell.style(),
                        });
                    }
                }
            } else if let Some(p) = cur.take() {
                out.push(p);
            }
        }
        if let Some(p) = cur.take() {
            out.push(p);
        }
    }
    out
}

/// The links on screen: runs of underlined text that, one after another, spell one of `urls`
/// exactly.
pub fn find(buf: &Buffer, urls: &[String]) -> Vec<Link> {
    if urls.is_empty() {
        return Vec::new();
    }
    let runs = runs(buf);
    let mut out = Vec::new();
    let mut i = 0;
    'runs: while i < runs.len() {
        for (id, url) in urls.iter().enumerate() {
            if !url.starts_with(&runs[i].text) {
                continue;
            }
            // Later rows carry on where this one stops.
            let mut text = runs[i].text.clone();
            let mut j = i;
            while text.len() < url.len() && j + 1 < runs.len() {
                let next = &runs[j + 1];
                if next.y != runs[j].y + 1 || !url[text.len()..].starts_with(&next.text) {
                    break;
                }
                text.push_str(&next.text);
                j += 1;
            }
            if text == *url {
                out.push(Link {
                    id,
                    url: url.clone(),
                    pieces: runs[i..=j].to_vec(),
                });
                i = j + 1;
                continue 'runs;
            }
        }
        i += 1;
    }
    out
}

/// Prints `links` over the frame: each piece again, in its style, inside an OSC 8 hyperlink
/// with the link's `id`.
pub fn write(out: &mut impl Write, links: &[Link]) -> io::Result<()> {
    for link in links {
        for p in &link.pieces {
            queue!(
                out,
                MoveTo(p.x, p.y),
                SetStyle(p.style.into_crossterm()),
                Print(format!(
                    "\x1b]8;id=kazaf-{};{}\x1b\\",
                    link.id,
                    crate::export::cite::link_target(&link.url)
                )),
                Print(&p.text),
                Print("\x1b]8;;\x1b\\"),
                SetAttribute(ratatui::crossterm::style::Attribute::Reset),
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Modifier, Style};

    use super::{find, write};

    fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, underlined: bool) {
        let style = if underlined {
            Style::new().add_modifier(Modifier::UNDERLINED)
        } else {
            Style::new()
        };
        buf.set_string(x, y, s, style);
    }

    #[test]
    fn a_wrapped_address_is_one_link_and_other_underlines_are_none() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 5));
        put(&mut buf, 0, 0, "locator: ", false);
        put(&mut buf, 9, 0, "https://example.", true);
        put(&mut buf, 2, 1, "org/a/b.pdf", true);
        put(&mut buf, 0, 2, "[1][2]", true);
        put(&mut buf, 0, 3, "https://example.org/a/b.pdfX", true);
        let urls = vec![
            "https://other.example/".to_string(),
            "https://example.org/a/b.pdf".to_string(),
        ];
        let links = find(&buf, &urls);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!(links[0].id, 1);
        assert_eq!(links[0].pieces.len(), 2);
        assert_eq!((links[0].pieces[1].x, links[0].pieces[1].y), (2, 1));
        let mut bytes = Vec::new();
        write(&mut bytes, &links).expect("write");
        let s = String::from_utf8(bytes).expect("UTF-8");
        assert_eq!(
            s.matches("\x1b]8;id=kazaf-1;https://example.org/a/b.pdf\x1b\\")
                .count(),
            2,
            "{s:?}"
        );
        assert!(s.contains("https://example.\x1b]8;;\x1b\\"), "{s:?}");
        assert!(s.contains("org/a/b.pdf\x1b]8;;\x1b\\"), "{s:?}");
        // Letters beyond ASCII in the path: shown as written, percent-encoded in the target.
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 2));
        put(&mut buf, 0, 0, "https://example.org/Кабул.pdf", true);
        let url = "https://example.org/Кабул.pdf".to_string();
        let links = find(&buf, std::slice::from_ref(&url));
        assert_eq!(links.len(), 1);
        let mut bytes = Vec::new();
        write(&mut bytes, &links).expect("write");
        let s = String::from_utf8(bytes).expect("UTF-8");
        assert!(
            s.contains("\x1b]8;id=kazaf-0;https://example.org/%D0%9A%D0%B0%D0%B1%D1%83%D0%BB.pdf\x1b\\https://example.org/Кабул.pdf\x1b]8;;"),
            "{s:?}"
        );
        // Nothing on screen spells an address: no link.
        assert!(find(&buf, &["https://nowhere.example/".to_string()]).is_empty());
        assert!(find(&buf, &[]).is_empty());
    }
}
