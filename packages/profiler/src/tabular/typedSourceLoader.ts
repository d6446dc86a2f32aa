/** Parquet and JSON files: their own types are kept (no string inference), mapped onto our DataTypes. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { uniqueColumnNames } from './columnNames.js';
import { uniqueTableName } from './engine.js';
import type { ColumnType } from './inference.js';
import { countRows, queryRows, type LoadedTable } from './loadedTable.js';
import { columnIdent, quoteIdent, quoteLiteral } from './sql.js';
import type { DataType } from './types.js';

interface Mapped { type: ColumnType; sql: string }

function typed(dataType: DataType, sql: string): Mapped {
  return { type: { dataType, format: 'plain', zoned: false }, sql };
}

/** Maps a DuckDB column type to our DataType and the SQL that stores it in the typed table. */
function mapDuckDbType(duckType: string, ident: string): Mapped {
  const base = duckType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER)$/.test(base)) return typed('sc:Integer', `CAST(${ident} AS BIGINT)`);
  if (/^(UBIGINT|HUGEINT|UHUGEINT)$/.test(base)) return typed('sc:Integer', `TRY_CAST(${ident} AS BIGINT)`);
  if (/^(FLOAT|DOUBLE|REAL)$/.test(base) || base.startsWith('DECIMAL')) return typed('sc:Float', `CAST(${ident} AS DOUBLE)`);
  if (base === 'BOOLEAN') return typed('sc:Boolean', ident);
  if (base === 'DATE') return typed('sc:Date', ident);
  if (base.startsWith('TIMESTAMP')) return typed('sc:DateTime', `CAST(${ident} AS TIMESTAMP)`);
  if (base === 'VARCHAR') return typed('sc:Text', ident);
  const nested = /^(STRUCT|MAP|UNION|JSON)/.test(base) || base.endsWith(']');
  return typed('sc:Text', nested ? `CAST(to_json(${ident}) AS VARCHAR)` : `CAST(${ident} AS VARCHAR)`);
}

async function loadScan(connection: DuckDBConnection, scan: string, prefix: string): Promise<LoadedTable> {
  const table = uniqueTableName(prefix);
  const schema = await queryRows(connection, `DESCRIBE SELECT * FROM ${scan}`);
  const names = schema.map((row) => String(row[0]));
  const mapped = schema.map((row) => mapDuckDbType(String(row[1]), quoteIdent(String(row[0]))));
  const select = mapped.map((m, i) => `${m.sql} AS ${columnIdent(i)}`).join(', ');
  await connection.run(`CREATE TABLE ${table} AS SELECT ${select} FROM ${scan}`);
  const columns = uniqueColumnNames(names).map((name, i) => ({ name, type: mapped[i]!.type, unparsedCount: 0 }));
  const indexes = columns.map((_, i) => i);
  return { parts: [{ table, indexes }], columns, rowCount: await countRows(connection, table), skippedRows: 0, warnings: [] };
}

export function loadParquet(connection: DuckDBConnection, path: string): Promise<LoadedTable> {
  return loadScan(connection, `read_parquet(${quoteLiteral(path)})`, 'parquet');
}

/** A JSON array of records or JSON Lines; the whole file is sampled so late keys and types are not missed. */
export function loadJson(connection: DuckDBConnection, path: string): Promise<LoadedTable> {
  const scan = `read_json(${quoteLiteral(path)}, format = 'auto', sample_size = -1, maximum_object_size = 33554432)`;
  return loadScan(connection, scan, 'json');
}
