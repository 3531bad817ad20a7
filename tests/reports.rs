//! The workbook and the HTML report, built through the library on the fixtures and read
//! back with independent tools (calamine for the workbook).

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, DataType, Reader, Xlsx};

use bimbing::compare::Comparison;
use bimbing::input::{read_cohort, CohortFiles};
use bimbing::model::Cohort;
use bimbing::report::labels::Lang;
use bimbing::report::origin::Extras;
use bimbing::report::summary::Summary;
use bimbing::report::{html, xlsx};
use bimbing::roster::{match_cohort, Roster};
use bimbing::scenario::{run_scenarios, ScenarioFile, ScenarioOutcome};
use bimbing::settings::Settings;

use crate::util::{fixture, shipped};

/// The cohort of a fixture folder, matched with the default settings.
fn matched(dir: &std::path::Path) -> (Cohort, CohortFiles, Roster, Summary) {
    let (cohort, files) = read_cohort(&dir.join("mentors.csv"), &dir.join("mentees.csv")).unwrap();
    let settings = Settings::default();
    let roster = match_cohort(&cohort, &settings).unwrap();
    let summary = Summary::new(&cohort, &files, &settings, &roster, None);
    (cohort, files, roster, summary)
}

/// The small fixture's two scenarios, run.
fn compared() -> (Cohort, CohortFiles, Vec<ScenarioOutcome>, Comparison) {
    let file = ScenarioFile::from_path(&fixture("small/scenarios.toml")).unwrap();
    let (cohort, files) = read_cohort(&file.mentors, &file.mentees).unwrap();
    let outcomes = run_scenarios(&cohort, &file.scenarios, &|_| {});
    let comparison = Comparison::new(&outcomes, &cohort, false);
    (cohort, files, outcomes, comparison)
}

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("calamine reads the workbook")
}

fn header(range: &calamine::Range<Data>) -> Vec<String> {
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

#[test]
fn roster_workbook_reads_back() {
    let (cohort, _, roster, summary) = matched(&fixture("small"));
    let mut wb = open(
        xlsx::roster_workbook(&cohort, &roster, &summary, &Extras::default(), Lang::En).unwrap(),
    );
    assert_eq!(
        wb.sheet_names(),
        [
            "Roster",
            "Mentors",
            "Units",
            "Summary",
            "Bappeda",
            "Dinas Sosial"
        ]
    );

    let sheet = wb.worksheet_range("Roster").unwrap();
    // words a planner reads, not the CSV's column names
    assert_eq!(
        header(&sheet),
        [
            "Mentee ID",
            "Mentee name",
            "Mentee unit",
            "Mentor ID",
            "Mentor name",
            "Mentor unit",
            "Score",
            "Complementarity",
            "Same unit",
            "Workload term",
            "Mentee grade",
            "Mentor grade",
            "Reason unmatched",
            "Pair origin",
        ]
    );
    assert_eq!(sheet.height(), 1 + cohort.mentees.len());
    // E3's name looks like a formula: it comes back as the same plain text
    let name = &cohort.mentees[2].name;
    assert!(name.starts_with('='));
    assert_eq!(sheet.get((3, 1)), Some(&Data::String(name.clone())));
    let formulas = wb.worksheet_formula("Roster").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula anywhere"
    );
    // scores are numbers
    let first_score = (1..=cohort.mentees.len())
        .find_map(|r| match sheet.get((r, 6)) {
            Some(Data::Float(v)) => Some(*v),
            _ => None,
        })
        .expect("a matched mentee has a numeric score");
    assert!((0.0..=1.0).contains(&first_score));

    let mentors = wb.worksheet_range("Mentors").unwrap();
    assert_eq!(
        header(&mentors),
        [
            "Mentor ID",
            "Mentor name",
            "Unit",
            "Capacity",
            "Mentees assigned",
            "Grade",
            "Workload",
            "Mean score",
        ]
    );
    assert_eq!(mentors.height(), 1 + cohort.mentors.len());

    let units = wb.worksheet_range("Units").unwrap();
    assert_eq!(
        header(&units)[..4],
        ["Unit", "Mentees", "Matched", "Unmatched"]
    );
    // Dinas Sosial and Bappeda
    assert_eq!(units.height(), 1 + 2);
    let mentees: f64 = (1..units.height())
        .map(|r| units.get((r, 1)).and_then(|d| d.as_f64()).unwrap())
        .sum();
    assert_eq!(mentees, cohort.mentees.len() as f64);

    let s = wb.worksheet_range("Summary").unwrap();
    assert_eq!(header(&s), ["Field", "Value"]);
    let matched_row = (0..s.height())
        .find(|&r| s.get((r, 0)) == Some(&Data::String("matched".into())))
        .unwrap();
    assert_eq!(
        s.get((matched_row, 1)),
        Some(&Data::Float(roster.matched() as f64))
    );
}

