/** Type inference: every non-missing value must parse; codes, separators, missing markers, tolerance. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTabularEngine, profileTable } from '../../src/tabular/index.js';
import { column, tempDir, type TempDir } from './tabularTestKit.js';

let dir: TempDir;
beforeAll(() => { dir = tempDir(); });
afterAll(async () => { dir.remove(); await closeTabularEngine(); });

const profileText = (name: string, text: string) => profileTable({ kind: 'delimited', path: dir.write(name, text) });

describe('type inference', () => {
  it('keeps zero-padded codes as text, integers with gaps as integers, and mixed values as text', async () => {
    const profile = await profileText('kinds.csv', 'code,gaps,mixed,flag,when,stamp\n001,1,1,true,2024-01-31,2024-01-31T10:00:00\n002,,x,FALSE,2024-02-29,2024-02-29 11:30\n010,3,2.5,True,2023-12-01,2023-12-01\n');
    expect(profile.columns.map((c) => [c.name, c.dataType])).toEqual([
      ['code', 'sc:Text'], ['gaps', 'sc:Integer'], ['mixed', 'sc:Text'], ['flag', 'sc:Boolean'], ['when', 'sc:Date'], ['stamp', 'sc:DateTime'],
    ]);
    expect(column(profile, 'code').sample).toEqual(['001', '002', '010']);
    expect(column(profile, 'gaps').statistics.missingCount).toBe(1);
    expect(column(profile, 'flag').sample).toEqual([true, false]);
    expect([column(profile, 'stamp').statistics.min, column(profile, 'stamp').statistics.max]).toEqual(['2023-12-01T00:00:00', '2024-02-29T11:30:00']);
  });

  it('treats the empty field and the pandas NA strings as missing, but not whitespace', async () => {
    const markers = ['', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null'];
    const text = 'value,label\n' + markers.map((m) => `${m},x`).join('\n') + '\n7,x\n8, \n';
    const profile = await profileText('na.csv', text);
    const value = column(profile, 'value');
    expect(value.dataType).toBe('sc:Integer');
    expect([value.statistics.valueCount, value.statistics.missingCount, value.statistics.mean]).toEqual([2, markers.length, 7.5]);
    expect(column(profile, 'label').statistics.missingCount).toBe(0);
    expect(column(profile, 'label').sample).toEqual(['x', ' ']);
  });

  it('reads comma thousands separators (comma-delimited, quoted) as numbers', async () => {
    const profile = await profileText('thousands.csv', 'amount,price\n"1,234,567","1,234.50"\n12,7.25\n"5,000","2,000.125"\n');
    expect(profile.columns.map((c) => c.dataType)).toEqual(['sc:Integer', 'sc:Float']);
    expect([column(profile, 'amount').statistics.max, column(profile, 'amount').statistics.min]).toEqual([1234567, 12]);
    expect(column(profile, 'price').statistics.max).toBe(2000.125);
  });

  it('reads decimal commas (and dot thousands) in a ;-delimited file', async () => {
    const profile = await profileText('decimal.csv', 'x;y;ids\n3,14;1.234,5;104,106,107\n2,5;10;101\n-1,25;7,75;102,103,105\n');
    expect(profile.columns.map((c) => c.dataType)).toEqual(['sc:Float', 'sc:Float', 'sc:Text']);
    expect([column(profile, 'x').statistics.min, column(profile, 'x').statistics.max]).toEqual([-1.25, 3.14]);
    expect(column(profile, 'y').statistics.max).toBe(1234.5);
    expect(column(profile, 'x').sample).toEqual([3.14, 2.5, -1.25]);
  });

  it('tolerates 1 unparsable value in 10,000 and reports it as unparsedCount', async () => {
    const values = Array.from({ length: 20_000 }, (_, i) => String(i));
    values[15_000] = 'oops';
    const profile = await profileText('tolerance.csv', 'n\n' + values.join('\n') + '\n');
    const n = column(profile, 'n');
    expect(n.dataType).toBe('sc:Integer');
    expect([n.statistics.unparsedCount, n.statistics.valueCount, n.statistics.missingCount, n.statistics.max]).toEqual([1, 20_000, 0, 19_999]);
  });

  it('falls back to text when values beyond the sniffed head do not parse', async () => {
    const values = Array.from({ length: 30_000 }, (_, i) => String(i));
    values[25_000] = 'x1';
    values[26_000] = 'x2';
    values[27_000] = 'x3';
    values[28_000] = 'x4'; // 4 > the tolerance of 3 for 30,000 values
    const profile = await profileText('late-text.csv', 'n,f\n' + values.map((v, i) => `${v},${i === 29_999 ? '1.5' : i}`).join('\n') + '\n');
    expect(column(profile, 'n').dataType).toBe('sc:Text');
    expect(column(profile, 'n').statistics.uniqueCount).toBe(30_000);
    expect(column(profile, 'f').dataType).toBe('sc:Float');
    expect(column(profile, 'f').statistics.max).toBe(29_998);
    expect(profile.rowCount).toBe(30_000);
  });

  it('converts UTC offsets of date-times to UTC', async () => {
    const profile = await profileText('zones.csv', 't\n2024-01-01T10:00:00+02:00\n2024-01-01T09:00:00Z\n');
    const t = column(profile, 't');
    expect(t.dataType).toBe('sc:DateTime');
    expect([t.statistics.min, t.statistics.max, t.statistics.uniqueCount]).toEqual(['2024-01-01T08:00:00', '2024-01-01T09:00:00', 2]);
  });
});
