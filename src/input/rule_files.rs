//! The files the planner's rules name: the pairs file (`lock` and `forbid` rows), a
//! previous roster (for continuity) and the earlier rosters whose pairs are not made again
//! (`avoid_previous`). Each is read and checked once, here; the rules resolve its rows to
//! the people of a cohort without reading anything again.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::error::{InputError, Result};
use crate::input::people::{read_table, InputInfo};
use crate::input::table::{Row, Table};
use crate::input::warnings::Warning;

/// The pairs file as read: its table and the columns of the ids and the rule.
#[derive(Debug, Clone)]
pub struct PairsTable {
    /// The table as read (for messages naming a row).
    pub table: Table,
    /// Column of the mentee id.
    pub mentee_column: usize,
    /// Column of the mentor id.
    pub mentor_column: usize,
    /// Column of the rule.
    pub rule_column: usize,
    /// The file as read: its path and the SHA-256 of the bytes read.
    pub info: InputInfo,
}

/// Reads a pairs file and finds its three columns (`mentee_id`, `mentor_id`, `rule`); any
/// other column is a warning ([`crate::input::warnings`]).
pub fn read_pairs(path: &Path) -> Result<PairsTable> {
    let (table, info) = read_table(path, &["mentee_id", "mentor_id"])?;
    Ok(pairs_from_table(table, info)?)
}

/// [`read_pairs`] on a table already parsed (as [`Table::parse`] makes it from bytes), with
/// what was read of its file ([`InputInfo::of`]).
pub fn pairs_from_table(table: Table, info: InputInfo) -> Result<PairsTable, InputError> {
    let need = |name: &str, aliases: &str| {
        table
            .column(name)
            .ok_or_else(|| table.header_error(format!("missing column {name:?} ({aliases})")))
    };
    let mentee_column = need("mentee_id", "the mentee's id")?;
    let mentor_column = need("mentor_id", "the mentor's id")?;
    let rule_column = need("rule", "lock or forbid")?;
    warn_unused(
        &table,
        &[mentee_column, mentor_column, rule_column],
        "not a column of a pairs file, so it is not used (a pairs file holds mentee_id, \
         mentor_id and rule)",
    );
    Ok(PairsTable {
        table,
        mentee_column,
        mentor_column,
        rule_column,
        info,
    })
}

/// The columns of a `roster.csv` as bimbing writes it (in English), in order.
pub const ROSTER_COLUMNS: [&str; 13] = [
    "mentee_id",
    "mentee_name",
    "mentee_unit",
    "mentor_id",
    "mentor_name",
    "mentor_unit",
    "score",
    "complementarity",
    "same_unit",
    "workload_term",
    "mentee_grade",
    "mentor_grade",
    "unmatched_reason",
];

/// The column `roster.csv` writes after [`ROSTER_COLUMNS`]: why a pair stands (`lock`,
/// `kept` or empty; see [`crate::report::origin`]). The columns after it are the people's
/// kept columns (`mentee_<key>`, `mentor_<key>`: `--keep-columns`), which readers pass over
/// (any other column there is warned about, as anywhere).
pub const PAIR_ORIGIN: &str = "pair_origin";

/// What earlier builds wrote into `roster.csv` under `--lang id`, which now writes the same
/// file as every language: each Indonesian column name with the column of
/// [`ROSTER_COLUMNS`] it stands for, in that order. Every reader of a roster translates
/// headers back through [`english_column`], so that folders written then are still read.
pub const EARLIER_INDONESIAN_COLUMNS: [(&str, &str); 13] = [
    ("id_mentee", "mentee_id"),
    ("nama_mentee", "mentee_name"),
    ("unit_mentee", "mentee_unit"),
    ("id_mentor", "mentor_id"),
    ("nama_mentor", "mentor_name"),
    ("unit_mentor", "mentor_unit"),
    ("skor", "score"),
    ("komplementaritas", "complementarity"),
    ("unit_sama", "same_unit"),
    ("nilai_beban_kerja", "workload_term"),
    ("golongan_mentee", "mentee_grade"),
    ("golongan_mentor", "mentor_grade"),
    ("alasan_tidak_terpasang", "unmatched_reason"),
];

/// The `unmatched_reason` texts earlier builds wrote under `--lang id`, each with the
/// English text `roster.csv` holds for it ([`english_reason`] translates back).
pub const EARLIER_INDONESIAN_REASONS: [(&str, &str); 4] = [
    (
        "tidak ada mentor yang memenuhi syarat",
        "no eligible mentor",
    ),
    (
        "semua mentor yang memenuhi syarat sudah penuh",
        "every eligible mentor full",
    ),
    (
        "tertahan aturan porsi unit",
        "held back by the unit share rule",
    ),
    (
        "aturan tidak dapat dipenuhi semuanya",
        "the rules cannot all hold",
    ),
];

