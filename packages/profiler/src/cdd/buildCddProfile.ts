import type { CddProfile, DatasetMetadata } from '../api.js';
import type { ProfiledDatabase } from '../database/profileDatabases.js';
import { limitKeys } from '../heavy/documentRecordSets.js';
import type { FileReport } from '../heavy/fileReport.js';
import type { IdFactory } from '../ids.js';
import { cddDocumentEntry, cddTableFields, cddWorkbookTables } from './cddEntries.js';
import { formatSuffixOf } from '../walk/mediaTypes.js';

type JsonObject = Record<string, unknown>;

export interface CddInput {
  datasetId: string;
  contentUrl: string;
  metadata: DatasetMetadata;
  reports: readonly FileReport[];
  /** recordSetNames(reports): a file's entry is named like its record set. */
  names: ReadonlyMap<string, string>;
  databases: readonly ProfiledDatabase[];
  ids: IdFactory;
}

/**
 * The CDD profile (section 5, fixed per quirk 27): one `semantic_types` key, short lower-case
 * `original_format`, relative `source_file`. Entries: files with record sets (in record-set order),
 * then database connections, then every other file (in distribution order) — so every file is in.
 */
export function buildCddProfile(input: CddInput): CddProfile {
  const withRecordSets = input.reports.filter((report) => report.kind !== 'none');
  const others = input.reports.filter((report) => report.kind === 'none');
  return {
    '@id': input.datasetId,
    content_url: input.contentUrl,
    name: input.metadata.name,
    headline: input.metadata.headline,
    description: input.metadata.description,
    keywords: input.metadata.keywords,
    field_of_science: input.metadata.fieldOfScience,
    files: [
      ...withRecordSets.map((report) => fileEntry(report, input.names.get(report.file.relativePath) ?? report.file.name, input.ids)),
      ...input.databases.map(databaseEntry),
      ...others.map((report) => genericEntry(report, report.file.name)),
    ],
  };
}

function fileEntry(report: FileReport, name: string, ids: IdFactory): JsonObject {
  switch (report.kind) {
    case 'table':
      return { ...genericEntry(report, name), columns: cddTableFields(report.table) };
    case 'workbook':
      return { ...genericEntry(report, name), tables: cddWorkbookTables(report.file, report.sheets, ids) };
    case 'pdf':
      return cddDocumentEntry(genericEntry(report, name), report.file, report.pdf.text, report.pdf.keywords, 'pdf');
    case 'text':
      return cddDocumentEntry(genericEntry(report, name), report.file, report.text.text, report.text.keywords, 'text');
    case 'failed':
      return { ...genericEntry(report, name), error: report.error, ...limitKeys(report.limit) };
    default:
      return genericEntry(report, name);
  }
}

function genericEntry(report: FileReport, name: string): JsonObject {
  return {
    file_object_id: report.file.id,
    original_format: formatSuffixOf(report.file.name),
    source_file: report.file.relativePath,
    name,
    description: '',
    keywords: [],
  };
}

/** A database connection with one entry per table and view, columns and statistics as for files. */
function databaseEntry({ database, cddTables }: ProfiledDatabase): JsonObject {
  return {
    file_object_id: database.id,
    original_format: 'sql-db',
    source_file: database.url,
    name: database.databaseName,
    description: '',
    keywords: [],
    tables: cddTables,
  };
}
