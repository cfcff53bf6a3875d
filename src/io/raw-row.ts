/**
 * One row of an input table as read from the file, before any header matching or validation.
 *
 * - numbers only for cells Excel stored as numbers (dates stay serial numbers: the caller knows
 *   which columns are dates);
 * - strings for shared, inline and formula-string cells, Excel error cells as their text ("#N/A");
 * - booleans for Excel boolean cells;
 * - null for empty cells.
 */
export type RawCell = string | number | boolean | null;

/** A cell the reader could not read faithfully; `message` is Chinese and names neither row nor column. */
export interface CellProblem {
  /** 0-based column index, as in `cells`. */
  column: number;
  message: string;
}

export interface RawRow {
  /** Worksheet name; for CSV the file's base name. */
  sheet: string;
  /** 1-based row number as Excel shows it (rows can be sparse); for CSV the record number. */
  row: number;
  /** cells[i] is column i (A = 0); gaps are null, trailing nulls trimmed. */
  cells: RawCell[];
  /**
   * Cells whose bytes are not valid text in the file's encoding (CSV). Their value in `cells`
   * is not to be trusted (it holds U+FFFD): the import must report each as a problem of this
   * row and column and never store the row.
   */
  problems?: CellProblem[];
  /** On a sheet's first row only: the sheet's last row as the file declares it (for progress). */
  lastRow?: number;
  /** lastRow is estimated from the bytes read (the file declares no size); rows may carry a newer one. */
  lastRowEstimated?: boolean;
}
