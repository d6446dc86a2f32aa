import type { DatabaseConnectionInfo } from '../api.js';
import { tableFileObjects, type ListedDatabase } from '../database/profileDatabases.js';
import type { IdFactory } from '../ids.js';
import { compareFolders } from '../walk/walkDataset.js';
import { contentUrlOf } from './contentUrl.js';
import type { ProfiledFile } from './lightState.js';

export type JsonObject = Record<string, unknown>;

/**
 * The light profile's `distribution`, in the reference's order (3.9): FileSets, database
 * connections, top-level FileObjects, then the FileObjects of each folder. Every folder that
 * directly holds files gets one flat FileSet (no nesting between FileSets); a file's `containedIn`
 * names the FileSet of its own folder, top-level files have none.
 */
export function buildDistribution(
  files: readonly ProfiledFile[],
  databases: readonly ListedDatabase[],
  ids: IdFactory,
  publicBaseUrl: string | undefined,
): JsonObject[] {
  const fileSets = groupByFolder(files).map(([folder, inside]) => fileSetEntry(folder, inside, ids, publicBaseUrl));
  const connections = databases.map(databaseEntry);
  const tables = databases.flatMap((database) => tableFileObjects(database, ids));
  return [...fileSets, ...connections, ...tables, ...files.map((file) => fileObjectEntry(file, publicBaseUrl))];
}

/** The `@id` of a folder's FileSet, the same one `buildDistribution` writes. */
export function fileSetIdOf(folder: string, ids: IdFactory): string {
  return ids('fileSet', folder);
}

function groupByFolder(files: readonly ProfiledFile[]): [string, ProfiledFile[]][] {
  const folders = new Map<string, ProfiledFile[]>();
  for (const file of files) {
    if (file.folder === '') continue;
    const group = folders.get(file.folder) ?? [];
    group.push(file);
    folders.set(file.folder, group);
  }
  return [...folders.entries()].sort(([a], [b]) => compareFolders(a, b));
}

function fileSetEntry(folder: string, files: ProfiledFile[], ids: IdFactory, publicBaseUrl: string | undefined): JsonObject {
  const formats = [...new Set(files.map((file) => file.encodingFormat))].sort();
  return {
    '@type': 'cr:FileSet',
    '@id': fileSetIdOf(folder, ids),
    name: folder,
    contentSize: byteSize(files.reduce((total, file) => total + file.size, 0)),
    contentUrl: contentUrlOf(folder, publicBaseUrl),
    encodingFormat: formats.length === 1 ? formats[0] : formats,
    includes: `${folder}/*`,
  };
}

function fileObjectEntry(file: ProfiledFile, publicBaseUrl: string | undefined): JsonObject {
  return {
    '@type': 'cr:FileObject',
    '@id': file.id,
    name: file.name,
    description: '',
    contentSize: byteSize(file.size),
    contentUrl: contentUrlOf(file.relativePath, publicBaseUrl),
    encodingFormat: file.encodingFormat,
    ...(file.sha256 !== undefined ? { sha256: file.sha256 } : { error: file.error }),
    ...(file.fileSetId ? { containedIn: { '@id': file.fileSetId } } : {}),
  };
}

/** The connection as the request describes it (3.6); its tables follow as FileObjects (3.7). */
function databaseEntry(database: ListedDatabase): JsonObject {
  return {
    '@type': 'dg:DatabaseConnection',
    '@id': database.id,
    name: database.databaseName,
    contentUrl: database.url,
    encodingFormat: 'text/sql',
    description: '',
  };
}

export function databaseUrlOf(database: Pick<DatabaseConnectionInfo, 'protocol' | 'host' | 'port' | 'databaseName'>): string {
  return `${database.protocol}://${database.host}:${database.port}/${database.databaseName}`;
}

function byteSize(bytes: number): string {
  return `${bytes} B`;
}
