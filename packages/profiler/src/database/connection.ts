import { isIP } from 'node:net';
import { checkServerIdentity } from 'node:tls';
import pg from 'pg';
import type { DatabaseConnectionInfo, DatabaseTls } from '../api.js';
import { DatabaseProfileError } from '../errors.js';

/** What every query of a profile runs under. */
export interface DatabaseSettings {
  /** Each statement is cancelled after this long (SET LOCAL statement_timeout). */
  statementTimeoutMs: number;
  /** A table estimated above this many rows is profiled on a TABLESAMPLE SYSTEM sample of about this many. */
  sampleAboveRows: number;
  connectTimeoutMs: number;
  /** SET LOCAL work_mem for the profile's sorts and groupings (the server default, 4 MB, spills them to disk). */
  workMemMb: number;
  /** Absent: plain TCP. */
  tls?: DatabaseTls;
}

export const DEFAULT_DATABASE_SETTINGS: DatabaseSettings = {
  statementTimeoutMs: 60_000,
  sampleAboveRows: 10_000_000,
  connectTimeoutMs: 10_000,
  workMemMb: 32,
};

const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184 } as const;

const isoTimestamp = (text: string): string => text.replace(' ', 'T');

/** Values as JSON wants them: bigints and numerics as numbers when exact enough, dates and times as ISO text. */
const PARSERS: Record<number, (text: string) => unknown> = {
  [OID.INT8]: (text) => (Number.isSafeInteger(Number(text)) ? Number(text) : text),
  [OID.NUMERIC]: (text) => (Number.isFinite(Number(text)) ? Number(text) : text),
  [OID.DATE]: (text) => text,
  [OID.TIMESTAMP]: isoTimestamp,
  [OID.TIMESTAMPTZ]: isoTimestamp,
};

const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    PARSERS[oid] ?? (pg.types.getTypeParser as (oid: number, format?: string) => (text: string) => unknown)(oid, format),
};

/**
 * The socket goes to the vetted address, but `verify-full` checks the certificate against the host
 * the request named (SNI only for a name: RFC 6066 allows no address there).
 */
function sslOf(database: DatabaseConnectionInfo, tls: DatabaseTls | undefined): pg.PoolConfig['ssl'] {
  if (!tls) return false;
  if (tls.mode === 'require') return { rejectUnauthorized: false };
  const host = database.host.replace(/^\[(.*)\]$/, '$1');
  return {
    rejectUnauthorized: true,
    ...(tls.ca ? { ca: tls.ca } : {}),
    ...(isIP(host) === 0 ? { servername: host } : {}),
    checkServerIdentity: (_address, certificate) => checkServerIdentity(host, certificate),
  };
}

/**
 * A small pool onto the vetted address (never the name again: it might resolve elsewhere now),
 * over TLS when configured. Every session is read-only, in UTC with ISO dates, and every statement has a timeout, so a
 * profile can neither write nor hang the database.
 */
export function openPool(database: DatabaseConnectionInfo, settings: DatabaseSettings): pg.Pool {
  if (!database.credentials) {
    throw new DatabaseProfileError(`no credentials for database ${credentialKeyOf(database)}: add them to DB_CREDENTIALS or to the secret DB_CREDENTIALS_SECRET_ARN names`);
  }
  const pool = new pg.Pool({
    host: database.address ?? database.host,
    port: database.port,
    database: database.databaseName,
    user: database.credentials.user,
    password: database.credentials.password,
    max: 1,
    ssl: sslOf(database, settings.tls),
    connectionTimeoutMillis: settings.connectTimeoutMs,
    application_name: 'dataset-profiler',
    options: `-c default_transaction_read_only=on -c statement_timeout=${settings.statementTimeoutMs} -c TimeZone=UTC -c DateStyle=ISO -c IntervalStyle=iso_8601`,
    types,
  });
  // An idle client that dies (server restart) must not crash the job; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/** The DB_CREDENTIALS key of a connection: `host:port/database`, as the request names it. */
export function credentialKeyOf(database: Pick<DatabaseConnectionInfo, 'host' | 'port' | 'databaseName'>): string {
  return `${database.host}:${database.port}/${database.databaseName}`;
}

/**
 * Runs `work` in one read-only REPEATABLE READ transaction (one snapshot for all of a table's
 * queries, so counts and histograms agree), each statement under the timeout. A client whose
 * transaction failed is discarded rather than reused.
 */
export async function readOnly<T>(pool: pg.Pool, settings: DatabaseSettings, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.trunc(settings.statementTimeoutMs)}`);
    await client.query(`SET LOCAL work_mem = '${Math.trunc(settings.workMemMb)}MB'`);
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

/** A client-safe reason: the server's message (which never holds the password), without stack or address details. */
export function reasonOf(error: unknown): string {
  if (error instanceof pg.DatabaseError) return error.code === '57014' ? `timed out: ${error.message}` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