#[test]
fn roster_workbook_in_indonesian() {
    let (cohort, _, roster, summary) = matched(&fixture("small"));
    let mut wb = open(
        xlsx::roster_workbook(&cohort, &roster, &summary, &Extras::default(), Lang::Id).unwrap(),
    );
    assert_eq!(
        wb.sheet_names(),
        [
            "Daftar Pasangan",
            "Mentor",
            "Unit Kerja",
            "Ringkasan",
            "Bappeda",
            "Dinas Sosial"
        ]
    );
    let sheet = wb.worksheet_range("Daftar Pasangan").unwrap();
    assert_eq!(
        header(&sheet),
        [
            "NIP Mentee",
            "Nama Mentee",
            "Unit Kerja Mentee",
            "NIP Mentor",
            "Nama Mentor",
            "Unit Kerja Mentor",
            "Skor",
            "Komplementaritas",
            "Unit Sama",
            "Nilai Beban Kerja",
            "Golongan Mentee",
            "Golongan Mentor",
            "Alasan Tidak Terpasangkan",
            "Asal Pasangan",
        ]
    );
    // E4 has no eligible mentor: the reason in words, in Bahasa Indonesia
    assert_eq!(
        sheet.get((4, 12)),
        Some(&Data::String(
            "tidak ada mentor yang memenuhi syarat".into()
        ))
    );
    let mentors = wb.worksheet_range("Mentor").unwrap();
    assert_eq!(
        header(&mentors)[..3],
        ["NIP Mentor", "Nama Mentor", "Unit Kerja"]
    );
    let units = wb.worksheet_range("Unit Kerja").unwrap();
    assert_eq!(
        header(&units)[..3],
        ["Unit Kerja", "Mentee", "Terpasangkan"]
    );
    let s = wb.worksheet_range("Ringkasan").unwrap();
    assert_eq!(header(&s), ["Keterangan", "Nilai"]);
}

#[test]
fn workbook_bytes_depend_only_on_contents() {
    let (cohort, _, roster, summary) = matched(&shipped("example"));
    let a =
        xlsx::roster_workbook(&cohort, &roster, &summary, &Extras::default(), Lang::En).unwrap();
    let b =
        xlsx::roster_workbook(&cohort, &roster, &summary, &Extras::default(), Lang::En).unwrap();
    assert_eq!(a, b);
}

#[test]
fn comparison_workbook_reads_back() {
    let (cohort, files, outcomes, comparison) = compared();
    let bytes = xlsx::comparison_workbook(&cohort, &files, &outcomes, &comparison, None, Lang::En);
    let mut wb = open(bytes.unwrap());
    assert_eq!(
        wb.sheet_names(),
        [
            "Comparison",
            "Summary",
            "Roster baseline",
            "Mentors baseline",
            "Units baseline",
            "Roster lintas",
            "Mentors lintas",
            "Units lintas",
            "Bappeda",
            "Dinas Sosial",
        ]
    );
    let c = wb.worksheet_range("Comparison").unwrap();
    assert_eq!(
        header(&c)[..4],
        ["Scenario", "Matched", "Coverage %", "Total score"]
    );
    assert_eq!(c.height(), 1 + 2);
    assert_eq!(c.get((2, 0)), Some(&Data::String("lintas".into())));
    let s = wb.worksheet_range("Summary").unwrap();
    assert_eq!(header(&s), ["Field", "baseline", "lintas"]);
    let r = wb.worksheet_range("Roster lintas").unwrap();
    assert_eq!(r.height(), 1 + cohort.mentees.len());
    assert_eq!(
        r.get((3, 1)),
        Some(&Data::String(cohort.mentees[2].name.clone()))
    );
}

/// Every `http://` or `https://` in a text, case-insensitively.
fn web_references(text: &str) -> usize {
    let lower = text.to_lowercase();
    lower.matches("http://").count() + lower.matches("https://").count()
}

#[test]
fn roster_html_is_self_contained() {
    let (cohort, _, roster, summary) = matched(&fixture("small"));
    let page = String::from_utf8(html::roster_html(&cohort, &roster, &summary, Lang::En).unwrap())
        .unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(web_references(&page), 0, "no network reference");
    assert!(!page.contains("<script"), "no script");
    assert!(!page.contains("<link"), "no external stylesheet");
    assert_eq!(
        page.matches("<svg").count(),
        html::CHARTS,
        "one SVG per chart"
    );
    assert_eq!(page.matches("<figure>").count(), html::CHARTS);
    // the formula-looking name is not in this report, but units and text are escaped:
    assert!(page.contains("Dinas Sosial"));
    assert!(page.contains("@media print"));
}