/// The column of [`ROSTER_COLUMNS`] a header names: an Indonesian name of an earlier
/// build translated ([`EARLIER_INDONESIAN_COLUMNS`]), any other name as it is.
pub fn english_column(name: &str) -> &str {
    EARLIER_INDONESIAN_COLUMNS
        .iter()
        .find(|(id, _)| *id == name)
        .map_or(name, |(_, en)| en)
}

/// The English `unmatched_reason` an Indonesian text of an earlier build stands for
/// ([`EARLIER_INDONESIAN_REASONS`]); `None` for any other text.
pub fn english_reason(text: &str) -> Option<&'static str> {
    EARLIER_INDONESIAN_REASONS
        .iter()
        .find(|(id, _)| *id == text)
        .map(|(_, en)| *en)
}

/// Warns about every column of `table` but `used` (and columns without a name or data).
fn warn_unused(table: &Table, used: &[usize], problem: &str) {
    let unused = (0..table.headers.len())
        .filter(|c| !used.contains(c))
        .filter(|&c| !table.headers[c].is_empty() || table.column_has_data(c))
        .map(|c| Warning {
            location: table.column_location(c),
            problem: problem.to_string(),
        });
    super::warnings::warn(unused);
}

/// One mentee as a roster file shows it (one pair, in a two-column file).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RosterLine {
    /// Mentee id.
    pub mentee_id: String,
    /// Mentee name.
    pub mentee_name: String,
    /// Mentor id, empty when unmatched.
    pub mentor_id: String,
    /// Mentor name, empty when unmatched.
    pub mentor_name: String,
    /// Score as written, empty when unmatched (always, in a two-column file).
    pub score: String,
    /// The line of the file the row is on (for messages naming it).
    #[serde(skip)]
    pub line: u64,
}

/// Reads a `roster.csv` written by bimbing, or a two-column file of pairs (see
/// [`roster_from_table`]); a column that neither has is a warning
/// ([`crate::input::warnings`]).
pub fn read_roster(path: &Path) -> Result<Vec<RosterLine>> {
    Ok(read_roster_file(path)?.0)
}

/// [`read_roster`], with what was read of the file (its path and the SHA-256 of its bytes).
pub fn read_roster_file(path: &Path) -> Result<(Vec<RosterLine>, InputInfo)> {
    let (table, info) = read_table(path, &["mentee_id", "mentor_id"])?;
    Ok((roster_from_table(&table)?, info))
}

/// [`read_roster`] on a table already parsed (as [`Table::parse`] makes it from bytes).
///
/// The table is a `roster.csv`: its headers are those of [`ROSTER_COLUMNS`], or the
/// Indonesian ones earlier builds wrote under `--lang id` ([`english_column`]), and
/// `mentee_id`, `mentee_name`, `mentor_id`, `mentor_name` and `score` must all be there.
/// Or it is a two-column file of pairs: `mentee_id` and `mentor_id` and no other column of
/// a roster.csv (names and scores are then empty). Either way each mentee is on one row.
pub fn roster_from_table(table: &Table) -> Result<Vec<RosterLine>, InputError> {
    lines_from_table(table, true)
}

/// The pairs of an earlier roster whose pairs are not made again (`avoid_previous`): a
/// `roster.csv` or a two-column file, as [`roster_from_table`] reads them, except that a
/// two-column file may list a mentee on several rows (the pairs of several rounds).
pub fn avoided_from_table(table: &Table) -> Result<Vec<RosterLine>, InputError> {
    lines_from_table(table, false)
}

/// Whether the headers (translated, see [`english_column`]) are those of a two-column file
/// of pairs: both ids and no other column of a roster.csv.
fn is_two_column(headers: &[&str]) -> bool {
    let has = |name: &str| headers.contains(&name);
    has("mentee_id")
        && has("mentor_id")
        && !headers
            .iter()
            .any(|h| ROSTER_COLUMNS.contains(h) && !matches!(*h, "mentee_id" | "mentor_id"))
}

