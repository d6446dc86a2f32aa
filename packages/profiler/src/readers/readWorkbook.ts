import ExcelJS from 'exceljs';

/** One non-empty sheet: its first non-empty row is the header, the rows below are the records. */
export interface SheetTable {
  name: string;
  columns: string[];
  rows: (string | number | boolean | Date | null)[][];
}

type Cell = string | number | boolean | Date | null;

/**
 * Reads every sheet of an `.xlsx` workbook (exceljs) in workbook order and drops the empty ones.
 * Formula cells give their cached result, rich text its plain text, error cells `null`.
 */
export async function readWorkbook(path: string): Promise<SheetTable[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook.worksheets.map(sheetTable).filter((table): table is SheetTable => table !== undefined);
}

function sheetTable(sheet: ExcelJS.Worksheet): SheetTable | undefined {
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as unknown[]).slice(1); // exceljs rows are 1-based
    rows.push(values.map(cellValue));
  });
  const [header, ...records] = rows;
  if (!header) return undefined;
  const width = records.reduce((widest, record) => Math.max(widest, record.length), header.length);
  return {
    name: sheet.name,
    columns: columnNames(header, width),
    rows: records.map((record) => Array.from({ length: width }, (_, index) => record[index] ?? null)),
  };
}

/** Header cells as names; blank ones become `Unnamed: <index>` and repeats get `.1`, `.2` (as pandas). */
function columnNames(header: readonly Cell[], width: number): string[] {
  const seen = new Map<string, number>();
  return Array.from({ length: width }, (_, index) => {
    const cell = header[index];
    const base = cell === null || cell === undefined || String(cell).trim() === '' ? `Unnamed: ${index}` : cellText(cell);
    const repeats = seen.get(base) ?? 0;
    seen.set(base, repeats + 1);
    return repeats ? `${base}.${repeats}` : base;
  });
}

function cellText(cell: Cell): string {
  return cell instanceof Date ? cell.toISOString() : String(cell);
}

function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value !== 'object') return String(value);
  const cell = value as Record<string, unknown>;
  if ('error' in cell) return null;
  if ('result' in cell) return cellValue(cell.result);
  if ('formula' in cell || 'sharedFormula' in cell) return null; // a formula never calculated
  if (Array.isArray(cell.richText)) return cell.richText.map((run: { text?: string }) => run.text ?? '').join('');
  if ('text' in cell) return cellValue(cell.text);
  return null;
}
