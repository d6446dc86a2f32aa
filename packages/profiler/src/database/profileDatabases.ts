/**
 * DatabaseConnections: listed for the light profile (one `cr:FileObject` per table and view,
 * `containedIn` the connection) and profiled for the heavy one (one record set per relation, its
 * statistics computed in the database). A relation that cannot be read, or whose queries time
 * out, gets a record set with its reason; the others are still profiled. A connection that cannot
 * be opened at all fails the job, naming the connection (never its credentials).
 */
import type { DatabaseConnectionInfo } from '../api.js';
import { DatabaseProfileError } from '../errors.js';
import { orderedStatistics } from '../heavy/tableRecordSet.js';
import type { IdFactory } from '../ids.js';
import { databaseUrlOf } from '../light/distribution.js';
import { toJsonValue } from '../util/toJsonValue.js';
import { listRelations, type RelationInfo } from './catalog.js';
import { credentialKeyOf, openPool, readOnly, reasonOf, type DatabaseSettings } from './connection.js';
import { profileRelation, type DatabaseColumnProfile } from './tableStatistics.js';

type JsonObject = Record<string, unknown>;

/** What the light step learned about one connection; no credentials (the heavy step gets them again). */
export interface ListedDatabase {
  url: string;
  id: string;
  databaseName: string;
  relations: RelationInfo[];
}

export function databaseIdOf(database: DatabaseConnectionInfo, ids: IdFactory): string {
  return ids('database', databaseUrlOf(database));
}

async function withPool<T>(database: DatabaseConnectionInfo, settings: DatabaseSettings, work: (pool: ReturnType<typeof openPool>) => Promise<T>): Promise<T> {
  const pool = openPool(database, settings);
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

export async function listDatabases(databases: readonly DatabaseConnectionInfo[], settings: DatabaseSettings, ids: IdFactory): Promise<ListedDatabase[]> {
  const listed: ListedDatabase[] = [];
  for (const database of databases) {
    try {
      const relations = await withPool(database, settings, (pool) => readOnly(pool, settings, listRelations));
      listed.push({ url: databaseUrlOf(database), id: databaseIdOf(database, ids), databaseName: database.databaseName, relations });
    } catch (error) {
      if (error instanceof DatabaseProfileError) throw error;
      throw new DatabaseProfileError(`cannot list the tables of database ${credentialKeyOf(database)}: ${reasonOf(error)}`, { cause: error });
    }
  }
  return listed;
}

export function tableFileObjectId(database: ListedDatabase, relation: RelationInfo, ids: IdFactory): string {
  return ids('file', database.url, relation.qualified);
}

/** The table FileObjects of a connection (3.7, with schema-qualified names, size and row estimate). */
export function tableFileObjects(database: ListedDatabase, ids: IdFactory): JsonObject[] {
  return database.relations.map((relation) => ({
    '@type': 'cr:FileObject',
    '@id': tableFileObjectId(database, relation, ids),
    name: relation.qualified,
    description: '',
    contentSize: `${relation.bytes} B`,
    contentUrl: `${database.databaseName}.${relation.qualified}`,
    encodingFormat: 'text/sql',
    sha256: '',
    containedIn: { '@id': database.id },
    tableType: relation.kind,
    ...(relation.rowEstimate === null ? {} : { rowEstimate: relation.rowEstimate }),
  }));
}

export interface ProfiledDatabase {
  database: ListedDatabase;
  recordSets: JsonObject[];
  /** The CDD profile's `tables` of this connection. */
  cddTables: JsonObject[];
}

const fieldIdOf = (database: ListedDatabase, qualified: string, column: string, ids: IdFactory): string => ids('field', database.url, qualified, column);

function fieldOf(database: ListedDatabase, relation: RelationInfo, profiled: DatabaseColumnProfile, ids: IdFactory): JsonObject {
  const name = profiled.column.name;
  const reference = relation.foreignKeys.flatMap((fk) => {
    const at = fk.columns.indexOf(name);
    return at >= 0 && fk.targetColumns[at] !== undefined ? [{ field: { '@id': fieldIdOf(database, fk.target, fk.targetColumns[at], ids) } }] : [];
  });
  return {
    '@type': 'cr:Field',
    '@id': fieldIdOf(database, relation.qualified, name, ids),
    name,
    description: '',
    dataType: profiled.type.dataType,
    ...(profiled.type.repeated ? { repeated: true } : {}),
    sqlType: profiled.column.sqlType,
    source: { fileObject: { '@id': tableFileObjectId(database, relation, ids) }, extract: { column: name } },
    ...(reference.length === 0 ? {} : { references: reference.length === 1 ? reference[0] : reference }),
    sample: toJsonValue(profiled.sample),
    statistics: {
      '@id': ids('statistics', database.url, relation.qualified, name),
      '@type': 'dg:ColumnStatistics',
      ...orderedStatistics(profiled.statistics),
    },
  };
}

function keyOf(database: ListedDatabase, relation: RelationInfo, ids: IdFactory): JsonObject {
  const keys = relation.primaryKey.map((column) => ({ '@id': fieldIdOf(database, relation.qualified, column, ids) }));
  if (keys.length === 0) return {};
  return { key: keys.length === 1 ? keys[0] : keys };
}

export interface DatabaseProgress {
  tableDone(bytes: number): void;
}

/** Profiles every listed relation, one read-only transaction each; reports each table as it is done. */
export async function profileDatabases(
  listed: readonly ListedDatabase[],
  connections: readonly DatabaseConnectionInfo[],
  settings: DatabaseSettings,
  ids: IdFactory,
  now: () => Date,
  progress: DatabaseProgress,
): Promise<ProfiledDatabase[]> {
  const profiled: ProfiledDatabase[] = [];
  for (const [index, database] of listed.entries()) {
    const connection = connections[index]!;
    const recordSets: JsonObject[] = [];
    const cddTables: JsonObject[] = [];
    await withPool(connection, settings, async (pool) => {
      for (const relation of database.relations) {
        const recordSetId = ids('recordSet', database.url, relation.qualified);
        const source = { '@type': 'cr:FileObject', '@id': tableFileObjectId(database, relation, ids) };
        try {
          const table = await readOnly(pool, settings, (client) => profileRelation(client, relation, settings, now().toISOString()));
          const fields = table.columns.map((column) => fieldOf(database, relation, column, ids));
          recordSets.push({
            '@type': 'cr:RecordSet', '@id': recordSetId, name: relation.qualified, ...keyOf(database, relation, ids),
            field: fields, examples: toJsonValue(table.examples),
          });
          cddTables.push({
            name: relation.qualified, description: '',
            columns: table.columns.map((column) => ({
              name: column.column.name, primitive_type: column.type.dataType, semantic_types: [], description: '', statistics: orderedStatistics(column.statistics),
            })),
          });
        } catch (error) {
          const reason = `cannot profile ${relation.qualified}: ${reasonOf(error)}`;
          recordSets.push({ '@type': 'cr:RecordSet', '@id': recordSetId, name: relation.qualified, source, error: reason });
          cddTables.push({ name: relation.qualified, description: '', error: reason });
        }
        progress.tableDone(relation.bytes);
      }
    });
    profiled.push({ database, recordSets, cddTables });
  }
  return profiled;
}
