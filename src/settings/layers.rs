//! Settings from layers of TOML: the defaults, a settings file or a scenario file's
//! `[defaults]`, a `[[scenario]]` entry, the command-line flags. Each layer is a TOML table,
//! checked on its own (so that an error names its line in its own text); the layers are
//! merged as tables, later ones winning, and the result is deserialized once into
//! [`Settings`].
//!
//! Keys are flat, as planners write them (`capacity = 2`, `solver = "lp"`,
//! `weights = { unit = -0.2 }`); each belongs to the section whose field has its name
//! ([`ScoringSettings`], [`EligibilitySettings`], [`RuleSettings`], [`SolverSettings`]).
//! A section may also be written as a table of its own (`[rules]` then `capacity = 2`).
//! The list of keys is the sections' fields themselves, read from their `Deserialize`
//! implementations, so a new setting is one new field.

use std::borrow::Cow;
use std::cell::Cell;

use serde::de::{DeserializeOwned, Visitor};
use serde::Deserialize;
use toml::de::{DeTable, DeValue};
use toml::{Spanned, Table, Value};

use super::{
    describe_span, describe_toml_error, EligibilitySettings, RuleSettings, ScoringSettings,
    Settings, SolverSettings,
};

/// The four sections, nested: what the merged layers are deserialized into.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct Sections {
    scoring: ScoringSettings,
    eligibility: EligibilitySettings,
    rules: RuleSettings,
    solver: SolverSettings,
}

/// The sections' names, in the order of [`Sections`].
const SECTIONS: [&str; 4] = ["scoring", "eligibility", "rules", "solver"];

/// Keys whose tables merge key by key across layers (a struct of named values, such as the
/// weights); every other value, share tables by unit included, is replaced whole by a later
/// layer (a scenario's share table is its whole rule).
const MERGED_KEY_BY_KEY: [&str; 1] = ["weights"];

/// One layer of settings: a nested TOML table holding only the keys its source sets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layer(Table);

impl Layer {
    /// The settings a whole TOML text sets (a settings file). Unknown keys and values of the
    /// wrong type or form are errors that give their line and column.
    pub fn parse(text: &str) -> Result<Layer, String> {
        let root = DeTable::parse(text).map_err(|e| describe_toml_error(text, &e))?;
        Layer::from_table(text, root)
    }

