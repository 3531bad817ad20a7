//! The scenario-file and settings-file parsers on arbitrary text.
#![no_main]

use std::path::Path;

use bimbing::scenario::ScenarioFile;
use bimbing::settings::Settings;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ScenarioFile::parse(Path::new("plans/scenarios.toml"), text) {
        Ok(file) => {
            assert!(!file.scenarios.is_empty());
            for s in &file.scenarios {
                s.settings.validate().expect("parsed settings are valid");
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
    match Settings::from_toml(text) {
        Ok(s) => s.validate().expect("parsed settings are valid"),
        Err(e) => {
            let _ = e.len();
        }
    }
});
