//! The dataset as JSON: the model serialized as it stands, for other programs.

use crate::data::Db;

/// The dataset, pretty-printed, ending in a newline.
pub fn json(db: &Db) -> String {
    let mut s =
        serde_json::to_string_pretty(&db.set).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
