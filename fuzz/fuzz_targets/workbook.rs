//! The workbook reader on arbitrary input, two ways. When the first byte is even, the rest
//! is read as the bytes of a file (a workbook, a broken one, or anything else). When it is
//! odd, the rest is a grid of cells (rows split at `\n`, cells at `\t`; a cell starting with
//! `#` is written as a number when it parses as one) written into an .xlsx with
//! rust_xlsxwriter, then read back: the header search, the cell conversion and the NIP
//! check see real workbooks with title rows, numbers and odd text. Every parsed row has as
//! many cells as the header, every error can be displayed, and a sheet that reads cleanly
//! is turned into a cohort (or an error) without a panic.
#![no_main]

use std::path::Path;

use bimbing::input::people::{cohort_from_tables, PEOPLE_COLUMNS};
use bimbing::input::table::{Table, Want};
use libfuzzer_sys::fuzz_target;

fn workbook_of(text: &str) -> Option<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in text.split('\n').take(60).enumerate() {
        for (c, cell) in line.split('\t').take(30).enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.strip_prefix('#').and_then(|n| n.parse::<f64>().ok()) {
                Some(v) if v.is_finite() => sheet.write_number(r, c, v).ok()?,
                _ => sheet.write_string(r, c, cell).ok()?,
            };
        }
    }
    book.save_to_buffer().ok()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        match workbook_of(&String::from_utf8_lossy(rest)) {
            Some(bytes) => bytes,
            None => return,
        }
    };
    let want = Want {
        required: &PEOPLE_COLUMNS,
        sheet: None,
    };
    let table = match Table::read(Path::new("staff.xlsx"), &bytes, &want) {
        Ok(t) => t,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    for row in &table.rows {
        assert_eq!(row.cells.len(), table.headers.len());
        assert!(row.numeric.iter().all(|&c| (c as usize) < row.cells.len()));
    }
    match cohort_from_tables(&table, &table) {
        Ok(cohort) => assert_eq!(cohort.mentees.len(), table.rows.len()),
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
