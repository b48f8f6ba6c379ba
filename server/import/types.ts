/**
 * What the import's pure half produces: a parsed sheet (header texts, rows with their spreadsheet
 * row numbers, warnings about cells), and a plan (one action per row with the draft, placement,
 * match and issues). The code lists are closed and exported as arrays so the GraphQL enums and the
 * UI labels can be derived from them.
 */
import type { ImportField, ImportIssueCode, IssueSeverity, SheetWarningCode } from '../../shared/model/curation.js';

export {
  IMPORT_FILE_ERROR_CODES,
  IMPORT_ISSUE_CODES,
  IMPORT_ISSUE_SEVERITY,
  SHEET_WARNING_CODES,
  type ImportFileErrorCode,
  type ImportIssueCode,
  type IssueSeverity,
  type SheetWarningCode,
} from '../../shared/model/curation.js';
import type { EntityType } from '../../shared/model/index.js';
import type { EntityDraft, NameMatch } from '../domain/curation/types.js';

export interface SheetWarning {
  code: SheetWarningCode;
  /** The spreadsheet's own 1-based row number. */
  row: number;
  /** The column's header text as in `ParsedSheet.columns` (null: a row above the header). */
  column: string | null;
  /** Where the cell is, as a spreadsheet shows it (`C7`). */
  cell: string | null;
  /** The cell's text as read (a merged cell: its master's text). */
  value: string | null;
  /** Plain English, for logs and tooltips; the UI labels the code. */
  message: string;
}

export interface SheetRow {
  /** The spreadsheet's own 1-based row number, so users find it. */
  row: number;
  /** One cell per column, trimmed; null when empty. */
  cells: (string | null)[];
}

export interface ParsedSheet {
  format: 'csv' | 'xlsx';
  /** The CSV's text encoding (`utf-8`, `utf-16le`, `utf-16be`, `gb18030`); null for XLSX. */
  encoding: string | null;
  /** The worksheet read (XLSX); null for CSV. */
  sheetName: string | null;
  /** Header texts, trimmed and unique. */
  columns: string[];
  /** Data rows after the header; blank rows are left out. */
  rows: SheetRow[];
  warnings: SheetWarning[];
}

export interface ImportLimits {
  /** Largest file taken, in bytes (default 10 MB). */
  maxBytes?: number;
  /** Most data rows taken (default 20,000). */
  maxRows?: number;
}

export interface RowIssue {
  /** The spreadsheet's own row number. */
  row: number;
  /** The column's header text (null: not about one column, e.g. no name column mapped). */
  column: string | null;
  field: ImportField | null;
  /** The cell's text as read (TOO_LONG: the text itself; DUPLICATE_IN_FILE: the name or code repeated). */
  value: string | null;
  code: ImportIssueCode;
  severity: IssueSeverity;
  /** DUPLICATE_IN_FILE: the earlier row it repeats; otherwise null. */
  relatedRow: number | null;
}

export type RowAction = 'create' | 'update' | 'possible_duplicate' | 'error';

export interface RowPlan {
  row: number;
  action: RowAction;
  /** The entity as the row gives it; only fields the row fills are set (an update changes those only). */
  draft: EntityDraft;
  /** Ids the row places the entity in (LOCATED_IN a region / park, IN_SEGMENT segments). */
  placement: { region: string | null; park: string | null; segments: string[] };
  /** update: the entity updated; possible_duplicate: the one it may be; otherwise the best match, if any. */
  match: NameMatch | null;
  /** The row's note column (备注), for the change's source note; not an entity field. */
  note: string | null;
  issues: RowIssue[];
}

export interface ImportPlan {
  rows: RowPlan[];
  totals: {
    rows: number;
    create: number;
    update: number;
    possibleDuplicate: number;
    error: number;
    /** Warning issues over all rows. */
    warnings: number;
  };
  /** Required fields no column is mapped to (`name`): every row then has a REQUIRED error. */
  missingFields: ImportField[];
  /** Sheet warnings about no data row (header placeholders, a skipped title row). */
  sheetWarnings: SheetWarning[];
}

/** A place (region, park, chain segment) found by name. */
export interface PlaceRef {
  id: string;
  name: string;
}

/**
 * What planning asks of the graph; the caller implements it from the store (names and aliases both
 * found). Called once per distinct value for places, once per named row for `resolve`.
 */
export interface ImportLookups {
  region(name: string): PlaceRef | null;
  park(name: string): PlaceRef | null;
  segment(name: string): PlaceRef | null;
  resolve(input: { name: string; type: EntityType; creditCode?: string | null }): NameMatch[];
}
