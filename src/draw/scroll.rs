//! Scroll arithmetic, pure and tested: which row of a list or text is drawn first, and where the
//! scroll bar's thumb goes. Every list, text and popup scrolls through these.

/// The first row drawn of a `len`-row list shown in `height` rows, with row `selected` in view:
/// the selection is kept in the middle where the list allows, so the rows around it show.
pub fn centred(selected: usize, len: usize, height: usize) -> usize {
    let selected = selected.min(len.saturating_sub(1));
    selected
        .saturating_sub(height / 2)
        .min(len.saturating_sub(height))
}

/// The first line drawn of a `len`-line text in `height` rows, scrolled by `scroll` lines,
/// moved so that line `focus` (a cursor's line) is in view, with a line of context above it
/// where there is room for one.
pub fn following(scroll: usize, len: usize, height: usize, focus: Option<usize>) -> usize {
    let max = len.saturating_sub(height);
    let off = scroll.min(max);
    let context = usize::from(height > 1);
    match focus {
        Some(f) if f < off || f >= off + height => f.saturating_sub(context).min(max),
        _ => off,
    }
}

/// The row of the scroll bar's thumb, for a view starting at `offset` of `len` rows in
/// `height` rows (only drawn when `len > height`).
pub fn thumb(offset: usize, len: usize, height: usize) -> usize {
    (offset * height.saturating_sub(1)) / len.saturating_sub(height).max(1)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn centred_keeps_the_selection_in_the_middle_and_the_view_full() {
        assert_eq!(centred(0, 100, 10), 0);
        assert_eq!(centred(50, 100, 10), 45);
        assert_eq!(centred(99, 100, 10), 90);
        // A list shorter than the view starts at the top.
        assert_eq!(centred(3, 5, 10), 0);
        // A selection past the end counts as the last row.
        assert_eq!(centred(500, 100, 10), 90);
        assert_eq!(centred(0, 0, 0), 0);
    }

    #[test]
    fn following_scrolls_to_the_focus_with_a_line_above_it() {
        assert_eq!(following(0, 100, 10, None), 0);
        assert_eq!(following(95, 100, 10, None), 90);
        assert_eq!(following(0, 100, 10, Some(5)), 0);
        assert_eq!(following(0, 100, 10, Some(40)), 39);
        assert_eq!(following(60, 100, 10, Some(40)), 39);
        assert_eq!(following(0, 100, 10, Some(99)), 90);
        // One row: no room for context, the focus itself is shown.
        assert_eq!(following(0, 100, 1, Some(40)), 40);
    }

    #[test]
    fn thumb_runs_from_the_top_row_to_the_bottom_row() {
        assert_eq!(thumb(0, 100, 10), 0);
        assert_eq!(thumb(90, 100, 10), 9);
        assert_eq!(thumb(45, 100, 10), 4);
    }

    proptest! {
        #[test]
        fn every_view_is_in_range_and_shows_what_it_must(
            sel in 0usize..300, len in 0usize..300, h in 1usize..100, scroll in 0usize..400,
            focus in proptest::option::of(0usize..300),
        ) {
            let off = centred(sel, len, h);
            prop_assert!(off <= len.saturating_sub(h));
            if len > 0 {
                let s = sel.min(len - 1);
                prop_assert!(off <= s && s < off + h, "selection {s} not in {off}..{}", off + h);
            }
            let off = following(scroll, len, h, focus);
            prop_assert!(off <= len.saturating_sub(h));
            if let Some(f) = focus.filter(|&f| f < len) {
                prop_assert!(off <= f && f < off + h, "focus {f} not in {off}..{}", off + h);
            }
            if len > h {
                prop_assert!(thumb(centred(sel, len, h), len, h) < h);
            }
        }
    }
}
