import { afterEach, describe, expect, it } from 'vitest';
import { readTextFile } from '../../src/readers/readTextFile.js';
import { makeTempDataset, type TempDataset } from '../helpers/tempDataset.js';

describe('Function: readTextFile', () => {
  let dataset: TempDataset | undefined;
  afterEach(async () => dataset?.cleanup());

  it('decodes UTF-8 and measures the text', async () => {
    dataset = await makeTempDataset({ 'a.md': '# Title\n\nThe integral of a function is an area. An integral is a sum.\n' });
    const facts = await readTextFile(`${dataset.root}/a.md`);
    expect(facts).toMatchObject({ encoding: 'UTF-8', size: 70, language: 'en', numLines: 3, numParagraphs: 2, numWords: 14 });
    expect(facts.keywords[0]).toBe('integral');
  });

  it('decodes Windows-1252 text that is not valid UTF-8', async () => {
    const latin = Buffer.from('Café crème à la française, très bien. Ça coûte cher.', 'latin1');
    dataset = await makeTempDataset({ 'fr.txt': latin });
    const facts = await readTextFile(`${dataset.root}/fr.txt`);
    expect(facts.text).toBe('Café crème à la française, très bien. Ça coûte cher.');
    expect(facts.encoding).not.toBe('UTF-8');
  });

  it('honours a UTF-16 byte order mark', async () => {
    dataset = await makeTempDataset({ 'u16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hello world', 'utf16le')]) });
    expect((await readTextFile(`${dataset.root}/u16.txt`)).text).toBe('hello world');
  });

  it('rejects binary content', async () => {
    dataset = await makeTempDataset({ 'bin.txt': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10]) });
    await expect(readTextFile(`${dataset.root}/bin.txt`)).rejects.toThrow(/binary content/);
  });
});
