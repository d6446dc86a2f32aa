import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithService } from '../../../../test/support/externalService.js';
import type { DatabaseConnectionInfo, DatabaseTls, HeavyResult, LightResult, ProfilerProgress } from '../../src/api.js';
import { listRelations } from '../../src/database/catalog.js';
import { DEFAULT_DATABASE_SETTINGS, openPool, readOnly } from '../../src/database/connection.js';
import { profileRelation } from '../../src/database/tableStatistics.js';
import { DatabaseProfileError } from '../../src/errors.js';
import { buildHeavyProfile } from '../../src/heavy/buildHeavyProfile.js';
import { buildLightProfile } from '../../src/light/buildLightProfile.js';
import { testMetadata } from '../helpers/tempDataset.js';

type Entry = Record<string, any>;

/** The schema .ci/services/40-postgres.sh loads (test/database/schema.sql), profiled as its read-only role. */
const RELATIONS = [
  'analytics.events', 'public.Odd Name', 'public.empty_table', 'public.lines', 'public.measurements', 'public.places', 'public.readings',
  'public.secret_table', 'public.sparse', 'public.station_summary', 'public.stations',
];

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const sqlName = (qualified: string) => {
  const dot = qualified.indexOf('.');
  return `${quote(qualified.slice(0, dot))}.${quote(qualified.slice(dot + 1))}`;
};

