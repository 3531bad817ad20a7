//! The pairs file: `mentee_id, mentor_id, rule` with rule `lock` (the pair is in the roster)
//! or `forbid` (it never is).

use std::collections::HashMap;

use crate::error::{InputError, Result};
use crate::input::rule_files::PairsTable;
use crate::input::table::{Row, Table};
use crate::model::Cohort;

/// What a row of the pairs file says about its pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairRule {
    /// The pair is in the roster.
    Lock,
    /// The pair is never in the roster.
    Forbid,
}

/// One row of the pairs file, resolved to file indices of the cohort.
#[derive(Debug, Clone)]
pub struct PairRow {
    /// Mentee index in the mentees file.
    pub mentee: usize,
    /// Mentor index in the mentors file.
    pub mentor: usize,
    /// Lock or forbid.
    pub rule: PairRule,
    /// The row, for error messages.
    pub row: Row,
}

/// The pairs file, read and resolved.
#[derive(Debug, Clone)]
pub struct PairsFile {
    /// The table as read (for messages naming a row).
    pub table: Table,
    /// Its rows whose ids are both in the cohort.
    pub rows: Vec<PairRow>,
    /// Column of the mentee id.
    pub mentee_column: usize,
    /// Column of the mentor id.
    pub mentor_column: usize,
    /// Column of the rule.
    pub rule_column: usize,
}

/// Resolves the rows of a pairs file (as [`crate::input::rule_files::read_pairs`] read it)
/// to the people of a cohort. With `strict`, an id that is not in the cohort is an error
/// naming its row; otherwise such rows are skipped (a part of a cohort split by scope, or a
/// cohort extended for the advice, holds only some of the people).
pub fn resolve(file: &PairsTable, cohort: &Cohort, strict: bool) -> Result<PairsFile> {
    let table = &file.table;
    let (mentee_column, mentor_column, rule_column) =
        (file.mentee_column, file.mentor_column, file.rule_column);
    let (mentees, mentors) = cohort.id_indices();
    let mut rows = Vec::with_capacity(table.rows.len());
    let mut seen: HashMap<(usize, usize), (PairRule, u64)> = HashMap::new();
    for row in &table.rows {
        let rule = match row.cells[rule_column].to_lowercase().as_str() {
            "lock" | "kunci" => PairRule::Lock,
            "forbid" | "larang" => PairRule::Forbid,
            _ => {
                return Err(table
                    .cell_error(row, rule_column, "the rule must be \"lock\" or \"forbid\"")
                    .into())
            }
        };
        let id = |column: usize| unquote(&row.cells[column]).to_string();
        let mentee = mentees.get(id(mentee_column).as_str()).copied();
        let mentor = mentors.get(id(mentor_column).as_str()).copied();
        let (mentee, mentor) = match (mentee, mentor) {
            (Some(i), Some(j)) => (i, j),
            (None, _) if strict => return Err(unknown(table, row, mentee_column, "mentees").into()),
            (_, None) if strict => return Err(unknown(table, row, mentor_column, "mentors").into()),
            _ => continue,
        };
        if let Some((earlier, line)) = seen.insert((mentee, mentor), (rule, row.line)) {
            if earlier != rule {
                return Err(table
                    .cell_error(
                        row,
                        rule_column,
                        format!("this pair is both locked and forbidden (see line {line})"),
                    )
                    .into());
            }
        }
        rows.push(PairRow {
            mentee,
            mentor,
            rule,
            row: row.clone(),
        });
    }
    Ok(PairsFile {
        table: table.clone(),
        rows,
        mentee_column,
        mentor_column,
        rule_column,
    })
}

fn unknown(table: &Table, row: &Row, column: usize, file: &str) -> InputError {
    table.cell_error(
        row,
        column,
        format!("no one in the {file} file has this id"),
    )
}

/// An id as read back from a roster written by bimbing: a leading apostrophe that protected a
/// formula-looking cell is dropped.
pub fn unquote(id: &str) -> &str {
    match id.strip_prefix('\'') {
        Some(rest)
            if matches!(
                rest.chars().next(),
                Some('=' | '+' | '-' | '@' | '\t' | '\r')
            ) =>
        {
            rest
        }
        _ => id,
    }
}
