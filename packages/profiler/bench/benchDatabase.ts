/**
 * Benchmark: the heavy profile of one database table (all its statistics, computed in SQL) next to
 * `SELECT count(*)` and a plain `SELECT *` fetched to the client (a cursor, 10,000 rows a fetch),
 * on the same table in the same run.
 *
 *   PG_TEST_URL=postgresql://postgres@127.0.0.1:5432/profiler_test npm run bench:database -- [schema.table]
 *
 * The default table is public.measurements, the 1-million-row table of test/database/schema.sql.
 */
import { listRelations } from '../src/database/catalog.js';
import { DEFAULT_DATABASE_SETTINGS, openPool, readOnly } from '../src/database/connection.js';
import { profileRelation } from '../src/database/tableStatistics.js';

const url = process.env.PG_TEST_URL;
if (!url) throw new Error('set PG_TEST_URL to the database to measure');
const qualified = process.argv[2] ?? 'public.measurements';
const { hostname, port, pathname, username, password } = new URL(url);
const database = {
  protocol: 'postgresql', engine: 'PostgreSQL', host: hostname, port: Number(port), databaseName: pathname.slice(1),
  credentials: { user: decodeURIComponent(username), password: decodeURIComponent(password) },
};
// Statistics of a whole table, never a sample, and no timeout: this measures the full work.
const settings = { ...DEFAULT_DATABASE_SETTINGS, statementTimeoutMs: 3_600_000, sampleAboveRows: Number.MAX_SAFE_INTEGER };

const timed = async <T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
};

const pool = openPool(database, settings);
try {
  const relation = await readOnly(pool, settings, async (client) => (await listRelations(client)).find((r) => r.qualified === qualified));
  if (!relation) throw new Error(`no relation ${qualified}`);
  const count = await timed(() => readOnly(pool, settings, async (client) => Number((await client.query(`SELECT count(*) AS n FROM ${relation.sql}`)).rows[0].n)));
  const fetch = await timed(() => readOnly(pool, settings, async (client) => {
    await client.query(`DECLARE everything NO SCROLL CURSOR FOR SELECT * FROM ${relation.sql}`);
    let rows = 0;
    for (;;) {
      const batch = await client.query({ text: 'FETCH 10000 FROM everything', rowMode: 'array' });
      rows += batch.rowCount ?? 0;
      if ((batch.rowCount ?? 0) === 0) return rows;
    }
  }));
  const profile = await timed(() => readOnly(pool, settings, (client) => profileRelation(client, relation, settings, new Date().toISOString())));
  const rows = count.value;
  const line = (label: string, ms: number) => `${label.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${Math.round(rows / (ms / 1000)).toLocaleString('en').padStart(12)} rows/s`;
  console.log(`${qualified}: ${rows.toLocaleString('en')} rows, ${relation.columns.length} columns, PostgreSQL ${(await pool.query('SHOW server_version')).rows[0].server_version}`);
  console.log(line('SELECT count(*)', count.ms));
  console.log(line(`SELECT * fetched (${fetch.value} rows)`, fetch.ms));
  console.log(line('heavy profile (all statistics)', profile.ms));
  console.log(`profile / count(*) = ${(profile.ms / count.ms).toFixed(1)}×, profile / SELECT * = ${(profile.ms / fetch.ms).toFixed(2)}×`);
} finally {
  await pool.end();
}

