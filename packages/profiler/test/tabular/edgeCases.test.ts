/** Edge cases: empty and header-only files, huge cells, very wide files, in-memory rows, Parquet and JSON. */
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LINE_SIZE } from '../../src/tabular/csvRead.js';
import { closeTabularEngine, profileTable } from '../../src/tabular/index.js';
import { column, expectJsonSafe, tempDir, type TempDir } from './tabularTestKit.js';

let dir: TempDir;
beforeAll(() => { dir = tempDir(); });
afterAll(async () => { dir.remove(); await closeTabularEngine(); });

const profileText = (name: string, text: string) => profileTable({ kind: 'delimited', path: dir.write(name, text) });

describe('degenerate files', () => {
  it('profiles an empty file as no columns and no rows, with a warning', async () => {
    const profile = await profileText('empty.csv', '');
    expect([profile.rowCount, profile.columns, profile.examples]).toEqual([0, [], []]);
    expect(profile.warnings).toEqual(['the file has no content']);
  });

  it('profiles a header-only file as named text columns with zero rows', async () => {
    const profile = await profileText('header.csv', 'a,b,c\n');
    expect(profile.columns.map((c) => [c.name, c.dataType, c.statistics.rowCount, c.statistics.valueCount])).toEqual([
      ['a', 'sc:Text', 0, 0], ['b', 'sc:Text', 0, 0], ['c', 'sc:Text', 0, 0],
    ]);
    expect(profile.columns[0]!.statistics.missingPercentage).toBeNull();
    expectJsonSafe(profile);
  });

  it('profiles a one-column file', async () => {
    const profile = await profileText('one.csv', 'n\n3\n1\n2\n');
    expect(profile.columns.map((c) => [c.name, c.dataType, c.statistics.median])).toEqual([['n', 'sc:Integer', 2]]);
  });

  it('keeps a 1 MB cell intact', async () => {
    const long = 'λ'.repeat(1024 * 1024);
    const profile = await profileText('long.csv', `id,text\n1,"${long}"\n2,short\n`);
    expect(profile.rowCount).toBe(2);
    expect(column(profile, 'text').statistics.maxLength).toBe(1024 * 1024);
    expect((column(profile, 'text').sample[0] as string).length).toBe(1024 * 1024);
  });

  it('reads a line just under the line limit that straddles a read buffer, and every row around it', async () => {
    // 3 MB of rows first: the long line crosses the end of read_csv's first buffer (MAX_LINE_SIZE bytes).
    const before = Array.from({ length: 300_000 }, (_, i) => `${i},s${i % 7}\n`).join('');
    const longValue = 'x'.repeat(MAX_LINE_SIZE - 100);
    const after = Array.from({ length: 1_000 }, (_, i) => `${300_001 + i},s${i % 7}\n`).join('');
    const profile = await profileText('straddle.csv', `id,text\n${before}300000,${longValue}\n${after}`);
    expect([profile.rowCount, profile.skippedRows]).toEqual([301_001, 0]);
    expect(column(profile, 'text').statistics).toMatchObject({ maxLength: longValue.length, uniqueCount: 8 });
  });

  it('skips a row with a stray quote and samples the others', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => `${i},name ${i}`);
    const profile = await profileText('stray-quote.csv', `id,name\n0,"bad"row"\n${rows.join('\n')}\n`);
    expect(profile.rowCount).toBe(3_000);
    expect(profile.warnings).toEqual(['1 row(s) skipped (unquoted value), first at line 2']);
    expect(column(profile, 'name').sample).toEqual(Array.from({ length: 10 }, (_, i) => `name ${i}`));
    expect(profile.examples[0]).toEqual({ id: 0, name: 'name 0' });
  });

  it('bins a float column whose range overflows a double (-1e308..1e308)', async () => {
    const profile = await profileText('huge-range.csv', 'x,label\n-1e308,a\n1e308,b\n0.5,c\n');
    const s = column(profile, 'x').statistics;
    expect([s.min, s.max]).toEqual([-1e308, 1e308]);
    const bins = JSON.parse(s.histogram!) as { binRange: [number, number]; count: number }[];
    expect(bins).toHaveLength(10);
    expect([bins[0]!.binRange[0], bins[9]!.binRange[1]]).toEqual([-1e308, 1e308]);
    expect(bins.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(column(profile, 'label').statistics.uniqueCount).toBe(3);
    expectJsonSafe(profile);
  });

  it('profiles 10,000 columns', async () => {
    const width = 10_000;
    const header = Array.from({ length: width }, (_, i) => `c${i}`).join(',');
    const rows = Array.from({ length: 20 }, (_, r) => Array.from({ length: width }, (_, i) => (i % 2 ? `t${r}` : String(r * i))).join(','));
    const profile = await profileText('wide.csv', `${header}\n${rows.join('\n')}\n`);
    expect(profile.columns).toHaveLength(width);
    expect(profile.rowCount).toBe(20);
    expect(column(profile, 'c9998').statistics.max).toBe(19 * 9998);
    expect(column(profile, 'c9999').statistics.uniqueCount).toBe(20);
    expect(column(profile, 'c9999').dataType).toBe('sc:Text');
    // About 80 s alone on 2 cores; CI runs it beside other suites.
  }, 300_000);
});

