//! Charts of the HTML report, drawn with plotters into SVG text.
//!
//! They must read in black and white when printed: bars are dark or light grey with black
//! outlines, scenarios are told apart by marker shape, and values are written beside the
//! bars. The SVG is meant for inline use in HTML5, so the namespace attribute (a URL) is
//! left out.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::error::{Error, Result};

/// The chart font.
const FONT: &str = "sans-serif";
/// Dark grey fill (covered, bars).
const DARK: RGBColor = RGBColor(80, 80, 80);
/// Light grey fill (left open).
const LIGHT: RGBColor = RGBColor(225, 225, 225);
/// Grid lines.
const GRID: RGBColor = RGBColor(215, 215, 215);

/// One small chart of columns: its title and its columns as (left, right, height).
pub(crate) struct ColumnPanel {
    pub title: String,
    pub columns: Vec<(f64, f64, f64)>,
}

/// Counts of `values` in bins of `width` from `start`, as columns.
pub(crate) fn histogram(values: &[f64], start: f64, end: f64, width: f64) -> Vec<(f64, f64, f64)> {
    let bins = (((end - start) / width).round() as usize).max(1);
    let mut counts = vec![0.0; bins];
    for v in values {
        let b = (((v - start) / width).floor().max(0.0) as usize).min(bins - 1);
        counts[b] += 1.0;
    }
    counts
        .iter()
        .enumerate()
        .map(|(b, &c)| {
            let left = start + b as f64 * width;
            (left, left + width, c)
        })
        .collect()
}

/// Small multiples of column charts sharing one x range, two per row.
pub(crate) fn column_panels(
    panels: &[ColumnPanel],
    x_range: (f64, f64),
    x_desc: &str,
    y_desc: &str,
    integer_x: bool,
) -> Result<String> {
    let cols = panels.len().clamp(1, 2);
    let rows = panels.len().div_ceil(cols).max(1);
    let (w, h) = (900u32, 260 * rows as u32);
    draw(w, h, |root| {
        // one y scale for every panel, so that they compare at a glance
        let top = panels
            .iter()
            .flat_map(|p| p.columns.iter().map(|c| c.2))
            .fold(0.0, f64::max);
        let y_max = (top * 1.15).max(1.0);
        for (area, panel) in root.split_evenly((rows, cols)).iter().zip(panels) {
            let mut chart = ChartBuilder::on(area)
                .caption(&panel.title, (FONT, 15))
                .margin(10)
                .x_label_area_size(38)
                .y_label_area_size(48)
                .build_cartesian_2d(x_range.0..x_range.1, 0f64..y_max)?;
            let x_fmt = |x: &f64| {
                if integer_x {
                    let whole = x.round();
                    if (x - whole).abs() < 1e-6 && whole >= 0.0 {
                        format!("{whole:.0}")
                    } else {
                        String::new()
                    }
                } else {
                    format!("{x:.1}")
                }
            };
            chart
                .configure_mesh()
                .disable_x_mesh()
                .light_line_style(WHITE)
                .bold_line_style(GRID)
                .x_desc(x_desc)
                .y_desc(y_desc)
                .x_labels(if integer_x { 12 } else { 11 })
                .x_label_formatter(&x_fmt)
                .y_label_formatter(&|y| format!("{y:.0}"))
                .label_style((FONT, 12))
                .axis_desc_style((FONT, 12))
                .draw()?;
            chart.draw_series(
                panel
                    .columns
                    .iter()
                    .map(|&(a, b, c)| Rectangle::new([(a, 0.0), (b, c)], DARK.filled())),
            )?;
            chart.draw_series(
                panel
                    .columns
                    .iter()
                    .map(|&(a, b, c)| Rectangle::new([(a, 0.0), (b, c)], BLACK.stroke_width(1))),
            )?;
            // direct labels on the columns that have any
            chart.draw_series(
                panel
                    .columns
                    .iter()
                    .filter(|c| c.2 > 0.0)
                    .map(|&(a, b, c)| {
                        Text::new(
                            format!("{c:.0}"),
                            ((a + b) / 2.0, c),
                            TextStyle::from((FONT, 11)).pos(Pos::new(HPos::Center, VPos::Bottom)),
                        )
                    }),
            )?;
        }
        Ok(())
    })
}

/// One series of a dot plot: a name and, per row, the value on each of the two panels.
pub(crate) struct DotSeries {
    pub name: String,
    pub values: Vec<Option<(f64, f64)>>,
}

