//! Everything a reader can ask of the explorer, as one enum: keys, mouse and resizes are
//! translated into these (`input`), and [`crate::app::App::apply`] carries them out.

use crate::data::ItemRef;
use crate::panes::Tab;

/// Everything a user can ask of the app. Applied by [`crate::app::App::apply`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the program.
    Quit,
    /// Show or hide the key help.
    Help,
    /// Close the popup, leave the citation cursor, or cancel the search.
    Close,
    /// Next pane.
    NextTab,
    /// Previous pane.
    PrevTab,
    /// Go to a pane.
    GoTab(Tab),
    /// Open the search prompt.
    Search,
    /// Open the filter prompt of the pane's list (filter in place).
    Filter,
    /// Next search result.
    NextHit,
    /// Previous search result.
    PrevHit,
    /// Undo the last jump.
    Back,
    /// Move up (selection or cursor).
    Up,
    /// Move down.
    Down,
    /// Move left: previous stage or chart, or out of a cursor.
    Left,
    /// Move right: next stage or chart, or into a cursor.
    Right,
    /// First item.
    Top,
    /// Last item.
    Bottom,
    /// A page up.
    PageUp,
    /// A page down.
    PageDown,
    /// Enter: start the cursor, preview a citation, follow a link.
    Enter,
    /// Start or leave the citation cursor.
    Cite,
    /// Open the citation (or link) under the cursor in its pane.
    Open,
    /// Linear / logarithmic bar scale.
    ToggleScale,
    /// Chart / table view.
    ToggleTable,
    /// Sort the pane's list the next way (Sources: by number, year, author).
    Sort,
    /// Copy the selected item (or the citation or link under the cursor) as text.
    Copy,
    /// Copy the selected source (or the cited one under the cursor) as BibLaTeX.
    CopyBibtex,
    /// Open the selected source's (or the cited one's) web address in the browser.
    OpenUrl,
    /// Filter every pane to the next stage (All, then each stage, then All again).
    NextStage,
    /// Filter every pane to the previous stage.
    PrevStage,
    /// Clear the stage filter: every pane shows everything.
    AllStages,
    /// Zoom the Timeline's year axis to the selected stage's years, or back out.
    Zoom,
    /// Scroll the detail text down.
    ScrollDown,
    /// Scroll the detail text up.
    ScrollUp,
    /// A character typed into the search prompt.
    Input(char),
    /// Delete the last character of the search prompt.
    Erase,
    /// A mouse click at a cell.
    Click {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// Mouse wheel: `up` or down, at a cell.
    Wheel {
        /// Towards the top.
        up: bool,
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// Show an item in its pane, remembering where the reader was (what search results and
    /// links do; tests use it directly).
    Jump(ItemRef),
    /// The terminal has a new size.
    Resize(u16, u16),
}
