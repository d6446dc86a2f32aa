/** Encodings (generated here with iconv-lite), gzip, and files that cannot be read. */
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTabularEngine, profileTable } from '../../src/tabular/index.js';
import { tempDir, type TempDir } from './tabularTestKit.js';

let dir: TempDir;
beforeAll(() => { dir = tempDir(); });
afterAll(async () => { dir.remove(); await closeTabularEngine(); });

const GREEK = 'id,station,count\n1,ΑΓΙΑ ΒΑΡΒΑΡΑ,10\n2,ΑΓΙΑ ΜΑΡΙΝΑ,20\n3,ΠΕΙΡΑΙΑΣ,30\n4,ΑΕΡΟΔΡΟΜΙΟ,40\n5,ΝΕΡΑΤΖΙΩΤΙΣΣΑ,50\n';
const FRENCH = 'id,ville,prix\n1,Orléans,3.5\n2,Besançon,4.5\n3,Château-Thierry,5.5\n4,Nîmes,6\n5,Saint-Étienne,7\n6,Mâcon,8\n';

async function stations(bytes: Buffer, name: string) {
  const profile = await profileTable({ kind: 'delimited', path: dir.write(name, bytes) });
  return { profile, values: profile.columns[1]!.sample };
}

describe('encodings', () => {
  it('reads UTF-8 with a BOM without a stray character in the first name', async () => {
    const { profile, values } = await stations(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GREEK)]), 'bom.csv');
    expect(profile.columns[0]!.name).toBe('id');
    expect(values).toContain('ΑΓΙΑ ΒΑΡΒΑΡΑ');
    expect(profile.dialect?.encoding).toBe('utf-8');
  });

  it('reads Latin-1 / Windows-1252 accented text as real characters', async () => {
    const { profile, values } = await stations(iconv.encode(FRENCH, 'latin1'), 'latin1.csv');
    expect(values).toEqual(['Orléans', 'Besançon', 'Château-Thierry', 'Nîmes', 'Saint-Étienne', 'Mâcon']);
    expect(profile.dialect?.encoding).toMatch(/windows-125[02]|iso-8859-1/);
  });

  it('reads Windows-1253 Greek as Greek', async () => {
    const text = GREEK + '6,ΣΥΝΤΑΓΜΑ ΚΑΙ ΟΜΟΝΟΙΑ,60\n7,ΜΟΝΑΣΤΗΡΑΚΙ ΘΗΣΕΙΟ ΚΕΡΑΜΕΙΚΟΣ,70\n';
    const { profile, values } = await stations(iconv.encode(text, 'win1253'), 'greek.csv');
    expect(values).toContain('ΑΓΙΑ ΒΑΡΒΑΡΑ');
    expect(values).toContain('ΝΕΡΑΤΖΙΩΤΙΣΣΑ');
    expect(profile.dialect?.encoding).toMatch(/1253|8859-7/);
  });

  it.each([['utf-16le', true], ['utf-16be', true], ['utf-16le', false]])('reads %s (BOM: %s)', async (encoding, bom) => {
    const { profile, values } = await stations(iconv.encode(GREEK, encoding, { addBOM: bom }), `u16-${encoding}-${bom}.csv`);
    expect(profile.dialect?.encoding).toBe(encoding);
    expect(profile.columns.map((c) => c.name)).toEqual(['id', 'station', 'count']);
    expect(values).toContain('ΑΓΙΑ ΒΑΡΒΑΡΑ');
    expect(profile.columns[2]!.statistics.mean).toBe(30);
  });

  it('transcodes the whole file when non-UTF-8 bytes appear only after the sniffed head', async () => {
    const head = 'id,name\n' + Array.from({ length: 100_000 }, (_, i) => `${i},plain ascii`).join('\n');
    const bytes = Buffer.concat([Buffer.from(head), iconv.encode('\n100000,Besançon\n', 'latin1')]);
    expect(bytes.length).toBeGreaterThan(1.5 * 1024 * 1024);
    const profile = await profileTable({ kind: 'delimited', path: dir.write('late-latin1.csv', bytes) });
    expect(profile.rowCount).toBe(100_001);
    expect(profile.skippedRows).toBe(0);
    expect(profile.columns[1]!.statistics.mostFrequent).toEqual([{ value: 'plain ascii', count: 100_000 }, { value: 'Besançon', count: 1 }]);
    expect(profile.dialect?.encoding).not.toBe('utf-8');
  });
});

describe('gzip and unreadable files', () => {
  it('reads a .csv.gz (UTF-8) and a gzipped Latin-1 file', async () => {
    const utf8 = await profileTable({ kind: 'delimited', path: dir.write('greek.csv.gz', gzipSync(Buffer.from(GREEK))) });
    expect([utf8.rowCount, utf8.columns[1]!.sample[0]]).toEqual([5, 'ΑΓΙΑ ΒΑΡΒΑΡΑ']);
    const latin1 = await profileTable({ kind: 'delimited', path: dir.write('fr.csv.gz', gzipSync(iconv.encode(FRENCH, 'latin1'))) });
    expect(latin1.columns[1]!.sample[0]).toBe('Orléans');
  });

  it('rejects a truncated gzip with a reason', async () => {
    const whole = gzipSync(Buffer.from(GREEK.repeat(2000)));
    const file = dir.write('cut.csv.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(profileTable({ kind: 'delimited', path: file })).rejects.toThrow(/cannot profile delimited file .*cut\.csv\.gz: .*(gzip|unexpected end|truncated)/i);
  });

  it('rejects binary garbage with a reason', async () => {
    const garbage = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256));
    await expect(profileTable({ kind: 'delimited', path: dir.write('garbage.csv', garbage) })).rejects.toThrow(/looks binary/);
  });

  it('rejects a missing file with a reason', async () => {
    await expect(profileTable({ kind: 'delimited', path: dir.path('nope.csv') })).rejects.toThrow(/ENOENT|no such file/);
  });
});