describeWithService('PG_TEST_URL', 'PostgreSQL connector (profiler)', (url) => {
  let admin: pg.Client;
  let root: string;
  let database: DatabaseConnectionInfo;
  let light: LightResult;
  let heavy: HeavyResult;
  const progress: ProfilerProgress[] = [];

  const one = async (sql: string, values: unknown[] = []) => (await admin.query(sql, values)).rows[0] as Entry;
  const recordSet = (name: string): Entry => (heavy.profile.recordSet as Entry[]).find((r) => r.name === name)!;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    root = await mkdtemp(join(tmpdir(), 'pg-profile-'));
    const { hostname, port, pathname } = new URL(url);
    database = {
      protocol: 'postgresql', engine: 'TimescaleDB', host: hostname, port: Number(port), databaseName: pathname.slice(1),
      credentials: { user: process.env.PG_TEST_READER_USER!, password: process.env.PG_TEST_READER_PASSWORD! },
    };
    const options = { root, metadata: testMetadata(), databases: [database], onProgress: (p: ProfilerProgress) => progress.push(p) };
    light = await buildLightProfile(options);
    heavy = await buildHeavyProfile(light, options);
  }, 300_000);

  afterAll(async () => {
    await admin?.end();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('lists the connection, then every table and view with its schema-qualified name, size and row estimate, containedIn it', async () => {
    const [connection, ...tables] = light.profile.distribution as Entry[];
    expect(connection).toMatchObject({
      '@type': 'dg:DatabaseConnection', name: database.databaseName, encodingFormat: 'text/sql',
      contentUrl: `postgresql://${database.host}:${database.port}/${database.databaseName}`,
    });
    expect(tables.map((t) => t.name)).toEqual(RELATIONS);
    for (const table of tables) {
      expect(table).toMatchObject({ '@type': 'cr:FileObject', encodingFormat: 'text/sql', containedIn: { '@id': connection!['@id'] }, contentUrl: `${database.databaseName}.${table.name}` });
      if (table.name === 'public.readings' || table.name === 'public.station_summary') continue;
      const expected = await one(`SELECT pg_total_relation_size($1::regclass) AS bytes, reltuples FROM pg_class WHERE oid = $1::regclass`, [sqlName(table.name)]);
      expect(table.contentSize, table.name).toBe(`${expected.bytes} B`);
      expect(table.rowEstimate, table.name).toBe(Math.round(expected.reltuples));
    }
    expect(tables.find((t) => t.name === 'public.station_summary')).toMatchObject({ tableType: 'view', contentSize: '0 B' });
    expect(tables.find((t) => t.name === 'public.station_summary')).not.toHaveProperty('rowEstimate');
  });

  it('treats a hypertable (a catalog made to look like TimescaleDB: Debian packages none) as one table: chunks unlisted, their rows and sizes added up', async () => {
    const tables = light.profile.distribution as Entry[];
    expect(tables.some((t) => String(t.name).includes('_hyper_') || String(t.name).startsWith('_timescaledb'))).toBe(false);
    const chunks = await one(`SELECT sum(pg_total_relation_size(c.oid)) + pg_total_relation_size('readings') AS bytes, sum(c.reltuples) AS rows
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'readings'::regclass`);
    expect(tables.find((t) => t.name === 'public.readings')).toMatchObject({ tableType: 'hypertable', contentSize: `${chunks.bytes} B`, rowEstimate: Number(chunks.rows) });
    const readings = recordSet('public.readings');
    expect(readings.field[0].statistics.rowCount).toBe(Number((await one('SELECT count(*) AS n FROM readings')).n));
    expect(readings.field[0].statistics.rowCount).toBe(500);
  });

  it('reports a table it may not read with the reason, and profiles the others', () => {
    expect(recordSet('public.secret_table')).toMatchObject({ error: 'cannot profile public.secret_table: permission denied for table secret_table' });
    expect(recordSet('public.secret_table')).not.toHaveProperty('field');
    expect((heavy.profile.recordSet as Entry[]).filter((r) => !r.error).map((r) => r.name)).toEqual(RELATIONS.filter((n) => n !== 'public.secret_table'));
  });

  it('types fields from the catalog', () => {
    const types = (name: string) => Object.fromEntries(recordSet(name).field.map((f: Entry) => [f.name, [f.dataType, f.sqlType, f.repeated ?? false]]));
    expect(types('public.stations')).toEqual({
      id: ['sc:Integer', 'integer', false], name: ['sc:Text', 'text', false], code: ['sc:Text', 'character varying(8)', false],
      opened: ['sc:Date', 'date', false], active: ['sc:Boolean', 'boolean', false], location: ['sc:StructuredValue', 'jsonb', false],
      tags: ['sc:Text', 'text[]', true], uid: ['sc:Text', 'uuid', false],
    });
    expect(types('public.measurements')).toMatchObject({
      id: ['sc:Integer', 'bigint', false], measured_at: ['sc:DateTime', 'timestamp with time zone', false], local_time: ['sc:DateTime', 'timestamp without time zone', false],
      value: ['sc:Float', 'double precision', false], reading: ['sc:Float', 'numeric(12,3)', false], small: ['sc:Integer', 'smallint', false],
    });
    expect(types('analytics.events')).toMatchObject({ payload: ['sc:StructuredValue', 'json', false], scores: ['sc:Integer', 'integer[]', true] });
    expect(types('public.places')).toEqual({ id: ['sc:Integer', 'integer', false], geom: ['sc:GeoShape', 'postgis.geometry', false], area: ['sc:GeoShape', 'postgis.geography', false] });
  });

  it('profiles PostGIS columns (the extension off the search path): geometry types, SRIDs and extent, values as EWKT', async () => {
    const places = recordSet('public.places');
    const geom = places.field.find((f: Entry) => f.name === 'geom');
    expect(geom.statistics).toMatchObject({ rowCount: 300, valueCount: 270, missingCount: 30, srids: [3857, 4326], min: null, max: null, histogram: null });
    // Most frequent first, ties by name; the expected numbers follow from schema.sql's CASE.
    expect(Object.entries(geom.statistics.geometryTypes)).toEqual([['POINT', 91], ['LINESTRING', 89], ['POLYGON', 89], ['GEOMETRYCOLLECTION', 1]]);
    // Per SRID, never mixed; PostGIS's cached boxes are float4, rounded outwards (checked exactly against ST_Extent below).
    expect(Object.keys(geom.statistics.boundingBox)).toEqual(['3857', '4326']);
    const expectedBoxes = { 3857: [2641011, 4576989, 2641011, 4576989], 4326: [-39.9, -14.95, 26.96, 39.385] } as const;
    for (const [srid, box] of Object.entries(expectedBoxes)) box.forEach((v, i) => expect(geom.statistics.boundingBox[srid][i]).toBeCloseTo(v, 4));
    expect(places.field.find((f: Entry) => f.name === 'area').statistics).toMatchObject({ valueCount: 150, geometryTypes: { POINT: 150 }, srids: [4326] });
    const first = await one(`SELECT postgis.ST_AsEWKT(geom) AS geom, postgis.ST_AsEWKT(area::postgis.geometry) AS area FROM places ORDER BY id LIMIT 1`);
    expect(places.examples[0]).toEqual({ id: 1, ...first });
    expect(geom.sample[0]).toMatch(/^SRID=4326;LINESTRING\(/);
    // The extension's own tables and views (spatial_ref_sys, geometry_columns…) are not the database's data.
    expect((light.profile.distribution as Entry[]).some((t) => /spatial_ref_sys|geometry_columns|geography_columns/.test(String(t.name)))).toBe(false);
  });

  it('turns primary keys into `key` and foreign keys into `references`, composite ones included', () => {
    const fieldId = (table: string, column: string) => recordSet(table).field.find((f: Entry) => f.name === column)['@id'];
    expect(recordSet('public.stations').key).toEqual({ '@id': fieldId('public.stations', 'id') });
    expect(recordSet('public.lines').key).toEqual([{ '@id': fieldId('public.lines', 'network') }, { '@id': fieldId('public.lines', 'line_no') }]);
    expect(recordSet('public.Odd Name')).not.toHaveProperty('key');
    const field = (table: string, column: string) => recordSet(table).field.find((f: Entry) => f.name === column);
    expect(field('public.measurements', 'station_id').references).toEqual({ field: { '@id': fieldId('public.stations', 'id') } });
    expect(field('analytics.events', 'station_id').references).toEqual({ field: { '@id': fieldId('public.stations', 'id') } });
    expect(field('public.sparse', 'network').references).toEqual({ field: { '@id': fieldId('public.lines', 'network') } });
    expect(field('public.sparse', 'line_no').references).toEqual({ field: { '@id': fieldId('public.lines', 'line_no') } });
    expect(field('public.sparse', 'mostly_null')).not.toHaveProperty('references');
  });

  it('gives examples (first 30 rows in key order) and samples (first distinct values) as JSON values, non-ASCII text intact', async () => {
    const stations = recordSet('public.stations');
    expect(stations.examples).toHaveLength(30);
    const first = await one(`SELECT id, name, code, opened::text AS opened, active, location, tags, uid::text AS uid FROM stations ORDER BY id LIMIT 1`);
    expect(stations.examples[0]).toEqual(first);
    expect(stations.field.find((f: Entry) => f.name === 'name').sample[0]).toBe('Ομόνοια 1');
    expect(stations.field.find((f: Entry) => f.name === 'location').sample[0]).toEqual({ lat: 37.901, lon: 23.699, zone: 1 });
    expect(recordSet('public.empty_table')).toMatchObject({ examples: [] });
    expect(recordSet('public.sparse').field.find((f: Entry) => f.name === 'always_null').sample).toEqual([]);
  });

  it('computes every statistic in the database as an independent query over the same table finds it', async () => {
    for (const set of (heavy.profile.recordSet as Entry[]).filter((r) => !r.error)) {
      for (const field of set.field as Entry[]) await expectStatistics(admin, sqlName(set.name), field);
    }
  }, 300_000);

  it('reports progress table by table up to every table', () => {
    const heavyEvents = progress.filter((p) => p.phase === 'heavy');
    expect(heavyEvents.at(-1)).toMatchObject({ filesDone: RELATIONS.length, filesTotal: RELATIONS.length });
    expect(new Set(heavyEvents.map((p) => p.filesDone))).toEqual(new Set(Array.from({ length: RELATIONS.length + 1 }, (_, i) => i)));
  });

  it('puts the tables and their statistics into the CDD profile', () => {
    const entry = (heavy.cdd.files as Entry[]).find((f) => f.original_format === 'sql-db')!;
    expect(entry.tables.map((t: Entry) => t.name)).toEqual(RELATIONS);
    expect(entry.tables.find((t: Entry) => t.name === 'public.stations').columns[0]).toMatchObject({ name: 'id', primitive_type: 'sc:Integer', statistics: { rowCount: 200 } });
  });

  it('samples a table estimated above the limit with TABLESAMPLE SYSTEM and says so', async () => {
    const settings = { ...DEFAULT_DATABASE_SETTINGS, sampleAboveRows: 100_000 };
    const pool = openPool(database, settings);
    try {
      const table = await readOnly(pool, settings, async (client) => {
        const measurements = (await listRelations(client)).find((r) => r.qualified === 'public.measurements')!;
        return profileRelation(client, measurements, settings, new Date().toISOString());
      });
      const estimate = Number((await one(`SELECT reltuples FROM pg_class WHERE oid = 'measurements'::regclass`)).reltuples);
      const sampled = { method: 'SYSTEM', fraction: 100_000 / estimate };
      expect(table.sampled).toEqual(sampled);
      const inSample = Number((await one(`SELECT count(*) AS n FROM measurements TABLESAMPLE SYSTEM (${sampled.fraction * 100}) REPEATABLE (0)`)).n);
      expect(table.rowCount).toBe(inSample);
      expect(inSample).toBeGreaterThan(0);
      expect(inSample).toBeLessThan(estimate / 2);
      for (const column of table.columns) expect(column.statistics).toMatchObject({ sampled, rowCount: inSample });
    } finally {
      await pool.end();
    }
  });

  it('reports a table whose statement times out with the reason, and still profiles the others', async () => {
    const options = { root, metadata: testMetadata(), databases: [database], database: { statementTimeoutMs: 300 } };
    const { profile } = await buildHeavyProfile(light, options);
    const sets = profile.recordSet as Entry[];
    expect(sets.find((r) => r.name === 'public.measurements')).toMatchObject({ error: 'cannot profile public.measurements: timed out: canceling statement due to statement timeout' });
    expect(sets.find((r) => r.name === 'public.stations')!.field).toHaveLength(8);
  }, 120_000);

  it('runs read-only: even a role that may write cannot, through the profiler\'s transaction', async () => {
    const { hostname, port, pathname } = new URL(url);
    const superuser = { ...database, host: hostname, port: Number(port), databaseName: pathname.slice(1), credentials: { user: 'postgres', password: '' } };
    const pool = openPool(superuser, DEFAULT_DATABASE_SETTINGS);
    try {
      await expect(readOnly(pool, DEFAULT_DATABASE_SETTINGS, (client) => client.query('CREATE TABLE written_by_profiler (x int)'))).rejects.toThrow('cannot execute CREATE TABLE in a read-only transaction');
    } finally {
      await pool.end();
    }
  });

  it('connects over TLS when configured: require encrypts, verify-full checks the CA and the requested host name', async () => {
    const ca = await readFile(process.env.PG_TEST_CA_FILE!, 'utf8');
    const sessionSsl = async (target: DatabaseConnectionInfo, tls?: DatabaseTls): Promise<boolean> => {
      const settings = { ...DEFAULT_DATABASE_SETTINGS, ...(tls ? { tls } : {}) };
      const pool = openPool(target, settings);
      try {
        return await readOnly(pool, settings, async (client) => (await client.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows[0].ssl);
      } finally {
        await pool.end();
      }
    };
    expect(await sessionSsl(database)).toBe(false);
    expect(await sessionSsl(database, { mode: 'require' })).toBe(true);
    expect(await sessionSsl(database, { mode: 'verify-full', ca })).toBe(true);
    // The socket goes to the vetted address; the certificate is checked against the name the request gave.
    expect(await sessionSsl({ ...database, host: 'localhost', address: '127.0.0.1' }, { mode: 'verify-full', ca })).toBe(true);
    await expect(sessionSsl({ ...database, host: 'db.example.org', address: '127.0.0.1' }, { mode: 'verify-full', ca })).rejects.toThrow(/Host: db\.example\.org\. is not in the cert's altnames/);
    await expect(sessionSsl(database, { mode: 'verify-full' })).rejects.toThrow('unable to verify the first certificate');
  });

  it('fails the job naming the connection, never the password, when the credentials are refused', async () => {
    const wrong = { ...database, credentials: { user: database.credentials!.user, password: 'not-the-password-42' } };
    const error = await buildLightProfile({ root, metadata: testMetadata(), databases: [wrong] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseProfileError);
    expect((error as Error).message).toBe(`cannot list the tables of database ${database.host}:${database.port}/${database.databaseName}: password authentication failed for user "${database.credentials!.user}"`);
  });
});

/** Every statistic of one field against SQL written here, independently of the profiler's queries. */
async function expectStatistics(db: pg.Client, table: string, field: Entry): Promise<void> {
  const c = quote(field.name);
  const s = field.statistics;
  const label = `${table}.${field.name}`;
  const q = async (sql: string): Promise<any[]> => (await db.query({ text: sql, rowMode: 'array' })).rows;
  const [[rows, present]] = await q(`SELECT count(*), sum(CASE WHEN ${c} IS NULL THEN 0 ELSE 1 END) FROM ${table}`);
  const n = Number(present ?? 0);
  expect(s.rowCount, label).toBe(Number(rows));
  expect(s.valueCount, label).toBe(n);
  expect(s.missingCount, label).toBe(Number(rows) - n);
  expect(s.missingPercentage, label).toBe(Number(rows) === 0 ? null : (100 * (Number(rows) - n)) / Number(rows));
  const distinctOf = field.dataType === 'sc:StructuredValue' || field.dataType === 'sc:GeoShape' || field.repeated ? `${c}::text` : c;
  const [[unique]] = await q(`SELECT count(*) FROM (SELECT DISTINCT ${distinctOf} FROM ${table} WHERE ${c} IS NOT NULL) AS d`);
  expect(s.uniqueCount, label).toBe(Number(unique));

  const numeric = (field.dataType === 'sc:Integer' || field.dataType === 'sc:Float') && !field.repeated;
  if (numeric || field.dataType === 'sc:Boolean') {
    const x = field.dataType === 'sc:Boolean' ? `(CASE WHEN ${c} THEN 1 WHEN NOT ${c} THEN 0 END)` : c;
    if (n === 0) {
      expect([s.min, s.max, s.mean, s.median, s.histogram], label).toEqual([null, null, null, null, null]);
      return;
    }
    const [[min]] = await q(`SELECT ${x}::float8 FROM ${table} WHERE ${c} IS NOT NULL ORDER BY ${x} LIMIT 1`);
    const [[max]] = await q(`SELECT ${x}::float8 FROM ${table} WHERE ${c} IS NOT NULL ORDER BY ${x} DESC LIMIT 1`);
    expect([s.min, s.max, s.range], label).toEqual([min, max, (max as number) - (min as number)]);
    const [[sum, squares]] = await q(`SELECT sum(${x}::numeric)::text, sum(${x}::numeric * ${x}::numeric)::text FROM ${table}`);
    const mean = Number(sum) / n;
    expect(s.mean, label).toBeCloseTo(mean, 9);
    if (n > 1) {
      const [[variance]] = await q(`SELECT ((${squares}::numeric - ${sum}::numeric * ${sum}::numeric / ${n}) / ${n - 1})::float8`);
      expect(relative(s.variance, variance as number), label).toBeLessThan(1e-9);
      expect(relative(s.standardDeviation, Math.sqrt(variance as number)), label).toBeLessThan(1e-9);
    } else {
      expect([s.variance, s.standardDeviation], label).toEqual([null, null]);
    }
    // Linear interpolation between closest ranks (numpy's default), from the ranks of one ordering.
    const quantiles = [['percentile05', 0.05], ['median', 0.5], ['percentile95', 0.95]] as const;
    const ranks = quantiles.flatMap(([, p]) => [Math.floor((n - 1) * p) + 1, Math.min(n, Math.floor((n - 1) * p) + 2)]);
    const ranked = new Map((await q(`SELECT rank, v FROM (SELECT row_number() OVER (ORDER BY ${x}) AS rank, ${x}::float8 AS v FROM ${table} WHERE ${c} IS NOT NULL) AS r
      WHERE rank IN (${ranks.join(', ')})`)).map(([rank, v]) => [Number(rank), v as number]));
    for (const [key, p] of quantiles) {
      const position = (n - 1) * p;
      const below = Math.floor(position);
      const low = ranked.get(below + 1)!;
      const expected = low + (position - below) * ((ranked.get(Math.min(n, below + 2)) ?? low) - low);
      expect(Math.abs(s[key] - expected), `${label} ${key}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
    }
    const bins = JSON.parse(s.histogram) as { binRange: [number, number]; count: number }[];
    const filters = bins.map((b, i) => `count(*) FILTER (WHERE ${x}::float8 ${i === 0 ? '>=' : '>'} ${b.binRange[0]} AND ${x}::float8 <= ${b.binRange[1]})`);
    const [counts] = await q(`SELECT ${filters.join(', ')} FROM ${table}`);
    expect(bins.map((b) => b.count), label).toEqual(counts!.map(Number));
    expect([bins[0]!.binRange[0], bins.at(-1)!.binRange[1]], label).toEqual([min, max]);
    return;
  }
  if (field.dataType === 'sc:Date' || field.dataType === 'sc:DateTime') {
    const [[min]] = await q(`SELECT replace(${c}::text, ' ', 'T') FROM ${table} WHERE ${c} IS NOT NULL ORDER BY ${c} LIMIT 1`);
    const [[max]] = await q(`SELECT replace(${c}::text, ' ', 'T') FROM ${table} WHERE ${c} IS NOT NULL ORDER BY ${c} DESC LIMIT 1`);
    expect([s.min, s.max], label).toEqual([min ?? null, max ?? null]);
    return;
  }
  if (field.dataType === 'sc:GeoShape') {
    const g = `${c}::postgis.geometry`;
    const types = await q(`SELECT postgis.GeometryType(${g}), count(*) FROM ${table} WHERE ${c} IS NOT NULL GROUP BY 1`);
    expect(s.geometryTypes, label).toEqual(Object.fromEntries(types.map(([type, count]) => [type, Number(count)])));
    const srids = await q(`SELECT DISTINCT postgis.ST_SRID(${g}) FROM ${table} WHERE ${c} IS NOT NULL ORDER BY 1`);
    expect(s.srids, label).toEqual(srids.map(([srid]) => Number(srid)));
    const extents = await q(`SELECT srid::text, postgis.ST_XMin(e), postgis.ST_YMin(e), postgis.ST_XMax(e), postgis.ST_YMax(e)
      FROM (SELECT postgis.ST_SRID(${g}) AS srid, postgis.ST_Extent(${g}) AS e FROM ${table} GROUP BY 1) AS by_srid WHERE e IS NOT NULL`);
    expect(s.boundingBox, label).toEqual(Object.fromEntries(extents.map(([srid, ...box]) => [srid, box])));
    return;
  }
  const [[shortest, longest]] = await q(`SELECT min(char_length(${c}::text)), max(char_length(${c}::text)) FROM ${table}`);
  expect([s.minLength ?? null, s.maxLength ?? null], label).toEqual([shortest, longest]);
  const top = await q(`SELECT v, n FROM (SELECT ${c}::text AS v, count(*) AS n FROM ${table} WHERE ${c} IS NOT NULL GROUP BY 1) AS g ORDER BY n DESC, v COLLATE "C" LIMIT 5`);
  expect(s.mostFrequent, label).toEqual(top.map(([value, count]) => ({ value, count: Number(count) })));
}

const relative = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