/// The rows of a roster.csv or a two-column file; with `unique_mentees`, a mentee on two
/// rows of a two-column file is refused (a roster.csv always holds each mentee once).
fn lines_from_table(table: &Table, unique_mentees: bool) -> Result<Vec<RosterLine>, InputError> {
    let headers: Vec<&str> = table.headers.iter().map(|h| english_column(h)).collect();
    let two_column = is_two_column(&headers);
    let col = |name: &str| {
        headers.iter().position(|h| *h == name).ok_or_else(|| {
            table.header_error(format!(
                "missing column {name:?} (is this a roster.csv? a file of pairs holds only \
                 mentee_id and mentor_id)"
            ))
        })
    };
    let (id, mid) = (col("mentee_id")?, col("mentor_id")?);
    let (name, mname, score) = if two_column {
        (None, None, None)
    } else {
        (
            Some(col("mentee_name")?),
            Some(col("mentor_name")?),
            Some(col("score")?),
        )
    };
    let written_after = headers
        .iter()
        .position(|h| *h == PAIR_ORIGIN)
        .unwrap_or(headers.len());
    let kept = |h: &str| h.starts_with("mentee_") || h.starts_with("mentor_");
    let known: Vec<usize> = (0..headers.len())
        .filter(|&c| {
            ROSTER_COLUMNS.contains(&headers[c])
                || c == written_after
                || (c > written_after && kept(headers[c]))
        })
        .collect();
    warn_unused(
        table,
        &known,
        if two_column {
            "not a column of a file of pairs, so it is not used (bimbing reads mentee_id and \
             mentor_id)"
        } else {
            "not a column of a roster.csv, so it is not used (bimbing reads mentee_id, \
             mentee_name, mentor_id, mentor_name and score)"
        },
    );
    let cell = |row: &Row, column: Option<usize>| {
        column.map_or_else(String::new, |c| row.cells[c].clone())
    };
    let mut seen = HashMap::new();
    let mut lines = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        if unique_mentees || !two_column {
            if let Some(first) = seen.insert(row.cells[id].clone(), row.line) {
                return Err(duplicate(table, row, id, first));
            }
        }
        lines.push(RosterLine {
            mentee_id: row.cells[id].clone(),
            mentee_name: cell(row, name),
            mentor_id: row.cells[mid].clone(),
            mentor_name: cell(row, mname),
            score: cell(row, score),
            line: row.line,
        });
    }
    Ok(lines)
}

fn duplicate(table: &Table, row: &Row, column: usize, first: u64) -> InputError {
    table.cell_error(
        row,
        column,
        format!("duplicate mentee (first seen on line {first})"),
    )
}

/// What has been read of the rule files, by path.
#[derive(Default)]
struct Read {
    pairs: BTreeMap<PathBuf, Arc<PairsTable>>,
    previous: BTreeMap<PathBuf, (Arc<Vec<RosterLine>>, InputInfo)>,
    avoided: BTreeMap<PathBuf, (Arc<Vec<RosterLine>>, InputInfo)>,
}

/// The rule files of a match, each read once: [`RuleFiles::load`] reads the files named
/// (the command line does so while it reads its inputs), and every later call for the same
/// path gets what was read, however many matches, re-solves and audits ask for it.
///
/// Clones share what was read (the scenarios of one file share one). A file read once is
/// never read again through these values, even when it changes on disk meanwhile. Two values are always equal: what they hold follows from the
/// paths, which the settings compare.
#[derive(Clone, Default)]
pub struct RuleFiles(Arc<Mutex<Read>>);

