//! Tables side by side on one sheet: a blank column with a column of row
//! labels to its right starts another table. Each part is read as a sheet of
//! its own whose cells keep their places (A1 references stay the sheet's).

use super::cell::{Cell, ParsedText};
use super::header::{is_figure, is_label};
use super::workbook::{Grid, Sheet};

/// Sheets larger than this are record lists or long tables, never read side by side.
const MAX_ROWS: usize = 20_000;

/// The sheet's parts, left to right; `None` when its tables span it whole.
pub fn parts(sheet: &Sheet) -> Option<Vec<Sheet>> {
    let grid = &sheet.grid;
    if grid.rows.len() > MAX_ROWS {
        return None;
    }
    let width = grid.rows.iter().map(Vec::len).max().unwrap_or(0);
    let blank_column = |c: usize| {
        grid.rows
            .iter()
            .all(|r| r.get(c).is_none_or(Cell::is_empty))
    };
    let mut starts = vec![0];
    let mut c = 1;
    while c < width {
        if blank_column(c) {
            let next = (c + 1..width).find(|&n| !blank_column(n));
            match next {
                Some(n) if starts_a_table(grid, n) && !blank_column(c - 1) => {
                    starts.push(n);
                    c = n;
                }
                Some(n) => c = n,
                None => break,
            }
        }
        c += 1;
    }
    if starts.len() == 1 {
        return None;
    }
    let parts = starts
        .iter()
        .enumerate()
        .map(|(i, &from)| {
            let to = starts.get(i + 1).copied().unwrap_or(width);
            Sheet {
                name: sheet.name.clone(),
                grid: Grid {
                    rows: grid
                        .rows
                        .iter()
                        .map(|r| r.get(from..to.min(r.len())).unwrap_or_default().to_vec())
                        .collect(),
                    origin: (grid.origin.0, grid.origin.1 + from as u32),
                },
            }
        })
        .collect();
    Some(parts)
}

/// Rows of a table's body that start in a column: a label with a figure
/// just right of it. A column of figures after a spacer between groups has
/// only header labels (group, period, unit) over figures, never beside them.
const MIN_LABELLED_ROWS: usize = 2;

fn starts_a_table(grid: &Grid, col: usize) -> bool {
    let labelled_rows = grid
        .rows
        .iter()
        .filter(|r| {
            r.get(col)
                .is_some_and(|c| is_label(c) && !matches!(c.figure(), ParsedText::Missing(_)))
                && (col + 1..col + 4).any(|n| r.get(n).is_some_and(is_figure))
        })
        .count();
    labelled_rows >= MIN_LABELLED_ROWS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "Crime".into(),
            grid: Grid {
                rows: rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|t| match (t.is_empty(), t.parse::<f64>()) {
                                (true, _) => Cell::Empty,
                                (false, Ok(n)) => Cell::Number(n),
                                (false, Err(_)) => Cell::Text(t.to_string()),
                            })
                            .collect()
                    })
                    .collect(),
                origin: (0, 0),
            },
        }
    }

    #[test]
    fn two_tables_side_by_side_are_two_parts() {
        let s = sheet(&[
            &["District", "Robbery", "", "District", "Arson"],
            &["Ashford", "38", "", "Ashford", "3"],
            &["Dover", "20", "", "Dover", "4"],
        ]);
        let parts = parts(&s).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[1].grid.origin, (0, 3));
        assert_eq!(parts[1].grid.a1(1, 1), "E2");
    }

    #[test]
    fn a_spacer_between_groups_is_not_a_second_table() {
        let s = sheet(&[
            &["", "Robbery", "", "", "Burglary", ""],
            &["District", "2014", "2015", "", "2014", "2015"],
            &["Ashford", "38", "40", "", "300", "280"],
            &["Dover", "20", "21", "", "200", "210"],
        ]);
        assert!(parts(&s).is_none());
    }
}
