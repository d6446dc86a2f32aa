import type { SheetReport } from '../heavy/fileReport.js';
import { sheetFileObjectId } from '../heavy/assembleRecordSets.js';
import { orderedStatistics } from '../heavy/tableRecordSet.js';
import type { IdFactory } from '../ids.js';
import type { ProfiledFile } from '../light/lightState.js';
import type { TableProfile } from '../tabular/index.js';
import { chunkText, PDF_CHUNKS, TEXT_CHUNKS } from '../text/chunkText.js';

type JsonObject = Record<string, unknown>;

/** A table's columns for the CDD profile: statistics without `@id`/`@type`, one `semantic_types` key. */
export function cddTableFields(table: TableProfile): JsonObject[] {
  return table.columns.map((column) => ({
    name: column.name,
    primitive_type: column.dataType,
    semantic_types: [],
    description: '',
    statistics: orderedStatistics(column.statistics),
  }));
}

export function cddWorkbookTables(workbook: ProfiledFile, sheets: readonly SheetReport[], ids: IdFactory): JsonObject[] {
  return sheets.map((sheet) => ({
    name: sheet.sheet,
    file_object_id: sheetFileObjectId(workbook, sheet.sheet, ids),
    description: '',
    ...('table' in sheet ? { columns: cddTableFields(sheet.table) } : { error: sheet.error }),
  }));
}

/** A PDF or text file: its keywords, its text cut into overlapping chunks, and where it lives. */
export function cddDocumentEntry(
  entry: JsonObject,
  file: ProfiledFile,
  text: string,
  keywords: readonly string[],
  kind: 'pdf' | 'text',
): JsonObject {
  return {
    ...entry,
    keywords: [...keywords],
    chunked_content: [{ section: '', subsection: '', chunks: chunkText(text, kind === 'pdf' ? PDF_CHUNKS : TEXT_CHUNKS) }],
    content: { type: file.encodingFormat, file_path: file.relativePath },
  };
}