/// A dot plot: one row per label, two panels side by side (values 0-1, shown as %), one
/// marker shape per series with a legend.
pub(crate) fn dot_panels(
    labels: &[String],
    series: &[DotSeries],
    titles: (&str, &str),
) -> Result<String> {
    let n = labels.len().max(1);
    let legend_rows = if series.len() > 1 {
        series.len().div_ceil(4)
    } else {
        0
    };
    let h = 90 + 22 * legend_rows as u32 + 18 * n as u32;
    let label_width = 250;
    let w = 900u32;
    let short: Vec<String> = labels.iter().map(|l| shorten(l, 34)).collect();
    draw(w, h, |root| {
        let (legend, body) = root.split_vertically(10 + 22 * legend_rows as u32);
        for (s, item) in series.iter().enumerate().filter(|_| legend_rows > 0) {
            let (col, row) = ((s % 4) as i32, (s / 4) as i32);
            let (x, y) = (label_width + 20 + col * 150, 14 + row * 22);
            legend.draw(&marker(s, (x, y)))?;
            legend.draw(&Text::new(
                shorten(&item.name, 18),
                (x + 10, y),
                TextStyle::from((FONT, 12)).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        let split = label_width + (w as i32 - label_width) / 2;
        let (left, right) = body.split_horizontally(split);
        for (panel, area) in [left, right].iter().enumerate() {
            let title = if panel == 0 { titles.0 } else { titles.1 };
            let y_fmt = |y: &f64| {
                let i = y.round();
                if (y - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < n && panel == 0 {
                    short.get(n - 1 - i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            };
            let mut chart = ChartBuilder::on(area)
                .caption(title, (FONT, 15))
                .margin(8)
                .margin_left(if panel == 0 { 8 } else { 28 })
                .margin_right(24)
                .x_label_area_size(30)
                .y_label_area_size(if panel == 0 { label_width } else { 4 })
                .build_cartesian_2d(-0.02f64..1.03, -0.5f64..n as f64 - 0.5)?;
            chart
                .configure_mesh()
                .light_line_style(WHITE)
                .bold_line_style(GRID)
                .y_labels(n + 1)
                .x_labels(6)
                .y_label_formatter(&y_fmt)
                .x_label_formatter(&|x| {
                    if *x < 0.0 {
                        String::new()
                    } else {
                        format!("{:.0}%", 100.0 * x)
                    }
                })
                .label_style((FONT, 11))
                .draw()?;
            let spread = 0.5 / series.len().max(1) as f64;
            for (s, item) in series.iter().enumerate() {
                let offset = (s as f64 - (series.len() as f64 - 1.0) / 2.0) * spread;
                chart.draw_series(item.values.iter().enumerate().filter_map(|(r, v)| {
                    let v = v.map(|(a, b)| if panel == 0 { a } else { b })?;
                    let y = (n - 1 - r) as f64 + offset;
                    Some(EmptyElement::at((v, y)) + marker(s, (0, 0)))
                }))?;
            }
        }
        Ok(())
    })
}

/// Horizontal stacked bars, covered (dark) then left open (light), one per label, each
/// with its numbers written beside it.
pub(crate) fn stacked_bars(
    rows: &[(String, f64, f64)],
    names: (&str, &str),
    x_desc: &str,
) -> Result<String> {
    let n = rows.len().max(1);
    let (w, h) = (900u32, 110 + 34 * n as u32);
    let top = rows.iter().map(|r| r.1 + r.2).fold(0.0, f64::max).max(1.0) * 1.45;
    let short: Vec<String> = rows.iter().map(|r| shorten(&r.0, 30)).collect();
    draw(w, h, |root| {
        let y_fmt = |y: &f64| {
            let i = y.round();
            if (y - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < n {
                short.get(n - 1 - i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(38)
            .y_label_area_size(220)
            .build_cartesian_2d(0f64..top, -0.5f64..n as f64 - 0.5)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .y_labels(n + 1)
            .y_label_formatter(&y_fmt)
            .x_label_formatter(&|x| format!("{x:.0}"))
            .x_desc(x_desc)
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 12))
            .draw()?;
        let y = |r: usize| (n - 1 - r) as f64;
        let bar = |r: usize, a: f64, b: f64| [(a, y(r) - 0.3), (b, y(r) + 0.3)];
        chart
            .draw_series(
                rows.iter()
                    .enumerate()
                    .map(|(r, row)| Rectangle::new(bar(r, 0.0, row.1), DARK.filled())),
            )?
            .label(names.0)
            .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], DARK.filled()));
        chart
            .draw_series(
                rows.iter()
                    .enumerate()
                    .map(|(r, row)| Rectangle::new(bar(r, row.1, row.1 + row.2), LIGHT.filled())),
            )?
            .label(names.1)
            .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], LIGHT.filled()));
        chart.draw_series(
            rows.iter()
                .enumerate()
                .map(|(r, row)| Rectangle::new(bar(r, 0.0, row.1 + row.2), BLACK.stroke_width(1))),
        )?;
        chart.draw_series(rows.iter().enumerate().map(|(r, row)| {
            let total = row.1 + row.2;
            let pct = if total > 0.0 {
                100.0 * row.1 / total
            } else {
                0.0
            };
            Text::new(
                format!(
                    "{} {:.1} ({pct:.0}%) · {} {:.1}",
                    names.0, row.1, names.1, row.2
                ),
                (total + top * 0.01, y(r)),
                TextStyle::from((FONT, 11)).pos(Pos::new(HPos::Left, VPos::Center)),
            )
        }))?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE)
            .border_style(BLACK)
            .label_font((FONT, 12))
            .draw()?;
        Ok(())
    })
}

/// The marker of series `s`: shapes and fills that differ without colour.
fn marker<DB: DrawingBackend>(s: usize, at: (i32, i32)) -> DynElement<'static, DB, (i32, i32)> {
    let solid = BLACK.filled();
    let line = BLACK.stroke_width(2);
    match s % 6 {
        0 => Circle::new(at, 5, solid).into_dyn(),
        1 => Circle::new(at, 5, line).into_dyn(),
        2 => Cross::new(at, 5, line).into_dyn(),
        3 => Rectangle::new([(at.0 - 4, at.1 - 4), (at.0 + 4, at.1 + 4)], line).into_dyn(),
        4 => Rectangle::new([(at.0 - 4, at.1 - 4), (at.0 + 4, at.1 + 4)], solid).into_dyn(),
        _ => TriangleMarker::new(at, 6, solid).into_dyn(),
    }
}

/// A label cut to `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type DrawResult = std::result::Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// Draws on a white SVG of `w` x `h` and returns it without its namespace attribute.
fn draw(w: u32, h: u32, paint: impl FnOnce(&Area<'_>) -> DrawResult) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let drawn = root
            .fill(&WHITE)
            .and_then(|()| paint(&root))
            .and_then(|()| root.present());
        drawn.map_err(|e| Error::Output(format!("a chart cannot be drawn: {e}")))?;
    }
    Ok(svg.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1))
}
