//! The selection of a list, shared by every pane: an index kept within the list's length, moved
//! by steps and pages. Which rows are in view follows from it ([`crate::draw::scroll`]), so it
//! is not stored.

/// Rows a page moves.
pub const PAGE: usize = 10;

/// The selected row of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selection {
    index: usize,
}

impl Selection {
    /// Row `i` selected (a jump's target, known to be in the list).
    pub fn at(i: usize) -> Selection {
        Selection { index: i }
    }

    /// The selected row.
    pub fn index(self) -> usize {
        self.index
    }

    /// Selects row `i` of a `len`-row list, or the last row if `i` is past it; true if the
    /// selection changed.
    pub fn set(&mut self, i: usize, len: usize) -> bool {
        let i = i.min(len.saturating_sub(1));
        let changed = i != self.index;
        self.index = i;
        changed
    }

    /// Moves `d` rows (negative: up) within a `len`-row list, stopping at either end; true if
    /// the selection changed. An empty list keeps the selection where it is.
    pub fn step(&mut self, d: isize, len: usize) -> bool {
        if len == 0 {
            return false;
        }
        let i = (self.index as isize)
            .saturating_add(d)
            .clamp(0, len as isize - 1) as usize;
        self.set(i, len)
    }

    /// True if the selection is a row of a `len`-row list (or the list is empty).
    pub fn fits(self, len: usize) -> bool {
        len == 0 || self.index < len
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{PAGE, Selection};

    #[test]
    fn steps_and_pages_stop_at_the_ends() {
        let mut s = Selection::default();
        assert!(!s.step(-1, 5));
        assert!(s.step(1, 5));
        assert_eq!(s.index(), 1);
        assert!(s.step(PAGE as isize, 5));
        assert_eq!(s.index(), 4);
        assert!(!s.step(1, 5));
        assert!(s.step(isize::MIN / 2, 5));
        assert_eq!(s.index(), 0);
        assert!(!s.step(1, 0));
    }

    #[test]
    fn set_clamps_to_the_last_row() {
        let mut s = Selection::default();
        assert!(s.set(9, 3));
        assert_eq!(s.index(), 2);
        assert!(s.fits(3));
        assert!(!s.fits(2));
        assert!(s.fits(0));
    }

    proptest! {
        #[test]
        fn any_steps_keep_the_selection_in_the_list(
            len in 1usize..500, steps in proptest::collection::vec(any::<isize>(), 0..20),
        ) {
            let mut s = Selection::default();
            for d in steps {
                let before = s.index();
                let changed = s.step(d, len);
                prop_assert!(s.fits(len));
                prop_assert_eq!(changed, before != s.index());
            }
        }
    }
}
