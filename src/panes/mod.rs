//! The panes: each one a module that owns its state (what is selected in it) and draws itself,
//! behind the [`Pane`] trait. The `App` holds one of each ([`Panes`]) and forwards to the
//! active one, so no code outside a pane matches on which pane it is.
//!
//! A new pane is its module, one line in the [`panes!`] list below, and its rows in the key
//! table (`keys.rs`); nothing else changes.

pub mod audit;
pub mod map;
pub mod overview;
pub mod selection;
pub mod sources;
pub mod timeline;
pub mod trade;

use std::rc::Rc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::data::model::RefNo;
use crate::data::{Db, ItemRef};
use crate::draw::Cx;
pub use selection::Selection;

/// Where the detail cursor can go: a citation, or an item to jump to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A citation `[n]`.
    Cite(RefNo),
    /// A linked item.
    Item(ItemRef),
}

/// Where an item is shown in its pane: which list (a Timeline section, a Trade chart, the
/// Sources list, ...) and which row of it (`None`: the list as a whole, e.g. a stage).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    /// The list.
    pub list: usize,
    /// The row, if the item is one.
    pub row: Option<usize>,
}

/// What the left and right keys do on a pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sideways {
    /// Nothing.
    Nothing,
    /// Step between the pane's lists (stages, charts); inside the cursor, move it.
    Lists,
    /// Leave (left) or enter (right) the cursor over the detail's links.
    Links,
}

/// A pane: its list and selection, the targets of its detail cursor, and its drawing.
pub trait Pane {
    /// The number of rows in the pane's current list.
    fn len(&self, db: &Db) -> usize;
    /// The selection in the current list; `None` for a pane without one (its keys scroll).
    fn selection(&self) -> Option<Selection>;
    /// The same, to change.
    fn selection_mut(&mut self) -> Option<&mut Selection>;
    /// The item of the selected row, if the row is one.
    fn selected_item(&self, _db: &Db) -> Option<ItemRef> {
        None
    }
    /// What the detail cursor steps through, for the selected row.
    fn targets(&self, db: &Db) -> Vec<Target>;
    /// False for a pane that is one text rather than a list: its up and down keys scroll.
    fn has_list(&self) -> bool {
        true
    }
    /// What left and right do.
    fn sideways(&self) -> Sideways {
        Sideways::Links
    }
    /// Steps `d` lists sideways ([`Sideways::Lists`]); true if the list changed.
    fn step_list(&mut self, _d: isize) -> bool {
        false
    }
    /// Every item this pane shows and where, in the pane's order (the first spot of an item
    /// is where a jump to it lands).
    fn spots(&self, _db: &Db, _add: &mut dyn FnMut(ItemRef, Spot)) {}
    /// Shows the list and row of `spot`; false if the filter in place hides that row (the
    /// app then clears the filter and shows it again).
    fn show(&mut self, _spot: Spot) -> bool {
        true
    }
    /// What is broken in the pane's state, if anything (tests check after every action).
    fn check(&self, db: &Db) -> Result<(), String>;
    /// Draws the pane.
    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer);
    /// Filters the pane to stage `stage` (`None`: everything), as the stage filter asks.
    fn set_stage(&mut self, _db: &Db, _stage: Option<usize>) {}
    /// Narrows the pane's lists in place to the rows whose item `keep` keeps, under the words
    /// `query` (`None`: every row again). The selected row stays selected if it is still
    /// listed. Only panes that list items ([`Pane::filters`]) do anything.
    fn set_filter(&mut self, _db: &Db, _filter: Option<(&str, &dyn Fn(ItemRef) -> bool)>) {}
    /// Sorts the pane's list the next way round; the name of the order now, or `None` for a
    /// pane that does not sort.
    fn sort(&mut self, _db: &Db) -> Option<&'static str> {
        None
    }
    /// The pane can be narrowed in place.
    fn filters(&self) -> bool {
        false
    }
    /// The words the pane's lists are narrowed to, if they are.
    fn filter(&self) -> Option<&str> {
        None
    }
    /// Takes back the state saved on the back stack; a pane keeps what is not a place (a
    /// display mode) by overriding this.
    fn restore(&mut self, saved: Self)
    where
        Self: Sized,
    {
        *self = saved;
    }
}

/// What several panes derive from the data, built once and shared.
#[derive(Debug)]
pub struct Common {
    /// The year axis (Overview and Timeline).
    pub axis: Rc<timeline::Axis>,
}

impl Common {
    /// What the panes share, derived from `db`.
    pub fn new(db: &Db) -> Common {
        Common {
            axis: Rc::new(timeline::Axis::new(db)),
        }
    }
}

