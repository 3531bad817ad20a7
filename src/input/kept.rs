//! Columns of the people's files that the match does not use but that planners want to see
//! in what they send out (the post, an e-mail address, a phone number): `--keep-columns`.
//! Their cells pass through to `roster.csv`, the workbook and the letters.
//!
//! A kept column is named as a header is written, and matched by its words as every header
//! is ([`super::headers::canonical_header`]): "Jabatan" keeps a column "JABATAN" or "Nama
//! Jabatan", and a header the columns file (`--columns`) maps is found by its own name. By
//! default bimbing keeps [`DEFAULT_KEPT`] and every header of the columns file that stands
//! for a column the roster does not show already (not the id, name, unit, grade or a
//! competency), each only when a file holds it. A column named in `--keep-columns` that
//! neither file holds is a warning ([`super::warnings`]). A kept column is used, so it is
//! not warned about as a column bimbing does not read.

use super::headers::{canonical_header, columns, words};
use super::table::Table;
use super::warnings::{warn, withdraw, Warning};
use crate::model::Cohort;

/// The column kept when `--keep-columns` is not given (as well as the columns file's).
pub const DEFAULT_KEPT: &str = "Jabatan";

/// Which columns to keep: the names as the planner writes them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Keep {
    names: Vec<String>,
    /// Whether the planner named them (`--keep-columns`): then an absent one is a warning.
    named: bool,
}

impl Keep {
    /// No column kept.
    pub fn none() -> Keep {
        Keep::default()
    }

    /// The columns of a `--keep-columns` list: names separated by commas, as written (an
    /// empty list keeps none).
    pub fn named(list: &str) -> Keep {
        Keep {
            names: list
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect(),
            named: true,
        }
    }

    /// The default: [`DEFAULT_KEPT`] and every header of the columns file in use (see
    /// [`super::headers::set_columns`]) whose column the roster does not show already.
    pub fn default_columns() -> Keep {
        let map = columns();
        let shown = |canonical: &str| {
            matches!(canonical, "id" | "name" | "unit" | "grade")
                || canonical.starts_with("k:")
                || canonical.starts_with("target:")
        };
        let mut names = vec![DEFAULT_KEPT.to_string()];
        names.extend(
            map.headers
                .iter()
                .filter(|h| !shown(&canonical_header(h)))
                .cloned(),
        );
        Keep {
            names,
            named: false,
        }
    }

    /// The cells of the kept columns of every person of `cohort`, read from the tables it
    /// was built from (one row per person, in order). Warns about each named column that
    /// neither table holds, and takes back the warnings that a kept column is not used.
    pub fn cells(&self, cohort: &Cohort, mentors: &Table, mentees: &Table) -> KeptColumns {
        let mut kept = KeptColumns {
            columns: Vec::new(),
            mentees: vec![Vec::new(); cohort.mentees.len()],
            mentors: vec![Vec::new(); cohort.mentors.len()],
        };
        let mut seen: Vec<String> = Vec::new();
        let mut missing = Vec::new();
        let mut used = Vec::new();
        for name in &self.names {
            let canonical = canonical_header(name);
            let key = words(name).replace(' ', "_");
            if key.is_empty() || seen.contains(&canonical) {
                if key.is_empty() {
                    missing.push(name.clone());
                }
                continue;
            }
            seen.push(canonical.clone());
            let (in_mentees, in_mentors) = (mentees.column(&canonical), mentors.column(&canonical));
            if in_mentees.is_none() && in_mentors.is_none() {
                missing.push(name.clone());
                continue;
            }
            for (table, column, cells) in [
                (mentees, in_mentees, &mut kept.mentees),
                (mentors, in_mentors, &mut kept.mentors),
            ] {
                if let Some(c) = column {
                    used.push(table.column_location(c));
                }
                debug_assert_eq!(table.rows.len(), cells.len(), "one row per person");
                for (row, person) in table.rows.iter().zip(cells.iter_mut()) {
                    person.push(column.map(|c| row.cells[c].clone()).unwrap_or_default());
                }
            }
            kept.columns.push(KeptColumn {
                name: name.clone(),
                key,
            });
        }
        let unused = super::people::unused_columns(mentors, mentees, &cohort.competencies);
        let taken_back: Vec<Warning> = unused
            .into_iter()
            .filter(|w| used.contains(&w.location))
            .collect();
        withdraw(&taken_back);
        if self.named {
            warn(missing.into_iter().map(|name| Warning {
                location: mentees.header_location(),
                problem: format!(
                    "--keep-columns names {name:?}, a column of neither the mentees file nor \
                     the mentors file, so nothing is kept for it (name a header as the files \
                     write it)"
                ),
            }));
        }
        kept
    }
}