    /// The settings one table of `text` sets (a scenario file's `[defaults]` or one
    /// `[[scenario]]` entry, with its `name` and `description` taken out).
    pub fn from_table(text: &str, table: Spanned<DeTable<'_>>) -> Result<Layer, String> {
        let span = table.span();
        let mut sections: [DeTable<'_>; 4] = Default::default();
        let mut unknown: Option<Spanned<Cow<'_, str>>> = None;
        for (key, value) in table.into_inner() {
            let name = key.get_ref().as_ref();
            if let (Some(i), DeValue::Table(_)) =
                (SECTIONS.iter().position(|s| *s == name), value.get_ref())
            {
                let span = value.span();
                let DeValue::Table(inner) = value.into_inner() else {
                    unreachable!("matched a table")
                };
                if inner.is_empty() {
                    return Err(format!(
                        "{}: `{name}` holds no setting (write its keys in it{})",
                        describe_span(text, span),
                        if name == "solver" {
                            ", or `solver = \"network\"` or `\"lp\"` for the method"
                        } else {
                            ""
                        }
                    ));
                }
                for (k, v) in inner {
                    insert_once(text, &mut sections[i], k, v)?;
                }
                continue;
            }
            match section_of(name) {
                Some(i) => insert_once(text, &mut sections[i], key, value)?,
                // The first unknown key in the text is reported (keys come sorted).
                None if unknown
                    .as_ref()
                    .is_some_and(|u| u.span().start < key.span().start) => {}
                None => unknown = Some(key),
            }
        }
        if let Some(key) = unknown {
            return Err(unknown_key(text, &key));
        }
        let mut nested = Table::new();
        for (i, section) in sections.into_iter().enumerate() {
            if section.is_empty() {
                continue;
            }
            let de = || toml::de::Deserializer::from(Spanned::new(span.clone(), section.clone()));
            // Checked here, against this layer's own text, so that the error names its line.
            let checked = match i {
                0 => ScoringSettings::deserialize(de()).map(drop),
                1 => EligibilitySettings::deserialize(de()).map(drop),
                2 => RuleSettings::deserialize(de()).map(drop),
                _ => SolverSettings::deserialize(de()).map(drop),
            };
            checked.map_err(|e| describe_toml_error(text, &e))?;
            let table = Table::deserialize(de()).map_err(|e| describe_toml_error(text, &e))?;
            nested.insert(SECTIONS[i].to_string(), Value::Table(table));
        }
        Ok(Layer(nested))
    }

    /// Every value of `settings` but the paths of its rule files, as a layer (paths need
    /// not be UTF-8, TOML text is; [`Settings::with`] keeps them). An error when a value
    /// has no TOML form (an integer above 9223372036854775807).
    pub fn of(settings: &Settings) -> Result<Layer, String> {
        let mut settings = settings.clone();
        settings.rules.pairs = None;
        settings.rules.previous = None;
        settings.rules.avoid_previous.clear();
        let flat = Table::try_from(&settings).map_err(|e| format!("a setting: {e}"))?;
        let mut layer = Layer::default();
        for (key, value) in flat {
            layer.insert(&key, value);
        }
        Ok(layer)
    }

    /// Sets one value: `key` is a flat key (`capacity`) or a weight (`weights.unit`).
    ///
    /// An error when the value has no TOML form (an integer above 9223372036854775807,
    /// given as a flag).
    ///
    /// # Panics
    /// When `key` is no setting: a mistake in the calling code, never in the input.
    pub fn set(&mut self, key: &str, value: impl serde::Serialize) -> Result<(), String> {
        let value = Value::try_from(value).map_err(|e| format!("{key}: {e}"))?;
        match key.split_once('.') {
            Some((outer, inner)) => {
                let mut table = Table::new();
                table.insert(inner.to_string(), value);
                self.insert(outer, Value::Table(table));
            }
            None => self.insert(key, value),
        }
        Ok(())
    }

    fn insert(&mut self, key: &str, value: Value) {
        let section = section_of(key).unwrap_or_else(|| panic!("{key:?} is not a setting"));
        let mut from = Table::new();
        let mut inner = Table::new();
        inner.insert(key.to_string(), value);
        from.insert(SECTIONS[section].to_string(), Value::Table(inner));
        merge(&mut self.0, from, 0);
    }

    /// Whether this layer sets `key` (a flat key).
    pub fn sets(&self, key: &str) -> bool {
        section_of(key).is_some_and(
            |i| matches!(self.0.get(SECTIONS[i]), Some(Value::Table(t)) if t.contains_key(key)),
        )
    }
}

impl Settings {
    /// The defaults with each layer's values over the ones before it, deserialized once and
    /// validated.
    pub fn from_layers(layers: &[Layer]) -> Result<Settings, String> {
        let mut merged = Table::new();
        for layer in layers {
            merge(&mut merged, layer.0.clone(), 0);
        }
        let sections: Sections = Value::Table(merged)
            .try_into()
            .map_err(|e: toml::de::Error| e.message().trim().to_string())?;
        let settings = Settings {
            scoring: sections.scoring,
            eligibility: sections.eligibility,
            rules: sections.rules,
            solver: sections.solver,
            files: Default::default(),
        };
        settings.validate()?;
        Ok(settings)
    }
}

/// Puts `from` over `into`: the sections (depth 0) and the tables of
/// [`MERGED_KEY_BY_KEY`] (depth 1) merge key by key, every other value is replaced.
fn merge(into: &mut Table, from: Table, depth: usize) {
    for (key, value) in from {
        let key_by_key = depth == 0 || (depth == 1 && MERGED_KEY_BY_KEY.contains(&key.as_str()));
        match (into.get_mut(&key), value) {
            (Some(Value::Table(old)), Value::Table(new)) if key_by_key => {
                merge(old, new, depth + 1)
            }
            (_, value) => {
                into.insert(key, value);
            }
        }
    }
}

/// Puts a key into its section, refusing one that is there already (a key written both
/// flat and in its section's table, `capacity = 3` and `[rules] capacity = 2`): the error
/// names both places.
fn insert_once<'t>(
    text: &str,
    section: &mut DeTable<'t>,
    key: Spanned<Cow<'t, str>>,
    value: Spanned<DeValue<'t>>,
) -> Result<(), String> {
    if let Some((first, _)) = section.get_key_value(&key) {
        let (a, b) = if first.span().start < key.span().start {
            (first.span(), key.span())
        } else {
            (key.span(), first.span())
        };
        return Err(format!(
            "{}: `{}` is set twice (first at {})",
            describe_span(text, b),
            key.get_ref(),
            describe_span(text, a)
        ));
    }
    section.insert(key, value);
    Ok(())
}

