import { afterEach, describe, expect, it } from 'vitest';
import { pdfDateToIso, readPdf } from '../../src/readers/readPdf.js';
import { FIXTURES, makeTempDataset, type TempDataset } from '../helpers/tempDataset.js';

describe('Function: readPdf', () => {
  let dataset: TempDataset | undefined;
  afterEach(async () => dataset?.cleanup());

  it('reads the Info dictionary, page count and text of 960.pdf', async () => {
    const pdf = await readPdf(`${FIXTURES}/dummy_data/data/pdfs/960.pdf`);
    expect(pdf.pagesCount).toBe(3);
    expect(pdf.info).toEqual({
      subject: '', author: '', title: '', producer: 'pdfTeX-1.40.26', creator: 'LaTeX with hyperref',
      creationDate: 'D:20241114105411Z', modificationDate: 'D:20241114105411Z',
      dateCreated: '2024-11-14T10:54:11.000Z', dateModified: '2024-11-14T10:54:11.000Z',
    });
    expect(pdf.text).toContain('The spectrum of a matrix A');
  });

  it('counts the pages of the mathe PDFs', async () => {
    const counts = [];
    for (let number = 129; number <= 138; number++) {
      counts.push((await readPdf(`${FIXTURES}/mathe_integration_techniques/data/PDF/${number}.pdf`)).pagesCount);
    }
    expect(counts).toEqual([3, 2, 19, 2, 2, 1, 3, 1, 2, 3]);
  }, 30_000);

  it('rejects a corrupt PDF', async () => {
    dataset = await makeTempDataset({ 'broken.pdf': '%PDF-1.4\nthis is not a pdf\n' });
    await expect(readPdf(`${dataset.root}/broken.pdf`)).rejects.toThrow(/Invalid PDF/);
  });
});

describe('Function: pdfDateToIso', () => {
  it('converts PDF dates and rejects what is not one', () => {
    expect(pdfDateToIso('D:20241114105411Z')).toBe('2024-11-14T10:54:11.000Z');
    expect(pdfDateToIso("D:20250703133939+02'00'")).toBe('2025-07-03T11:39:39.000Z');
    expect(pdfDateToIso('')).toBeNull();
    expect(pdfDateToIso('yesterday')).toBeNull();
  });
});
