/**
 * What a database holds, read from pg_catalog: every table, view, materialized view, partitioned
 * and foreign table outside the system schemas (partitions, extension members and TimescaleDB's
 * internals left out), with its columns, primary key and foreign keys. A TimescaleDB hypertable is
 * one relation: its chunks are not listed, and its row estimate and size add up its chunks'.
 */
import type pg from 'pg';

export type RelationKind = 'table' | 'view' | 'materialized view' | 'partitioned table' | 'foreign table' | 'hypertable';

export interface ColumnInfo {
  name: string;
  /** As format_type writes it: `numeric(12,3)`, `text[]`, `timestamp with time zone`. */
  sqlType: string;
  /** The base type's name (domains resolved), or the element type's for an array. */
  typeName: string;
  /** The schema that type lives in: PostGIS's functions are called there, whatever the search path. */
  typeSchema: string;
  isArray: boolean;
}

export interface ForeignKey {
  columns: string[];
  target: string;
  targetColumns: string[];
}

export interface RelationInfo {
  schema: string;
  name: string;
  /** `schema.name`, unquoted: the name the profile shows. */
  qualified: string;
  /** The relation as an SQL identifier, quoted. */
  sql: string;
  kind: RelationKind;
  /** pg_class.reltuples (chunks and partitions added up); null for views and never-analysed tables. */
  rowEstimate: number | null;
  /** pg_total_relation_size (table, indexes, TOAST; chunks and partitions added up). */
  bytes: number;
  columns: ColumnInfo[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
}

const TIMESCALE_SCHEMAS = [
  '_timescaledb_catalog', '_timescaledb_internal', '_timescaledb_config', '_timescaledb_cache',
  '_timescaledb_functions', '_timescaledb_debug', 'timescaledb_information', 'timescaledb_experimental',
];

const KINDS: Record<string, RelationKind> = { r: 'table', v: 'view', m: 'materialized view', p: 'partitioned table', f: 'foreign table' };

/** Hypertables as TimescaleDB's catalog records them, and their chunks (empty without TimescaleDB). */
const HYPERTABLES_SQL = `
  SELECT format('%I.%I', schema_name, table_name)::regclass::oid AS oid FROM _timescaledb_catalog.hypertable`;
const CHUNKS_SQL = `
  SELECT format('%I.%I', schema_name, table_name)::regclass::oid AS oid FROM _timescaledb_catalog.chunk`;

const RELATIONS_SQL = `
  WITH RECURSIVE tree AS (
    SELECT c.oid AS root, c.oid AS member FROM pg_class c WHERE c.oid = ANY($1::oid[]) OR c.relkind = 'p'
    UNION
    SELECT tree.root, i.inhrelid FROM tree JOIN pg_inherits i ON i.inhparent = tree.member
  ), sizes AS (
    SELECT root, sum(pg_total_relation_size(member)) AS bytes,
      sum(m.reltuples) FILTER (WHERE m.reltuples >= 0 AND m.relkind <> 'p') AS estimate
    FROM tree JOIN pg_class m ON m.oid = tree.member GROUP BY root
  )
  SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind,
    c.oid = ANY($1::oid[]) AS hypertable,
    coalesce(s.bytes, pg_total_relation_size(c.oid)) AS bytes,
    CASE WHEN c.relkind IN ('v', 'f') THEN NULL
         WHEN s.root IS NOT NULL THEN s.estimate
         WHEN c.reltuples >= 0 THEN c.reltuples END AS estimate
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN sizes s ON s.root = c.oid
  WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND NOT c.relispartition
    AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname !~ '^pg_(toast_)?temp_'
    AND n.nspname <> ALL($2::text[])
    AND NOT c.oid = ANY($3::oid[])
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
  ORDER BY n.nspname, c.relname`;

const COLUMNS_SQL = `
  SELECT a.attrelid AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS sql_type,
    t.typcategory = 'A' AS is_array,
    coalesce(eb.typname, e.typname, b.typname, t.typname) AS type_name,
    (SELECT nspname FROM pg_namespace WHERE oid = coalesce(eb.typnamespace, e.typnamespace, b.typnamespace, t.typnamespace)) AS type_schema
  FROM pg_attribute a
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_type b ON b.oid = t.typbasetype AND t.typtype = 'd'
  LEFT JOIN pg_type e ON e.oid = coalesce(b.typelem, t.typelem) AND coalesce(b.typcategory, t.typcategory) = 'A'
  LEFT JOIN pg_type eb ON eb.oid = e.typbasetype AND e.typtype = 'd'
  WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
  ORDER BY a.attrelid, a.attnum`;

const KEYS_SQL = `
  SELECT con.conrelid AS oid, con.contype AS type,
    (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n) AS columns,
    con.confrelid AS target,
    (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n) AS target_columns
  FROM pg_constraint con
  WHERE con.contype IN ('p', 'f') AND con.conrelid = ANY($1::oid[])
  ORDER BY con.conrelid, con.conname`;

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function timescaleOids(client: pg.ClientBase): Promise<{ hypertables: number[]; chunks: number[] }> {
  const present = await client.query<{ present: boolean }>(
    `SELECT to_regclass('_timescaledb_catalog.hypertable') IS NOT NULL AND to_regclass('_timescaledb_catalog.chunk') IS NOT NULL AS present`,
  );
  if (!present.rows[0]?.present) return { hypertables: [], chunks: [] };
  const hypertables = await client.query<{ oid: number }>(HYPERTABLES_SQL);
  const chunks = await client.query<{ oid: number }>(CHUNKS_SQL);
  return { hypertables: hypertables.rows.map((r) => r.oid), chunks: chunks.rows.map((r) => r.oid) };
}

interface RelationRow { oid: number; schema: string; name: string; relkind: string; hypertable: boolean; bytes: string | number; estimate: number | null }
interface ColumnRow { oid: number; name: string; sql_type: string; is_array: boolean; type_name: string; type_schema: string }
interface KeyRow { oid: number; type: 'p' | 'f'; columns: string[]; target: number; target_columns: string[] | null }

export async function listRelations(client: pg.ClientBase): Promise<RelationInfo[]> {
  const { hypertables, chunks } = await timescaleOids(client);
  const relations = (await client.query<RelationRow>(RELATIONS_SQL, [hypertables, TIMESCALE_SCHEMAS, chunks])).rows;
  const oids = relations.map((r) => r.oid);
  const columns = (await client.query<ColumnRow>(COLUMNS_SQL, [oids])).rows;
  const keys = (await client.query<KeyRow>(KEYS_SQL, [oids])).rows;
  const byOid = new Map(relations.map((r) => [r.oid, r]));
  const qualifiedOf = (row: RelationRow): string => `${row.schema}.${row.name}`;
  return relations.map((row) => ({
    schema: row.schema,
    name: row.name,
    qualified: qualifiedOf(row),
    sql: `${quoteIdent(row.schema)}.${quoteIdent(row.name)}`,
    kind: row.hypertable ? 'hypertable' : KINDS[row.relkind]!,
    rowEstimate: row.estimate === null ? null : Math.round(Number(row.estimate)),
    bytes: Number(row.bytes),
    columns: columns
      .filter((c) => c.oid === row.oid)
      .map((c) => ({ name: c.name, sqlType: c.sql_type, typeName: c.type_name, typeSchema: c.type_schema, isArray: c.is_array })),
    primaryKey: keys.find((k) => k.oid === row.oid && k.type === 'p')?.columns ?? [],
    foreignKeys: keys
      .filter((k) => k.oid === row.oid && k.type === 'f' && byOid.has(k.target))
      .map((k) => ({ columns: k.columns, target: qualifiedOf(byOid.get(k.target)!), targetColumns: k.target_columns ?? [] })),
  }));
}

export { quoteIdent };
