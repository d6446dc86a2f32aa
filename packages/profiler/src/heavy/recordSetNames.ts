import type { FileReport } from './fileReport.js';

/**
 * Record-set names (profile-format.md section 0): the relative path without its last extension
 * (`sales.2024.csv` → `sales.2024`, `sub/a.csv` → `sub/a`). When two files would share a name
 * (`a.csv` and `a.json`), both keep their full relative path instead, so names stay unique. Only
 * files with a record set (kind other than `none`) are named, so others never force a full path.
 * Keyed by relative path.
 */
export function recordSetNames(reports: readonly FileReport[]): Map<string, string> {
  const named = reports.filter((report) => report.kind !== 'none');
  const wanted = named.map(({ file }) => [file.relativePath, withoutLastExtension(file.relativePath)] as const);
  const uses = new Map<string, number>();
  for (const [, name] of wanted) uses.set(name, (uses.get(name) ?? 0) + 1);
  return new Map(wanted.map(([path, name]) => [path, (uses.get(name) ?? 0) > 1 ? path : name]));
}

function withoutLastExtension(relativePath: string): string {
  const slash = relativePath.lastIndexOf('/');
  const dot = relativePath.lastIndexOf('.');
  return dot > slash + 1 ? relativePath.slice(0, dot) : relativePath;
}

/** An Excel sheet's record set: `<workbook name>/<sheet>`. */
export function sheetRecordSetName(workbookName: string, sheet: string): string {
  return `${workbookName}/${sheet}`;
}
