//! One stage's part of a dataset, for `export --stage N`: a dataset of its own that every
//! export writes as it writes a whole one.
//!
//! What it holds is what the stage filter shows in the explorer ([`Db::in_stage`]): the stage,
//! its events and documents, the figures of its years, the statements made at its events; and
//! what those need to read whole: the figures a derived one is computed from, the places and
//! people they name, every reference they cite (so every citation resolves in the output), the
//! charts' bars of the figures kept, and the audit rules whose every id is kept. Notes belong
//! to no stage and are left out. The part is validated like any dataset before it is written.

use crate::data::expr::Expr;
use crate::data::model::{AuditRule, Dataset, Provenance, RefNo, Text};
use crate::data::{Db, HashSet, ItemRef, validate};

/// The part of `db` that stage `s` holds, as a dataset; an error names what does not validate
/// (a bug: the part is built to be whole).
pub fn stage_part(db: &Db, s: usize) -> Result<Db, String> {
    let set = &db.set;
    let keep = |item: ItemRef| db.in_stage(item, s);
    let events: Vec<usize> = (0..set.events.len())
        .filter(|&i| keep(ItemRef::Event(i)))
        .collect();
    let event_ids: HashSet<&str> = events.iter().map(|&i| set.events[i].id.as_str()).collect();
    // The figures of its years, less a counted one whose events are not all the stage's,
    // plus every figure a kept derived one is computed from (and so on down).
    let mut figures: HashSet<usize> = db
        .stage_figures(s)
        .into_iter()
        .filter(|&i| match &set.figures[i].provenance {
            Provenance::Counted { events } => events.iter().all(|e| event_ids.contains(e.as_str())),
            _ => true,
        })
        .collect();
    let mut todo: Vec<usize> = figures.iter().copied().collect();
    while let Some(f) = todo.pop() {
        if let Provenance::Derived { formula } = &set.figures[f].provenance
            && let Ok(expr) = Expr::parse(formula)
        {
            for id in expr.ids() {
                if let Some(&g) = db.figure_index.get(id)
                    && figures.insert(g)
                {
                    todo.push(g);
                }
            }
        }
    }
    let mut figures: Vec<usize> = figures.into_iter().collect();
    figures.sort_unstable();
    let figure_ids: HashSet<&str> = figures
        .iter()
        .map(|&i| set.figures[i].id.as_str())
        .collect();

    let mut part = Dataset {
        article: set.article.clone(),
        stages: vec![set.stages[s].clone()],
        events: events.iter().map(|&i| set.events[i].clone()).collect(),
        documents: (0..set.documents.len())
            .filter(|&i| keep(ItemRef::Document(i)))
            .map(|i| {
                let mut d = set.documents[i].clone();
                // A document signed at an event of another stage keeps no link to it.
                if d.event
                    .as_ref()
                    .is_some_and(|e| !event_ids.contains(e.as_str()))
                {
                    d.event = None;
                }
                d
            })
            .collect(),
        figures: figures.iter().map(|&i| set.figures[i].clone()).collect(),
        charts: Vec::new(),
        statements: (0..set.statements.len())
            .filter(|&i| keep(ItemRef::Statement(i)))
            .map(|i| set.statements[i].clone())
            .collect(),
        notes: Vec::new(),
        places: Vec::new(),
        people: Vec::new(),
        references: Vec::new(),
        audits: Vec::new(),
        map: set.map.clone(),
    };
    part.article
        .headline
        .retain(|id| figure_ids.contains(id.as_str()));
    for c in &set.charts {
        let mut c = c.clone();
        for g in &mut c.groups {
            g.bars.retain(|(_, f)| figure_ids.contains(f.as_str()));
        }
        c.groups.retain(|g| !g.bars.is_empty());
        if !c.groups.is_empty() {
            part.charts.push(c);
        }
    }
    // The places, people and references what is kept names.
    let mut places: HashSet<&str> = HashSet::default();
    let mut people: HashSet<&str> = HashSet::default();
    let mut cited: HashSet<RefNo> = HashSet::default();
    let mut cite = |c: &[RefNo]| cited.extend(c.iter().copied());
    cite(&part.stages[0].cites);
    for e in &part.events {
        places.extend(e.places.iter().map(Text::as_str));
        people.extend(e.people.iter().map(Text::as_str));
        cite(&e.cites);
    }
    for d in &part.documents {
        cite(&d.cites);
    }
    for f in &part.figures {
        places.extend(f.places.iter().map(Text::as_str));
        cite(&f.cites);
    }
    for st in &part.statements {
        people.insert(st.speaker.as_str());
        cite(&st.cites);
    }
    part.places = set
        .places
        .iter()
        .filter(|p| places.contains(p.id.as_str()))
        .cloned()
        .collect();
    part.people = set
        .people
        .iter()
        .filter(|p| people.contains(p.id.as_str()))
        .cloned()
        .collect();
    part.references = set
        .references
        .iter()
        .filter(|r| cited.contains(&r.number))
        .cloned()
        .collect();
    // The audit rules whose every id is kept.
    let kept = |id: &str| {
        figure_ids.contains(id)
            || event_ids.contains(id)
            || part.stages[0].id.as_str() == id
            || part.statements.iter().any(|st| st.id.as_str() == id)
            || part.documents.iter().any(|d| d.id.as_str() == id)
    };
    let ids_kept = |src: &str| Expr::parse(src).is_ok_and(|e| e.ids().iter().all(|id| kept(id)));
    part.audits = set
        .audits
        .iter()
        .filter(|r| match r {
            AuditRule::Equation { left, right, .. } => ids_kept(left) && ids_kept(right),
            AuditRule::NoEventsDuring { claim, stage, .. } => kept(claim) && kept(stage),
            AuditRule::SourceWording { items, .. } => items.iter().all(|i| kept(i)),
            _ => true,
        })
        .cloned()
        .collect();
    let problems = validate::validate(&part);
    if let Some((path, what)) = problems.first() {
        return Err(format!(
            "the stage's part does not validate: {path}: {what}"
        ));
    }
    Ok(Db::new(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every citation of the part names a reference of the part, and the part holds what the
    /// explorer's filter shows of the stage.
    fn check_part(db: &Db) {
        for s in 0..db.set.stages.len() {
            let part = stage_part(db, s).unwrap_or_else(|e| panic!("stage {s}: {e}"));
            let refs: HashSet<RefNo> = part.set.references.iter().map(|r| r.number).collect();
            for (k, by) in part.cited_by.iter().enumerate() {
                assert!(!by.is_empty(), "stage {s}: reference {k} cited by nothing");
            }
            let all_cites = part
                .set
                .events
                .iter()
                .flat_map(|e| &e.cites)
                .chain(part.set.figures.iter().flat_map(|f| &f.cites))
                .chain(part.set.statements.iter().flat_map(|st| &st.cites));
            for n in all_cites {
                assert!(refs.contains(n), "stage {s}: [{n}] does not resolve");
            }
            assert_eq!(part.set.stages.len(), 1);
            assert_eq!(part.set.events.len(), db.stage_events[s].len(), "stage {s}");
            assert!(part.set.notes.is_empty());
            for i in 0..db.set.figures.len() {
                let id = db.set.figures[i].id.as_str();
                if db.in_stage(ItemRef::Figure(i), s)
                    && !matches!(db.set.figures[i].provenance, Provenance::Counted { .. })
                {
                    assert!(part.figure(id).is_some(), "stage {s}: figure {id} missing");
                }
            }
        }
    }

    #[test]
    fn every_stage_of_the_article_and_the_example_is_a_whole_dataset() {
        check_part(&crate::data::load::embedded().expect("loads"));
        check_part(
            &crate::data::load::load_str("example.ron", crate::schema::EXAMPLE).expect("loads"),
        );
    }
}