#[test]
fn roster_html_escapes_names() {
    let (mut cohort, files, _, _) = matched(&shipped("example"));
    cohort.mentees[0].unit = "<script>alert(1)</script> & Co".into();
    let settings = Settings::default();
    let roster = match_cohort(&cohort, &settings).unwrap();
    let summary = Summary::new(&cohort, &files, &settings, &roster, None);
    let page = String::from_utf8(html::roster_html(&cohort, &roster, &summary, Lang::En).unwrap())
        .unwrap();
    assert!(!page.contains("<script>"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
}

#[test]
fn comparison_html_is_self_contained() {
    let (cohort, files, outcomes, comparison) = compared();
    let page = html::comparison_html(&cohort, &files, &outcomes, &comparison, Lang::En).unwrap();
    let page = String::from_utf8(page).unwrap();
    assert_eq!(web_references(&page), 0, "no network reference");
    assert_eq!(
        page.matches("<svg").count(),
        html::CHARTS,
        "one SVG per chart"
    );
    assert!(page.contains("lintas"));
    assert!(
        page.contains("<th class=\"num\">Coverage %</th>")
            && page.contains("<th class=\"num\">Total score</th>"),
        "the comparison table's headers"
    );
}

#[test]
fn comparison_html_in_indonesian() {
    let (cohort, files, outcomes, comparison) = compared();
    let page = html::comparison_html(&cohort, &files, &outcomes, &comparison, Lang::Id).unwrap();
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains("<html lang=\"id\">"));
    assert!(page.contains("Perbandingan"));
    assert!(page.contains("<th class=\"num\">Cakupan %</th>"));
    assert!(page.contains("<th class=\"num\">Total skor</th>"));
    assert!(page.contains("Sebaran skor"));
    assert!(!page.contains("Score distribution"));
}

#[test]
fn comparison_exports_in_both_languages() {
    use bimbing::report::comparison::{ComparisonFormat, Csv, Markdown, Table};
    let (_, _, _, comparison) = compared();
    let en = String::from_utf8(Csv.render(&comparison)).unwrap();
    assert_eq!(Csv.render_in(&comparison, Lang::En), en.as_bytes());
    assert!(en.starts_with("scenario,matched,coverage_pct,total_score,"));
    // the CSV is for programs: the same in every language
    assert_eq!(Csv.render_in(&comparison, Lang::Id), en.as_bytes());
    let md = String::from_utf8(Markdown.render_in(&comparison, Lang::Id)).unwrap();
    assert!(md.contains("| skenario | terpasang | cakupan % |"));
    assert!(md.contains("Pembanding untuk `berubah`: `baseline`."));
    let table = String::from_utf8(Table.render_in(&comparison, Lang::Id)).unwrap();
    assert!(table.starts_with("skenario"));
}

/// The texts of every `<th>` of an HTML page.
fn table_headers(page: &str) -> Vec<String> {
    page.split("<th")
        .skip(1)
        .filter_map(|rest| {
            let text = rest.split_once('>')?.1;
            Some(text.split_once("</th>")?.0.to_string())
        })
        .collect()
}

/// Every table header of both reports is words a planner reads, in either language: no
/// CSV column name (`mentee_id`, `coverage_pct`) among them.
#[test]
fn html_headers_are_words_in_both_languages() {
    let (cohort, _, roster, summary) = matched(&fixture("small"));
    let (c_cohort, files, outcomes, comparison) = compared();
    for (lang, units, coverage) in [
        (Lang::En, "<th>Unit</th>", "Coverage %"),
        (Lang::Id, "<th>Unit Kerja</th>", "Cakupan %"),
    ] {
        let one = html::roster_html(&cohort, &roster, &summary, lang).unwrap();
        let one = String::from_utf8(one).unwrap();
        let many = html::comparison_html(&c_cohort, &files, &outcomes, &comparison, lang);
        let many = String::from_utf8(many.unwrap()).unwrap();
        assert!(one.contains(units), "{lang}");
        assert!(many.contains(coverage), "{lang}");
        for page in [&one, &many] {
            let headers = table_headers(page);
            assert!(headers.len() > 10, "{lang}: {headers:?}");
            for h in headers {
                assert!(!h.contains('_'), "{lang}: {h}");
            }
        }
    }
}
