//! A sheet per unit, for its head: the rows of the Roster sheet of the unit's mentees and of
//! the mentees of other units whose mentor is of the unit ([`UnitGroup::rows`]). In a
//! comparison each unit's sheet holds those rows of every scenario that succeeded, a first
//! column naming the scenario.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::roster_rows::{roster_headers, roster_row};
use super::sheet_name;
use super::sheets::{Cell, Sheet, Styles};
use crate::model::Cohort;
use crate::report::labels::Lang;
use crate::report::origin::Extras;
use crate::report::unit_groups::UnitGroup;
use crate::roster::Roster;

/// One roster shown on the unit sheets: its scenario's name (`None` for the roster of a
/// match), the roster and its extras.
pub(super) type Shown<'a> = (Option<&'a str>, &'a Roster, &'a Extras<'a>);

/// Adds one sheet per unit of `groups` (named after the unit, cut to Excel's 31 characters,
/// unique among `taken`), with the rows of each roster of `shown`.
pub(super) fn unit_sheets(
    wb: &mut Workbook,
    styles: &Styles,
    cohort: &Cohort,
    groups: &[UnitGroup],
    shown: &[Shown],
    lang: Lang,
    taken: &mut Vec<String>,
) -> Result<(), XlsxError> {
    let Some((_, _, first)) = shown.first() else {
        return Ok(());
    };
    let with_scenario = shown.iter().any(|(name, _, _)| name.is_some());
    let mut headers = Vec::new();
    if with_scenario {
        headers.push(lang.letters().scenario.to_string());
    }
    headers.extend(roster_headers(lang, first));
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    for group in groups {
        let name = sheet_name(&group.label, taken);
        let mut sheet = Sheet::new(wb.add_worksheet(), &name, styles, &headers)?;
        for (scenario, roster, extras) in shown {
            for i in group.rows(roster) {
                let mut row = Vec::new();
                if with_scenario {
                    row.push(Cell::text(scenario.unwrap_or_default()));
                }
                row.extend(roster_row(cohort, roster, extras, i, lang));
                sheet.row(&row)?;
            }
        }
        sheet.finish()?;
    }
    Ok(())
}