impl std::fmt::Debug for RuleFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let read = self.0.lock().unwrap_or_else(|e| e.into_inner());
        f.debug_struct("RuleFiles")
            .field("pairs", &read.pairs.keys().collect::<Vec<_>>())
            .field("previous", &read.previous.keys().collect::<Vec<_>>())
            .field("avoided", &read.avoided.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl PartialEq for RuleFiles {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl RuleFiles {
    /// Reads the pairs file, the previous roster and the earlier rosters to avoid named
    /// (those not read yet), so that bad input is reported before any work.
    pub fn load(
        &self,
        pairs: Option<&Path>,
        previous: Option<&Path>,
        avoided: &[PathBuf],
    ) -> Result<()> {
        if let Some(path) = pairs {
            self.pairs(path)?;
        }
        if let Some(path) = previous {
            self.previous(path)?;
        }
        for path in avoided {
            self.avoided(path)?;
        }
        Ok(())
    }

    /// The pairs file at `path`: as read before, or read now.
    pub fn pairs(&self, path: &Path) -> Result<Arc<PairsTable>> {
        let mut read = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(table) = read.pairs.get(path) {
            return Ok(table.clone());
        }
        let table = Arc::new(read_pairs(path)?);
        read.pairs.insert(path.to_path_buf(), table.clone());
        Ok(table)
    }

    /// The previous roster at `path`: as read before, or read now.
    pub fn previous(&self, path: &Path) -> Result<Arc<Vec<RosterLine>>> {
        let mut read = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((lines, _)) = read.previous.get(path) {
            return Ok(lines.clone());
        }
        let (lines, info) = read_roster_file(path)?;
        let lines = Arc::new(lines);
        read.previous
            .insert(path.to_path_buf(), (lines.clone(), info));
        Ok(lines)
    }

    /// The earlier roster at `path` whose pairs are not made again (`avoid_previous`, read
    /// by [`avoided_from_table`]): as read before, or read now.
    pub fn avoided(&self, path: &Path) -> Result<Arc<Vec<RosterLine>>> {
        let mut read = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((lines, _)) = read.avoided.get(path) {
            return Ok(lines.clone());
        }
        let (table, info) = read_table(path, &["mentee_id", "mentor_id"])?;
        let lines = Arc::new(avoided_from_table(&table)?);
        read.avoided
            .insert(path.to_path_buf(), (lines.clone(), info));
        Ok(lines)
    }

    /// The earlier roster to avoid at `path` as it was read, or `None` when it has not been
    /// read through these values. Reads nothing.
    pub fn avoided_info(&self, path: &Path) -> Option<InputInfo> {
        let read = self.0.lock().unwrap_or_else(|e| e.into_inner());
        read.avoided.get(path).map(|(_, info)| info.clone())
    }

    /// The pairs file at `path` as it was read (path and SHA-256 of the bytes read), or
    /// `None` when it has not been read through these values. Reads nothing.
    pub fn pairs_info(&self, path: &Path) -> Option<InputInfo> {
        let read = self.0.lock().unwrap_or_else(|e| e.into_inner());
        read.pairs.get(path).map(|t| t.info.clone())
    }

    /// The previous roster at `path` as it was read, or `None` when it has not been read
    /// through these values. Reads nothing.
    pub fn previous_info(&self, path: &Path) -> Option<InputInfo> {
        let read = self.0.lock().unwrap_or_else(|e| e.into_inner());
        read.previous.get(path).map(|(_, info)| info.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earlier_indonesian_columns_translate_to_the_roster_columns_in_order() {
        let translated: Vec<&str> = EARLIER_INDONESIAN_COLUMNS
            .iter()
            .map(|(id, _)| english_column(id))
            .collect();
        assert_eq!(translated, ROSTER_COLUMNS);
        for name in ROSTER_COLUMNS {
            assert_eq!(english_column(name), name, "English names stay");
        }
        assert_eq!(english_column("k:a"), "k:a");
        let reasons: std::collections::BTreeSet<&str> = EARLIER_INDONESIAN_REASONS
            .iter()
            .map(|(_, en)| *en)
            .collect();
        assert_eq!(reasons.len(), EARLIER_INDONESIAN_REASONS.len());
        assert_eq!(
            english_reason("tertahan aturan porsi unit"),
            Some("held back by the unit share rule")
        );
        assert_eq!(english_reason("no eligible mentor"), None);
    }

    fn lines(text: &str, unique: bool) -> Result<Vec<RosterLine>, InputError> {
        lines_from_table(&Table::parse(Path::new("r.csv"), text.as_bytes())?, unique)
    }

    #[test]
    fn a_two_column_file_holds_the_ids_only_and_a_roster_all_its_columns() {
        let two = lines("mentee_id,mentor_id\nE1,M1\nE2,\n", true).unwrap();
        assert_eq!(
            two.iter()
                .map(|l| (l.mentee_id.as_str(), l.mentor_id.as_str(), l.line))
                .collect::<Vec<_>>(),
            [("E1", "M1", 2), ("E2", "", 3)]
        );
        assert!(two
            .iter()
            .all(|l| l.mentee_name.is_empty() && l.score.is_empty()));
        let earlier = lines("id_mentee,id_mentor\nE1,M1\n", true).unwrap();
        assert_eq!(earlier[0].mentor_id, "M1");
        // a roster column beyond the ids makes it a roster.csv, which needs them all
        let e = lines("mentee_id,mentor_id,score\nE1,M1,0.5\n", true).unwrap_err();
        assert!(
            e.to_string().contains("missing column \"mentee_name\""),
            "{e}"
        );
        // a mentee twice: refused, but for the pairs of several rounds to avoid
        let twice = "mentee_id,mentor_id\nE1,M1\nE1,M2\n";
        let e = lines(twice, true).unwrap_err();
        assert!(e.to_string().contains("first seen on line 2"), "{e}");
        assert_eq!(lines(twice, false).unwrap().len(), 2);
        let roster =
            "mentee_id,mentee_name,mentor_id,mentor_name,score\nE1,a,M1,b,0.5\nE1,a,M2,c,0.4\n";
        assert!(
            lines(roster, false).is_err(),
            "a roster.csv holds each mentee once"
        );
    }
}
