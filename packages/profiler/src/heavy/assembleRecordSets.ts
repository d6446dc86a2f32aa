import type { IdFactory } from '../ids.js';
import type { ProfiledFile } from '../light/lightState.js';
import { errorRecordSet, imageRecordSet, pdfRecordSet, textRecordSet } from './documentRecordSets.js';
import type { FileReport, SheetReport } from './fileReport.js';
import { sheetRecordSetName } from './recordSetNames.js';
import { tableRecordSet } from './tableRecordSet.js';

type JsonObject = Record<string, unknown>;

export interface RecordSetAssembly {
  /** In file order (the distribution's), a workbook's sheets in workbook order. */
  recordSets: JsonObject[];
  /** One per non-empty sheet (3.8 fixed: paired by sheet), appended to the distribution. */
  sheetFileObjects: JsonObject[];
}

/** `names`: recordSetNames(reports), shared with the CDD profile so both name files alike. */
export function assembleRecordSets(reports: readonly FileReport[], names: ReadonlyMap<string, string>, ids: IdFactory): RecordSetAssembly {
  const assembly: RecordSetAssembly = { recordSets: [], sheetFileObjects: [] };
  for (const report of reports) {
    const name = names.get(report.file.relativePath) ?? report.file.relativePath;
    if (report.kind === 'workbook') addWorkbook(assembly, name, report.file, report.sheets, ids);
    else if (report.kind !== 'none') assembly.recordSets.push(fileRecordSet(name, report, ids));
  }
  return assembly;
}

function fileRecordSet(name: string, report: Exclude<FileReport, { kind: 'workbook' | 'none' }>, ids: IdFactory): JsonObject {
  const { file } = report;
  switch (report.kind) {
    case 'table':
      return tableRecordSet(name, { relativePath: file.relativePath, fileObjectId: file.id }, report.table, ids);
    case 'pdf':
      return pdfRecordSet(name, file, report.pdf, ids);
    case 'text':
      return textRecordSet(name, file, report.text, ids);
    case 'image':
      return imageRecordSet(name, file, report.image, ids);
    case 'failed':
      return errorRecordSet(name, ids, { relativePath: file.relativePath, fileObjectId: file.id }, report.error, report.limit);
  }
}

function addWorkbook(assembly: RecordSetAssembly, name: string, workbook: ProfiledFile, sheets: readonly SheetReport[], ids: IdFactory): void {
  for (const sheetReport of sheets) {
    const source = { relativePath: workbook.relativePath, sheet: sheetReport.sheet, fileObjectId: sheetFileObjectId(workbook, sheetReport.sheet, ids) };
    assembly.sheetFileObjects.push(sheetFileObject(workbook, sheetReport.sheet, source.fileObjectId));
    const sheetName = sheetRecordSetName(name, sheetReport.sheet);
    assembly.recordSets.push(
      'table' in sheetReport
        ? tableRecordSet(sheetName, source, sheetReport.table, ids)
        : errorRecordSet(sheetName, ids, source, sheetReport.error),
    );
  }
}

export function sheetFileObjectId(workbook: ProfiledFile, sheet: string, ids: IdFactory): string {
  return ids('sheet', workbook.relativePath, sheet);
}

function sheetFileObject(workbook: ProfiledFile, sheet: string, id: string): JsonObject {
  return {
    '@type': 'cr:FileObject',
    '@id': id,
    name: sheet,
    description: '',
    containedIn: { '@id': workbook.id },
    encodingFormat: workbook.encodingFormat,
  };
}
