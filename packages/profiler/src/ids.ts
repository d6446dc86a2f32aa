import { pathToFileURL } from 'node:url';
import { v5 as uuidv5, validate as isUuid } from 'uuid';

/** What an id names; part of the hashed name so that a file and its record set never share an id. */
export type IdRole = 'file' | 'fileSet' | 'database' | 'sheet' | 'recordSet' | 'field' | 'statistics';

/** Builds deterministic `@id`s: the same dataset, path, sheet and column always give the same id. */
export type IdFactory = (role: IdRole, relativePath: string, sheet?: string, column?: string) => string;

/** Namespace for names that are not UUIDs themselves (a non-UUID dataset id, a folder path). */
const PROFILER_NAMESPACE = uuidv5('https://datagems.eu/dataset-profiler', uuidv5.URL);

export function createIdFactory(datasetId: string): IdFactory {
  const namespace = isUuid(datasetId) ? datasetId.toLowerCase() : uuidv5(datasetId, PROFILER_NAMESPACE);
  // JSON keeps the parts apart: ('a/b', '') and ('a', 'b') hash differently.
  return (role, relativePath, sheet = '', column = '') =>
    uuidv5(JSON.stringify([role, relativePath, sheet, column]), namespace);
}

/** The CLI's default dataset id: UUID v5 of the folder's real path as a file URL. */
export function datasetIdForFolder(realPath: string): string {
  return uuidv5(pathToFileURL(realPath).href, uuidv5.URL);
}