/// One kept column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptColumn {
    /// Its name as the planner wrote it (`Jabatan`), as the workbook and the letters head it.
    pub name: String,
    /// Its words joined with `_` (`jabatan`, `no_hp`): `roster.csv` names it
    /// `mentee_<key>` and `mentor_<key>`.
    pub key: String,
}

/// The kept columns and their cells, person by person (file order); a person whose file
/// lacks a column has an empty cell there.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KeptColumns {
    /// The columns, in the order asked for.
    pub columns: Vec<KeptColumn>,
    /// Per mentee, the cell of each column.
    pub mentees: Vec<Vec<String>>,
    /// Per mentor, the cell of each column.
    pub mentors: Vec<Vec<String>>,
}

impl KeptColumns {
    /// Mentee `i`'s cell of column `k` (empty when there is none).
    pub fn mentee(&self, i: usize, k: usize) -> &str {
        cell(&self.mentees, i, k)
    }

    /// Mentor `j`'s cell of column `k` (empty when there is none).
    pub fn mentor(&self, j: usize, k: usize) -> &str {
        cell(&self.mentors, j, k)
    }
}

fn cell(people: &[Vec<String>], person: usize, k: usize) -> &str {
    people
        .get(person)
        .and_then(|cells| cells.get(k))
        .map_or("", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn table(text: &str) -> Table {
        Table::parse(Path::new("people.csv"), text.as_bytes()).unwrap()
    }

    #[test]
    fn kept_cells_by_words_and_the_warning_for_a_column_of_neither_file() {
        let mentors = table("id,name,unit,grade,k:a,Email\nM1,Ani,X,IV/a,4,ani@x\n");
        let mentees = table("id,name,unit,grade,k:a,Nama Jabatan\nE1,Budi,X,III/a,2,Analis\n");
        let cohort = super::super::people::cohort_from_tables(&mentors, &mentees).unwrap();
        let kept = Keep::named("jabatan, EMAIL,Jabatan,Telepon").cells(&cohort, &mentors, &mentees);
        let names: Vec<(&str, &str)> = kept
            .columns
            .iter()
            .map(|c| (c.name.as_str(), c.key.as_str()))
            .collect();
        assert_eq!(names, [("jabatan", "jabatan"), ("EMAIL", "email")]);
        assert_eq!((kept.mentee(0, 0), kept.mentee(0, 1)), ("Analis", ""));
        assert_eq!((kept.mentor(0, 0), kept.mentor(0, 1)), ("", "ani@x"));
        assert_eq!(kept.mentor(5, 0), "");
        let warnings = super::super::warnings::take();
        assert!(
            warnings
                .iter()
                .any(|w| w.problem.contains("\"Telepon\", a column of neither")),
            "{warnings:?}"
        );
        assert!(
            !warnings.iter().any(|w| w.problem.contains("\"jabatan\"")
                || w.location
                    .column
                    .as_ref()
                    .is_some_and(|(_, h)| h.contains("Jabatan"))),
            "a kept column is used: {warnings:?}"
        );
        // the default keeps Jabatan when present, silently when absent
        let default = Keep::default_columns().cells(&cohort, &mentors, &mentees);
        assert_eq!(default.columns.len(), 1);
        assert!(Keep::none()
            .cells(&cohort, &mentors, &mentees)
            .columns
            .is_empty());
    }
}