describe('other inputs', () => {
  it('profiles in-memory rows (an Excel sheet) with typed cells', async () => {
    const rows = [
      [1, 'a', true, new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 0, 1, 10, 30)), 1.5, null],
      [2, 'b', false, new Date(Date.UTC(2024, 0, 2)), new Date(Date.UTC(2024, 0, 2, 11, 0)), 2, 'NA'],
      [3, '007', true, null, new Date(Date.UTC(2024, 0, 3)), 3.25, null],
    ];
    const profile = await profileTable({ kind: 'rows', columns: ['id', 'name', 'ok', 'day', 'at', 'x', 'x'], rows });
    expect(profile.columns.map((c) => [c.name, c.dataType])).toEqual([
      ['id', 'sc:Integer'], ['name', 'sc:Text'], ['ok', 'sc:Boolean'], ['day', 'sc:Date'], ['at', 'sc:DateTime'], ['x', 'sc:Float'], ['x.1', 'sc:Text'],
    ]);
    expect(column(profile, 'day').statistics.max).toBe('2024-01-02');
    expect(column(profile, 'at').statistics.max).toBe('2024-01-03T00:00:00');
    // A column of nothing but a token is text, where tokens are values (missing.ts).
    expect([column(profile, 'x.1').statistics.missingCount, column(profile, 'x.1').statistics.nullLikeCount]).toEqual([2, 1]);
    expect(profile.examples[2]).toEqual({ id: 3, name: '007', ok: true, day: null, at: '2024-01-03T00:00:00', x: 3.25, 'x.1': null });
  });

  it('profiles Parquet, a JSON array and JSON Lines with their own types', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const parquet = dir.path('t.parquet');
    await connection.run(`COPY (SELECT range AS id, range * 0.5 AS half, range % 2 = 0 AS even, DATE '2024-01-01' + CAST(range AS INTEGER) AS day, 'v' || range AS label, [range, 1] AS list FROM range(100)) TO '${parquet}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    const p = await profileTable({ kind: 'parquet', path: parquet });
    expect(p.columns.map((c) => c.dataType)).toEqual(['sc:Integer', 'sc:Float', 'sc:Boolean', 'sc:Date', 'sc:Text', 'sc:Text']);
    expect([p.rowCount, column(p, 'half').statistics.median, column(p, 'list').sample[0]]).toEqual([100, 24.75, '[0,1]']);
    const records = [{ a: 1, b: 'x' }, { a: 2, b: 'y', c: true }, { a: null, b: 'z' }];
    const array = await profileTable({ kind: 'json', path: dir.write('r.json', JSON.stringify(records)) });
    const lines = await profileTable({ kind: 'json', path: dir.write('r.jsonl', records.map((r) => JSON.stringify(r)).join('\n')) });
    for (const j of [array, lines]) {
      expect(j.columns.map((c) => [c.name, c.dataType, c.statistics.valueCount])).toEqual([['a', 'sc:Integer', 2], ['b', 'sc:Text', 3], ['c', 'sc:Boolean', 1]]);
    }
  });

  it('rejects unreadable Parquet and JSON with a reason', async () => {
    await expect(profileTable({ kind: 'parquet', path: dir.write('bad.parquet', 'not parquet') })).rejects.toThrow(/cannot profile parquet file .*bad\.parquet: ./);
    await expect(profileTable({ kind: 'json', path: dir.write('bad.json', '{"a": [1, 2') })).rejects.toThrow(/cannot profile json file .*bad\.json: ./);
  });
});
