/** Delimiter, quote and header sniffing, column naming, ragged rows and quoted newlines. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTabularEngine, profileTable } from '../../src/tabular/index.js';
import { tempDir, type TempDir } from './tabularTestKit.js';

let dir: TempDir;
beforeAll(() => { dir = tempDir(); });
afterAll(async () => { dir.remove(); await closeTabularEngine(); });

const profileText = (name: string, text: string) => profileTable({ kind: 'delimited', path: dir.write(name, text) });

describe('dialect sniffing', () => {
  it.each([[',', 'comma'], [';', 'semicolon'], ['\t', 'tab'], ['|', 'pipe']])('detects %j (%s) from several lines', async (delimiter, name) => {
    const text = ['id,name,score', '1,"a, b; c|d",2.5', '2,plain,3.5', '3,"x",4'].map((l) => l.replaceAll(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, delimiter)).join('\n');
    const profile = await profileText(`${name}.txt`, text);
    expect(profile.dialect).toMatchObject({ delimiter, quote: '"', header: true });
    expect(profile.columns.map((c) => c.name)).toEqual(['id', 'name', 'score']);
    expect(profile.columns[1]!.sample).toEqual(['a, b; c|d', 'plain', 'x']);
  });

  it('never picks a letter: a one-line file "h" is one column named h with no rows', async () => {
    const profile = await profileText('h.csv', 'h\n');
    expect(profile.columns.map((c) => c.name)).toEqual(['h']);
    expect(profile.rowCount).toBe(0);
  });

  it('prefers ; with decimal commas over , when both split evenly', async () => {
    const profile = await profileText('decimal.csv', 'a;b\n3,14;2,5\n1,5;7,25\n');
    expect(profile.dialect?.delimiter).toBe(';');
    expect(profile.columns.map((c) => [c.dataType, c.statistics.min])).toEqual([['sc:Float', 1.5], ['sc:Float', 2.5]]);
  });

  it("detects ' as the quote character", async () => {
    const profile = await profileText('single.csv', "id,name\n1,'a,b'\n2,'c,d'\n3,'e'\n");
    expect(profile.dialect?.quote).toBe("'");
    expect(profile.columns[1]!.sample).toEqual(['a,b', 'c,d', 'e']);
  });

  it('detects a file without a header row', async () => {
    const profile = await profileText('noheader.csv', '1,2.5,2024-01-01\n2,3.5,2024-01-02\n3,4.5,2024-01-03\n');
    expect(profile.dialect?.header).toBe(false);
    expect(profile.rowCount).toBe(3);
    expect(profile.columns.map((c) => [c.name, c.dataType])).toEqual([['column_1', 'sc:Integer'], ['column_2', 'sc:Float'], ['column_3', 'sc:Date']]);
  });

  it('names duplicate headers .1, .2 and blank ones Unnamed: <i>', async () => {
    const profile = await profileText('names.csv', 'a,a,,b,a\n1,2,3,4,5\n');
    expect(profile.columns.map((c) => c.name)).toEqual(['a', 'a.1', 'Unnamed: 2', 'b', 'a.2']);
  });

  it('reads quoted newlines, doubled quotes and CRLF line ends', async () => {
    const profile = await profileText('quoted.csv', 'id,text\r\n1,"line one\r\nline two"\r\n2,"say ""hi"""\r\n3,plain\r\n');
    expect(profile.rowCount).toBe(3);
    expect(profile.columns[1]!.sample).toEqual(['line one\r\nline two', 'say "hi"', 'plain']);
    expect(profile.skippedRows).toBe(0);
  });
});

describe('ragged rows', () => {
  it('counts rows with the wrong number of fields as skipped and reports them', async () => {
    const profile = await profileText('ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n');
    expect(profile.rowCount).toBe(2);
    expect(profile.skippedRows).toBe(2);
    expect(profile.warnings.join(' ')).toMatch(/2 row\(s\) skipped \(wrong number of fields\), first at line 3/);
    expect(profile.columns[0]!.statistics.rowCount).toBe(2);
  });
});
