//! `--letters DIR`: a page per mentor with mentees and per unit, counted against the
//! roster; the gaps each letter shows are the scoring model's; printable, self-contained
//! pages in either language, byte-identical on a rerun, under file names safe for any unit
//! or id; and `--force` never replaces a file of the user's in the folder.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use bimbing::input::read_cohort;
use bimbing::report::labels::Lang;
use bimbing::report::letters::{is_letter_name, letters};
use bimbing::report::origin::Extras;
use bimbing::roster::match_cohort;
use bimbing::score::Scorer;
use bimbing::settings::Settings;

use crate::util::{bimbing, fixture, read_csv, shipped, write};

/// `bimbing match` on `dir`'s two files into `out`, with `extra` flags.
fn run(dir: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    bimbing()
        .arg("match")
        .arg("--mentors")
        .arg(dir.join("mentors.csv"))
        .arg("--mentees")
        .arg(dir.join("mentees.csv"))
        .arg("--out")
        .arg(out)
        .args(["--reproducible", "--no-advice", "--quiet"])
        .args(extra)
        .output()
        .unwrap()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file of a folder (not below it), by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The units of a roster folder as the pages count them: those of the mentees
/// (roster.csv) and of the mentors (mentor_load.csv), trimmed and case-folded.
fn units_of(out: &Path) -> BTreeSet<String> {
    let (h, rows) = read_csv(&out.join("roster.csv"));
    let unit = h.iter().position(|c| c == "mentee_unit").unwrap();
    let mut units: BTreeSet<String> = rows.iter().map(|r| r[unit].trim().to_lowercase()).collect();
    let (h, rows) = read_csv(&out.join("mentor_load.csv"));
    let unit = h.iter().position(|c| c == "unit").unwrap();
    units.extend(rows.iter().map(|r| r[unit].trim().to_lowercase()));
    units
}

/// Checks a folder of letters against its roster folder: one letter per mentor with
/// mentees, listing as many mentees as the mentor has, one list per unit; every page
/// self-contained and printable on A4.
fn check_pages(out: &Path, letters_dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let pages = files(letters_dir);
    let (h, rows) = read_csv(&out.join("mentor_load.csv"));
    let assigned = h.iter().position(|c| c == "assigned").unwrap();
    let with_mentees = rows.iter().filter(|r| r[assigned] != "0").count();
    let mentor_pages: Vec<&String> = pages.keys().filter(|n| n.starts_with("mentor-")).collect();
    assert_eq!(
        mentor_pages.len(),
        with_mentees,
        "a letter per mentor with mentees"
    );
    let unit_pages = pages.keys().filter(|n| n.starts_with("unit-")).count();
    assert_eq!(unit_pages, units_of(out).len(), "a list per unit");
    assert!(pages.contains_key("index.html"));
    let sections: usize = mentor_pages
        .iter()
        .map(|n| {
            text(&pages[*n])
                .matches("<section class=\"mentee\">")
                .count()
        })
        .sum();
    let (_, roster) = read_csv(&out.join("roster.csv"));
    let matched = roster.iter().filter(|r| !r[3].is_empty()).count();
    assert_eq!(
        sections, matched,
        "every matched mentee in their mentor's letter"
    );
    for (name, bytes) in &pages {
        if !is_letter_name(name) {
            continue;
        }
        let page = text(bytes);
        let lower = page.to_lowercase();
        assert!(page.starts_with("<!DOCTYPE html>"), "{name}");
        assert!(page.contains("@page { size: A4;"), "{name}: A4");
        assert!(page.contains("@media print"), "{name}: print styles");
        assert!(!lower.contains("<script"), "{name}: no script");
        assert!(
            !lower.contains("http://") && !lower.contains("https://"),
            "{name}"
        );
        assert!(
            !lower.contains("<link") && !lower.contains(" src="),
            "{name}: nothing to fetch"
        );
        assert!(!lower.contains("url("), "{name}: no stylesheet fetch");
    }
    pages
}

#[test]
fn letters_for_data_medan_a_page_per_mentor_with_mentees_and_per_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = shipped("medan");
    let (out, letters_dir) = (tmp.path().join("out"), tmp.path().join("letters"));
    let o = run(&dir, &out, &["--letters", letters_dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pages = check_pages(&out, &letters_dir);
    // the same input gives the same bytes
    let again = tmp.path().join("again");
    let o = run(
        &dir,
        &tmp.path().join("out2"),
        &["--letters", again.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(files(&again), pages, "byte-identical pages");
}

#[test]
fn the_gaps_a_letter_shows_are_the_scoring_models() {
    let dir = shipped("example");
    let (cohort, _) = read_cohort(&dir.join("mentors.csv"), &dir.join("mentees.csv")).unwrap();
    let settings = Settings::default();
    let roster = match_cohort(&cohort, &settings).unwrap();
    let extras = Extras::new(&cohort, &settings, &roster, None).unwrap();
    let out = letters(&cohort, &roster, &settings, &extras, None, Lang::En);
    let scorer = Scorer::new(&cohort, &settings);
    let by_name: BTreeMap<&str, &Vec<u8>> =
        out.files.iter().map(|(n, b)| (n.as_str(), b)).collect();
    let mut checked = 0;
    for (j, mentor) in cohort.mentors.iter().enumerate() {
        let mentees: Vec<usize> = (0..cohort.mentees.len())
            .filter(|&i| roster.pairs[i].is_some_and(|p| p.mentor == j))
            .collect();
        let name = format!("mentor-{}.html", mentor.id.to_lowercase());
        if mentees.is_empty() {
            assert!(
                !by_name.contains_key(name.as_str()),
                "no letter without mentees"
            );
            continue;
        }
        let page = text(by_name[name.as_str()]);
        let sections: Vec<&str> = page.split("<section class=\"mentee\">").skip(1).collect();
        assert_eq!(sections.len(), mentees.len(), "{name}");
        for (section, &i) in sections.iter().zip(&mentees) {
            assert!(
                section.contains(&cohort.mentees[i].name),
                "{name}: in file order"
            );
            let section = section.split("</section>").next().unwrap();
            let shown: Vec<(f64, f64)> = section
                .split("<tr>")
                .filter(|row| row.matches("<td class=\"num\">").count() == 6)
                .map(|row| {
                    let nums: Vec<f64> = row
                        .split("<td class=\"num\">")
                        .skip(1)
                        .map(|c| c.split('<').next().unwrap().parse().unwrap_or(f64::NAN))
                        .collect();
                    (nums[3], nums[4])
                })
                .collect();
            let want: Vec<(f64, f64)> = scorer
                .covers(i, j)
                .iter()
                .filter(|c| c.gap > 0.0)
                .map(|c| (c.gap, c.cover))
                .collect();
            assert_eq!(
                shown.len(),
                want.len(),
                "{name}: one row per gap\n{section}"
            );
            for ((g, c), (wg, wc)) in shown.iter().zip(&want) {
                assert!((g - wg).abs() < 0.006 && (c - wc).abs() < 0.006, "{name}");
            }
            checked += want.len();
        }
    }
    assert!(checked > 0, "some gaps were compared");
}

#[test]
fn letters_in_bahasa_indonesia() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, dir) = (tmp.path().join("out"), tmp.path().join("surat"));
    let o = run(
        &shipped("example"),
        &out,
        &["--letters", dir.to_str().unwrap(), "--lang", "id"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let pages = check_pages(&out, &dir);
    let mentor = pages
        .iter()
        .find(|(n, _)| n.starts_with("mentor-"))
        .unwrap();
    let page = text(mentor.1);
    for words in [
        "<html lang=\"id\">",
        "Surat Penugasan Mentor",
        "Dengan hormat,",
        "Kesenjangan",
        "Ketentuan program",
        "Golongan mentor sekurang-kurangnya",
        "Tempat dan tanggal",
    ] {
        assert!(page.contains(words), "{words}");
    }
    for english in ["Dear colleague", "Rules of the programme", "Gap</th>"] {
        assert!(!page.contains(english), "{english}");
    }
    let unit = pages.iter().find(|(n, _)| n.starts_with("unit-")).unwrap();
    let page = text(unit.1);
    assert!(page.contains("Daftar Pasangan Mentoring Unit Kerja"));
    assert!(page.contains("Yth. Pimpinan"));
    let index = text(&pages["index.html"]);
    assert!(index.contains("Surat penugasan mentor"));
}

#[test]
fn hostile_units_and_ids_give_safe_file_names_inside_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, dir) = (tmp.path().join("out"), tmp.path().join("letters"));
    let o = run(
        &fixture("letters"),
        &out,
        &["--letters", dir.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let pages = check_pages(&out, &dir);
    // nothing outside the two folders, nothing below the letters' folder
    let top: BTreeSet<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        top,
        BTreeSet::from(["letters".to_string(), "out".to_string()])
    );
    assert!(std::fs::read_dir(&dir)
        .unwrap()
        .all(|e| e.unwrap().path().is_file()));
    for name in pages
        .keys()
        .filter(|n| n.as_str() != ".bimbing-manifest.json")
    {
        assert!(is_letter_name(name), "{name}");
        assert!(name.len() <= 80 && name.is_ascii(), "{name}");
        assert!(
            !name.contains("..") && !name.to_lowercase().starts_with("con"),
            "{name}"
        );
    }
    assert!(pages.contains_key("unit-3-con.html"), "{:?}", pages.keys());
    assert!(pages.contains_key("unit-2-etc.html"));
    assert!(pages.contains_key("mentor-m_4.html"), "M/4");
    // the unit names are in the pages as written, escaped
    let page = text(&pages["unit-6-unit-with-slashes.html"]);
    assert!(page.contains("Unit/With\\Slashes"));
    let unit_pages: Vec<&String> = pages.keys().filter(|n| n.starts_with("unit-")).collect();
    assert!(unit_pages
        .iter()
        .all(|n| !text(&pages[*n]).contains('\u{1b}')));
}

#[test]
fn force_never_replaces_a_users_file_in_the_letters_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, dir) = (tmp.path().join("out"), tmp.path().join("letters"));
    let data = fixture("letters");
    let letters_flag = ["--letters", dir.to_str().unwrap()];
    assert!(run(&data, &out, &letters_flag).status.success());
    // earlier letters are not replaced without --force
    let o = run(&data, &tmp.path().join("other"), &letters_flag);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("exists already"), "{}", stderr(&o));
    // a file of another name is the user's and stays
    let notes = write(&dir, "notes.txt", "mine");
    let forced = ["--letters", dir.to_str().unwrap(), "--force"];
    let o = run(&data, &out, &forced);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "mine");
    // a page of the user's under a name bimbing gives pages is refused, even with --force
    let mine = write(&dir, "mentor-zz.html", "my own letter");
    let o = run(&data, &out, &forced);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("mentor-zz.html: exists, and bimbing did not write it"));
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "my own letter");
    std::fs::remove_file(&mine).unwrap();
    // and so is a page the planner edited since
    let edited: PathBuf = dir.join("index.html");
    let mut page = std::fs::read_to_string(&edited).unwrap();
    page.push_str("<!-- signed -->");
    std::fs::write(&edited, &page).unwrap();
    let o = run(&data, &out, &forced);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("index.html: exists, and bimbing did not write it"));
    assert_eq!(std::fs::read_to_string(&edited).unwrap(), page);
    std::fs::remove_file(&edited).unwrap();
    // a rerun where a mentor takes no mentee (capacity 0) removes that mentor's old letter
    assert!(dir.join("mentor-m3.html").is_file());
    let changed = tmp.path().join("changed");
    std::fs::create_dir(&changed).unwrap();
    std::fs::copy(data.join("mentees.csv"), changed.join("mentees.csv")).unwrap();
    let mentors = std::fs::read_to_string(data.join("mentors.csv")).unwrap();
    let mentors = mentors.replace("M3,Mentor Tiga,CON,IV/c,1,", "M3,Mentor Tiga,CON,IV/c,0,");
    write(&changed, "mentors.csv", &mentors);
    let o = run(&changed, &out, &forced);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = check_pages(&out, &dir);
    assert!(!after.contains_key("mentor-m3.html"), "{:?}", after.keys());
    assert!(after.contains_key("notes.txt"));
    // an export may not take the place of a page
    let o = run(
        &data,
        &out,
        &[
            "--letters",
            dir.to_str().unwrap(),
            "--force",
            "--html",
            dir.join("index.html").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("a page of the letters"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn compare_writes_the_letters_of_each_scenario() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, dir) = (tmp.path().join("out"), tmp.path().join("letters"));
    let o = bimbing()
        .arg("compare")
        .arg(fixture("letters/scenarios.toml"))
        .arg("--out")
        .arg(&out)
        .arg("--letters")
        .arg(&dir)
        .args(["--reproducible", "--quiet"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let index = text(&std::fs::read(dir.join("index.html")).unwrap());
    for scenario in ["baseline", "lintas"] {
        check_pages(&out.join(scenario), &dir.join(scenario));
        assert!(index.contains(&format!("href=\"{scenario}/index.html\"")));
        let page = text(&std::fs::read(dir.join(scenario).join("index.html")).unwrap());
        assert!(page.contains(&format!("Scenario: {scenario}")));
    }
}
