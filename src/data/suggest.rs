//! "Did you mean": the name nearest to a misspelt one, for `check`'s messages about unknown
//! fields, enum variants and ids (`tittle` → `title`, `s_dispte` → `s_dispute`).

/// The edit distance between `a` and `b` (insertions, deletions, changes, and two neighbours
/// swapped count one each), ignoring case; `None` as soon as it must exceed `limit`.
fn distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, x) in d.iter_mut().take(w).enumerate() {
        *x = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        let mut row_min = d[i * w];
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > limit {
            return None;
        }
    }
    let v = d[a.len() * w + b.len()];
    (v <= limit).then_some(v)
}

/// The candidate nearest to `name`, if one is nearer than every other and within a third of
/// its length in edits (so a name of one or two letters gets none: `s9` is as near `s1` as
/// `s2`); `None` if none is, or `name` is one of them.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).min(3);
    if limit == 0 {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    let mut tied = false;
    for c in candidates {
        if c == name {
            return None;
        }
        if let Some(d) = distance(name, c, limit) {
            match best {
                Some((b, _)) if d == b => tied = true,
                Some((b, _)) if d > b => {}
                _ => {
                    best = Some((d, c));
                    tied = false;
                }
            }
        }
    }
    best.filter(|_| !tied).map(|(_, c)| c)
}

/// "; did you mean `title`?" for the nearest candidate, or nothing.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    nearest(name, candidates).map_or(String::new(), |c| format!("; did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::{did_you_mean, nearest};

    #[test]
    fn the_nearest_name_within_a_third_of_its_length() {
        let fields = ["id", "date", "stage", "category", "title", "text"];
        assert_eq!(nearest("tittle", fields), Some("title"));
        assert_eq!(nearest("Titel", fields), Some("title"));
        assert_eq!(nearest("catgeory", fields), Some("category"));
        assert_eq!(
            nearest("s_dispte", ["s_dispute", "s_trade"]),
            Some("s_dispute")
        );
        assert_eq!(
            nearest("Institutoin", ["Institution", "Other"]),
            Some("Institution")
        );
        // Too far, or already right: nothing.
        assert_eq!(nearest("qqq", fields), None);
        assert_eq!(nearest("title", fields), None);
        assert_eq!(nearest("xy", ["id"]), None);
        assert_eq!(nearest("s9", ["s1", "s2"]), None, "too short to say");
        assert_eq!(nearest("s_2", ["s2", "s3"]), Some("s2"));
        assert_eq!(
            nearest("e_meeting_2011", ["e_meeting_2010", "e_meeting_2012"]),
            None,
            "a tie"
        );
        assert_eq!(did_you_mean("tittle", fields), "; did you mean `title`?");
        assert_eq!(did_you_mean("qqq", fields), "");
    }
}
