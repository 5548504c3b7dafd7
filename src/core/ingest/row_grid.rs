//! A sheet's grid built from its cells as a streaming reader hands them over,
//! row by row: each row is kept only from its first to its last filled cell
//! while reading, and the rows are moved (never copied) into the grid at the
//! end, so reading holds the cells once (a list of positioned cells then a
//! grid from it held them twice: 860 MB for 12 million cells).

use super::cell::Cell;
use super::workbook::Grid;

/// One row's cells from `first` (a sheet column) on; a row that a reader hands
/// over in pieces (cells out of order) has several.
struct Piece {
    row: u32,
    first: u32,
    cells: Vec<Cell>,
}

#[derive(Default)]
pub struct RowGrid {
    pieces: Vec<Piece>,
    /// Whether every piece follows the one before (a later row), as sheets are
    /// written; otherwise the pieces are sorted and merged at the end.
    in_order: bool,
    top: u32,
    left: u32,
    bottom: u32,
    right: u32,
}

impl RowGrid {
    pub fn new() -> RowGrid {
        RowGrid {
            in_order: true,
            top: u32::MAX,
            left: u32::MAX,
            ..RowGrid::default()
        }
    }

    /// Rows and columns the cells so far span.
    pub fn span(&self) -> (usize, usize) {
        if self.pieces.is_empty() {
            return (0, 0);
        }
        (
            (self.bottom - self.top) as usize + 1,
            (self.right - self.left) as usize + 1,
        )
    }

    /// A filled cell at its sheet position.
    pub fn push(&mut self, row: u32, col: u32, cell: Cell) {
        self.top = self.top.min(row);
        self.left = self.left.min(col);
        self.bottom = self.bottom.max(row);
        self.right = self.right.max(col);
        if let Some(last) = self.pieces.last_mut() {
            let end = last.first as usize + last.cells.len();
            if last.row == row && col as usize >= end {
                last.cells
                    .resize(col as usize - last.first as usize, Cell::Empty);
                last.cells.push(cell);
                return;
            }
            if row <= last.row {
                self.in_order = false;
            }
        }
        self.pieces.push(Piece {
            row,
            first: col,
            cells: vec![cell],
        });
    }

    /// The grid, from the top-left filled cell to the bottom-right one; each
    /// row up to its last filled cell.
    pub fn finish(mut self) -> Grid {
        if self.pieces.is_empty() {
            return Grid {
                rows: Vec::new(),
                origin: (0, 0),
            };
        }
        if !self.in_order {
            self.pieces = merged(std::mem::take(&mut self.pieces));
        }
        let height = (self.bottom - self.top) as usize + 1;
        let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(height);
        for piece in self.pieces {
            let at = (piece.row - self.top) as usize;
            rows.resize_with(at, Vec::new);
            let pad = (piece.first - self.left) as usize;
            let mut cells = piece.cells;
            if pad > 0 {
                cells.splice(0..0, std::iter::repeat_n(Cell::Empty, pad));
            }
            rows.push(cells);
        }
        Grid {
            rows,
            origin: (self.top, self.left),
        }
    }
}

/// Pieces sorted by row, those of one row made one; where two give the same
/// cell, the later wins (as a sheet read whole keeps the last value written).
fn merged(mut pieces: Vec<Piece>) -> Vec<Piece> {
    pieces.sort_by_key(|p| p.row);
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match out.last_mut() {
            Some(last) if last.row == piece.row => {
                let first = last.first.min(piece.first);
                let end = (last.first as usize + last.cells.len())
                    .max(piece.first as usize + piece.cells.len());
                let mut cells = vec![Cell::Empty; end - first as usize];
                for (at, cell) in [std::mem::take(&mut last.cells), piece.cells]
                    .into_iter()
                    .zip([last.first, piece.first])
                    .flat_map(|(cells, from)| {
                        cells
                            .into_iter()
                            .enumerate()
                            .map(move |(i, c)| (from as usize + i, c))
                    })
                {
                    if cell != Cell::Empty {
                        cells[at - first as usize] = cell;
                    }
                }
                *last = Piece {
                    row: piece.row,
                    first,
                    cells,
                };
            }
            _ => out.push(piece),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: f64) -> Cell {
        Cell::Number(v)
    }

    #[test]
    fn rows_in_order_keep_their_gaps_and_origin() {
        let mut grid = RowGrid::new();
        grid.push(2, 3, n(1.0));
        grid.push(2, 5, n(2.0));
        grid.push(4, 1, n(3.0));
        assert_eq!(grid.span(), (3, 5));
        let grid = grid.finish();
        assert_eq!(grid.origin, (2, 1));
        assert_eq!(
            grid.rows,
            vec![
                vec![Cell::Empty, Cell::Empty, n(1.0), Cell::Empty, n(2.0)],
                vec![],
                vec![n(3.0)],
            ]
        );
    }

    #[test]
    fn cells_out_of_order_land_where_they_belong() {
        let mut grid = RowGrid::new();
        grid.push(1, 2, n(1.0));
        grid.push(0, 0, n(2.0));
        grid.push(1, 0, n(3.0));
        grid.push(1, 2, n(4.0));
        let grid = grid.finish();
        assert_eq!(grid.origin, (0, 0));
        assert_eq!(
            grid.rows,
            vec![vec![n(2.0)], vec![n(3.0), Cell::Empty, n(4.0)]]
        );
        assert!(RowGrid::new().finish().rows.is_empty());
    }
}