/// Whether `key` is the flat key of a setting (as summary.json writes them).
pub fn is_setting(key: &str) -> bool {
    section_of(key).is_some()
}

/// The keys of each section, in the order of [`SECTIONS`]: the fields their derived
/// `Deserialize` asks for, read once.
fn section_keys() -> &'static [&'static [&'static str]; 4] {
    static KEYS: std::sync::OnceLock<[&'static [&'static str]; 4]> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        [
            fields::<ScoringSettings>(),
            fields::<EligibilitySettings>(),
            fields::<RuleSettings>(),
            fields::<SolverSettings>(),
        ]
    })
}

/// The section a flat key belongs to.
fn section_of(key: &str) -> Option<usize> {
    section_keys().iter().position(|f| f.contains(&key))
}

/// "line L, column C: unknown setting `k`", with the keys a layer may hold.
fn unknown_key(text: &str, key: &Spanned<Cow<'_, str>>) -> String {
    let at = describe_span(text, key.span());
    let name = key.get_ref();
    if matches!(name.as_ref(), "name" | "description") {
        return format!("{at}: `{name}` belongs to a [[scenario]] of a scenario file");
    }
    format!(
        "{at}: unknown setting `{name}`, expected one of {}",
        section_keys()
            .iter()
            .flat_map(|keys| keys.iter())
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// The field names a struct's derived `Deserialize` asks for (renames applied).
fn fields<T: DeserializeOwned>() -> &'static [&'static str] {
    let seen = Cell::new(&[][..]);
    let _ = T::deserialize(FieldNames(&seen));
    seen.get()
}

/// A deserializer that only records the field names a struct asks for, then stops.
struct FieldNames<'a>(&'a Cell<&'static [&'static str]>);

/// The error that stops [`FieldNames`].
#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field names recorded")
    }
}

impl std::error::Error for Stop {}

impl serde::de::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Stop
    }
}