/// Declares the panes once: the [`Tab`] enum (order, titles, descriptions) and the [`Panes`]
/// that hold one of each.
macro_rules! panes {
    ($( $(#[$attr:meta])* $tab:ident($field:ident: $ty:ty) = $title:literal, $about:literal; )+) => {
        /// The panes, in tab-bar order.
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, Default,
            strum::EnumIter, strum::EnumCount, strum::FromRepr, strum::VariantArray,
            strum::Display, strum::IntoStaticStr,
        )]
        pub enum Tab {
            $(
                #[doc = $about]
                $(#[$attr])*
                #[strum(to_string = $title)]
                $tab,
            )+
        }

        impl Tab {
            /// The title in the tab bar.
            pub fn title(self) -> &'static str {
                self.into()
            }
            /// What the pane is for, in a line (`--help`).
            pub fn about(self) -> &'static str {
                match self {
                    $(Tab::$tab => $about,)+
                }
            }
            /// The pane's name on the command line (`--tab`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Tab::$tab => stringify!($field),)+
                }
            }
        }

        /// One of each pane, and the state the back stack saves.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Panes {
            $(
                #[doc = $title]
                pub $field: $ty,
            )+
        }

        impl Panes {
            /// Every pane on `db`.
            pub fn new(db: &Db) -> Panes {
                let common = Common::new(db);
                Panes { $($field: <$ty>::new(db, &common),)+ }
            }
            /// The pane of `tab`.
            pub fn get(&self, tab: Tab) -> &dyn Pane {
                match tab {
                    $(Tab::$tab => &self.$field,)+
                }
            }
            /// The pane of `tab`, to change.
            pub fn get_mut(&mut self, tab: Tab) -> &mut dyn Pane {
                match tab {
                    $(Tab::$tab => &mut self.$field,)+
                }
            }
            /// Filters every pane to `stage`.
            pub fn set_stage(&mut self, db: &Db, stage: Option<usize>) {
                $(self.$field.set_stage(db, stage);)+
            }
            /// Takes back what the back stack saved.
            pub fn restore(&mut self, saved: Panes) {
                $(self.$field.restore(saved.$field);)+
            }
        }
    };
}

panes! {
    #[default]
    Overview(overview: overview::Overview) = "Overview", "The article at a glance";
    Timeline(timeline: timeline::Timeline) = "Timeline", "Stages and their events, each with its sources";
    Trade(trade: trade::Trade) = "Trade & Aid", "Charts of trade and aid, with provenance";
    Sources(sources: sources::Sources) = "Sources", "The references and what cites each";
    Map(map: map::Map) = "Map", "The places involved";
    Audit(audit: audit::Audit) = "Audit", "The data's own arithmetic, checked";
}

impl Tab {
    /// Every pane, in tab-bar order.
    pub fn all() -> &'static [Tab] {
        <Tab as strum::VariantArray>::VARIANTS
    }
    /// Position in the tab bar, from 0.
    pub fn index(self) -> usize {
        self as usize
    }
    /// The next pane, wrapping.
    pub fn next(self) -> Tab {
        Tab::from_repr((self.index() + 1) % <Tab as strum::EnumCount>::COUNT).unwrap_or_default()
    }
    /// The previous pane, wrapping.
    pub fn prev(self) -> Tab {
        let n = <Tab as strum::EnumCount>::COUNT;
        Tab::from_repr((self.index() + n - 1) % n).unwrap_or_default()
    }
}

/// Which rows of a whole list a pane lists, and in what order: all of them (`None`), or those
/// the stage filter or the filter in place keeps. Maps the rows listed to the whole list's
/// and back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows(Option<Rc<[usize]>>);

impl Rows {
    /// Every row of the whole list, in order.
    pub fn all() -> Rows {
        Rows(None)
    }

    /// The rows `kept` (whole-list indices, in the order listed).
    pub fn of(kept: impl Iterator<Item = usize>) -> Rows {
        Rows(Some(kept.collect()))
    }

    /// How many rows are listed, of a whole list of `whole`.
    pub fn len(&self, whole: usize) -> usize {
        self.0.as_ref().map_or(whole, |r| r.len())
    }

    /// The whole-list index of listed row `row`.
    pub fn at(&self, row: usize, whole: usize) -> Option<usize> {
        match &self.0 {
            Some(r) => r.get(row).copied(),
            None => (row < whole).then_some(row),
        }
    }

    /// The listed row of whole-list index `i`, if it is listed.
    pub fn row_of(&self, i: usize, whole: usize) -> Option<usize> {
        match &self.0 {
            Some(r) => r.iter().position(|&k| k == i),
            None => (i < whole).then_some(i),
        }
    }
}

/// A filter in place: the words typed, and for each row of the pane's whole list whether it
/// matches them.
#[derive(Debug, Clone, PartialEq)]
pub struct Narrow {
    /// The words.
    pub query: String,
    /// Row `i` of the whole list matches.
    pub keep: Rc<[bool]>,
}

impl Narrow {
    /// The filter `filter` asks for, over the `n` items `item(i)` of a whole list.
    pub fn new(
        filter: Option<(&str, &dyn Fn(ItemRef) -> bool)>,
        n: usize,
        item: impl Fn(usize) -> ItemRef,
    ) -> Option<Narrow> {
        let (query, keep) = filter?;
        Some(Narrow {
            query: query.to_string(),
            keep: (0..n).map(|i| keep(item(i))).collect(),
        })
    }

    /// Row `i` is kept by `narrow` (every row is, without one).
    pub fn keeps(narrow: Option<&Narrow>, i: usize) -> bool {
        narrow.is_none_or(|n| n.keep.get(i).copied().unwrap_or(false))
    }
}

/// The cursor positions of a list of items, as link targets.
pub fn item_targets(items: &[ItemRef]) -> Vec<Target> {
    items.iter().map(|&i| Target::Item(i)).collect()
}

/// The citations of an item, as cursor targets.
pub fn cite_targets(db: &Db, item: Option<ItemRef>) -> Vec<Target> {
    item.map(|it| db.cites(it).iter().map(|&n| Target::Cite(n)).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::Tab;

    #[test]
    fn tabs_step_both_ways_and_wrap() {
        let all: Vec<Tab> = Tab::iter().collect();
        for (i, &t) in all.iter().enumerate() {
            assert_eq!(t.index(), i);
            assert_eq!(t.next(), all[(i + 1) % all.len()]);
            assert_eq!(t.next().prev(), t);
        }
        assert_eq!(Tab::Trade.title(), "Trade & Aid");
        assert_eq!(Tab::Trade.to_string(), "Trade & Aid");
        assert_eq!(Tab::default(), Tab::Overview);
    }
}