impl<'de> serde::Deserializer<'de> for FieldNames<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        self.0.set(fields);
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn every_field_of_every_section_is_a_key_of_one_section() {
        let all: Vec<&str> = section_keys()
            .iter()
            .flat_map(|k| k.iter())
            .copied()
            .collect();
        assert!(all.contains(&"weights") && all.contains(&"solver") && all.contains(&"pairs"));
        assert!(!all.contains(&"method"), "the method's key is `solver`");
        let mut unique = all.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), all.len(), "a key in two sections: {all:?}");
        // Every key summary.json writes is a key a layer accepts, and nothing else is written.
        let flat = Table::try_from(Settings::default()).unwrap();
        for key in flat.keys() {
            assert!(all.contains(&key.as_str()), "{key}");
        }
    }

    #[test]
    fn later_layers_win_weights_merge_and_share_tables_replace() {
        let file = Layer::parse(
            "capacity = 2\nweights = { unit = -0.1 }\nmax_cross_unit_share = { A = 0.2, B = 0.4 }\n",
        )
        .unwrap();
        let entry = Layer::parse(
            "weights = { workload = 0.3 }\nmax_cross_unit_share = { C = 0.5 }\n[solver]\ncandidates = 7\n",
        )
        .unwrap();
        let mut flags = Layer::default();
        flags.set("capacity", 4u32).unwrap();
        flags.set("weights.complementarity", 0.5).unwrap();
        let s = Settings::from_layers(&[file, entry, flags]).unwrap();
        assert_eq!(s.rules.capacity, 4);
        assert_eq!(
            (
                s.scoring.weights.complementarity,
                s.scoring.weights.unit,
                s.scoring.weights.workload
            ),
            (0.5, -0.1, 0.3)
        );
        let Some(super::super::UnitShare::PerUnit(table)) = &s.rules.max_cross_unit_share else {
            panic!("a table")
        };
        assert_eq!(table.keys().collect::<Vec<_>>(), ["C"]);
        assert_eq!(s.solver.candidates, 7);
        assert_eq!(s.solver.price_above, 1_000_000, "defaults stay");
    }

    #[test]
    fn a_layer_of_settings_gives_the_same_settings_back() {
        let s = Settings::from_toml(
            "target = 4\nsolver = \"lp\"\nsame_unit_only = [\"Dinas Kesehatan\"]\nmax_hours = 12.5\nmin_same_unit_share = 0.25\nprevious = \"/x/roster.csv\"\n",
        )
        .unwrap();
        let mut back = Settings::from_layers(&[Layer::of(&s).unwrap()]).unwrap();
        assert_eq!(
            back.rules.previous, None,
            "paths are not in a layer of settings"
        );
        back.rules.previous = s.rules.previous.clone();
        assert_eq!(back, s);
        assert_eq!(s.with(&Layer::default()).unwrap(), s);
    }

    #[test]
    fn wrong_types_name_their_line_and_a_section_table_its_keys() {
        let e = Layer::parse("capacity = 2\n\ntarget = \"high\"\n").unwrap_err();
        assert!(e.starts_with("line 3, column 10"), "{e}");
        let e = Layer::parse("[rules]\ncapacity = 2\ncapasity = 3\n").unwrap_err();
        assert!(e.starts_with("line 3"), "{e}");
        assert!(e.contains("capasity"), "{e}");
        let e = Layer::parse("capacity = 3\n[rules]\ncapacity = 2\n").unwrap_err();
        assert!(e.contains("set twice") && e.starts_with("line 3"), "{e}");
        assert!(e.contains("first at line 1"), "{e}");
        let e = Layer::parse("solver = {}\n").unwrap_err();
        assert!(e.contains("holds no setting"), "{e}");
        let mut flags = Layer::default();
        assert!(flags.set("price_above", u64::MAX).is_err());
        let e = Layer::parse("name = \"x\"\n").unwrap_err();
        assert!(e.contains("[[scenario]]"), "{e}");
    }

    #[test]
    fn with_keeps_rule_files_unless_the_layer_names_others() {
        let mut s = Settings::default();
        s.rules.pairs = Some("plans/p.csv".into());
        s.rules.previous = Some("r.csv".into());
        let mut flags = Layer::default();
        flags.set("capacity", 1u32).unwrap();
        let t = s.with(&flags).unwrap();
        assert_eq!(
            (t.rules.pairs.clone(), t.rules.capacity),
            (s.rules.pairs.clone(), 1)
        );
        assert_eq!(t.rules.previous, s.rules.previous);
        let other = Layer::parse("pairs = \"q.csv\"\n").unwrap();
        assert!(other.sets("pairs") && !other.sets("previous"));
        let u = s.with(&other).unwrap();
        assert_eq!(u.rules.pairs.as_deref(), Some(Path::new("q.csv")));
        assert_eq!(u.rules.previous, s.rules.previous);
    }
}
