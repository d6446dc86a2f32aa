/** The reference fixtures, checked against the facts of profile-format.md 4.8. */
import { afterAll, describe, expect, it } from 'vitest';
import { closeTabularEngine, profileTable, type TableProfile } from '../../src/tabular/index.js';
import { FIXTURES } from '../helpers/tempDataset.js';
import { column, expectJsonSafe } from './tabularTestKit.js';

afterAll(closeTabularEngine);

describe('dummy_data/data/csv_1.csv', () => {
  let profile: TableProfile;
  it('reads 20,357 rows and 11 columns as UTF-8, comma, with a header', async () => {
    profile = await profileTable({ kind: 'delimited', path: `${FIXTURES}/dummy_data/data/csv_1.csv` });
    expect(profile.rowCount).toBe(20357);
    expect(profile.columns).toHaveLength(11);
    expect(profile.dialect).toEqual({ encoding: 'utf-8', delimiter: ',', quote: '"', header: true });
    expect(profile.skippedRows).toBe(0);
    expect(profile.columns.every((c) => c.statistics.rowCount === 20357)).toBe(true);
    expectJsonSafe(profile);
  });

  it('gives dv_validations the exact statistics', () => {
    const s = column(profile, 'dv_validations').statistics;
    expect(column(profile, 'dv_validations').dataType).toBe('sc:Integer');
    expect([s.min, s.max, s.range, s.uniqueCount]).toEqual([1, 17606, 17605, 1673]);
    expect(s.mean).toBe(351.1354325293511);
    expect([s.median, s.percentile05, s.percentile95]).toEqual([192, 2, 1182]);
    const histogram = JSON.parse(s.histogram!) as { binRange: [number, number]; count: number }[];
    expect(histogram.map((b) => b.count)).toEqual([19931, 336, 39, 7, 10, 10, 13, 4, 1, 6]);
    expect(histogram[0]!.binRange[0]).toBe(1);
    expect(histogram[9]!.binRange[1]).toBe(17606);
  });

  it('keeps the zero-padded dv_agency codes as text with their counts', () => {
    const agency = column(profile, 'dv_agency');
    expect(agency.dataType).toBe('sc:Text');
    expect(agency.statistics.uniqueCount).toBe(4);
    const counts = Object.fromEntries(agency.statistics.mostFrequent!.map((f) => [f.value, f.count]));
    expect(counts).toEqual({ '001': 193, '002': 16601, '003': 3422, '004': 141 });
    expect(agency.sample).toEqual(['001', '002', '003', '004']);
  });

  it('reports the empty columns as entirely missing', () => {
    for (const name of ['dv_route', 'routes_per_hour']) {
      const s = column(profile, name).statistics;
      expect([s.valueCount, s.missingCount, s.missingPercentage, s.uniqueCount, s.histogram]).toEqual([0, 20357, 100, 0, null]);
      expect(column(profile, name).sample).toEqual([]);
    }
  });

  it('decodes the Greek text and types the timestamps and dates', () => {
    expect(column(profile, 'dv_platenum_station').sample).toContain('ΑΓΙΑ ΒΑΡΒΑΡΑ');
    expect(column(profile, 'dv_platenum_station').statistics.uniqueCount).toBe(83);
    expect(column(profile, 'dv_agency_desc').statistics.uniqueCount).toBe(6);
    expect(column(profile, 'load_dt').dataType).toBe('sc:DateTime');
    expect(column(profile, 'load_dt').statistics.uniqueCount).toBe(20);
    expect(column(profile, 'date_hour').statistics.uniqueCount).toBe(96);
    const extraction = column(profile, 'etl_extraction_dt');
    expect(extraction.dataType).toBe('sc:Date');
    expect([extraction.statistics.min, extraction.statistics.uniqueCount]).toEqual(['2025-05-23', 5]);
    expect(column(profile, 'boarding_disembark_desc').statistics.uniqueCount).toBe(2);
  });

  it('gives the first 30 rows as JSON examples', () => {
    expect(profile.examples).toHaveLength(30);
    expect(profile.examples[0]).toMatchObject({ dv_agency: '001', dv_platenum_station: 'UKN', dv_validations: 3135, dv_route: null });
  });
});

describe('mathe_integration_techniques (semicolon-delimited)', () => {
  it('reads IntegrationTechniques.csv with its quoted multi-line LaTeX', async () => {
    const profile = await profileTable({ kind: 'delimited', path: `${FIXTURES}/mathe_integration_techniques/data/IntegrationTechniques.csv` });
    expect(profile.dialect?.delimiter).toBe(';');
    expect(profile.rowCount).toBe(61);
    expect(profile.columns).toHaveLength(11);
    expect(profile.skippedRows).toBe(0);
    expect(column(profile, 'id').dataType).toBe('sc:Integer');
    expect(profile.columns.filter((c) => c.dataType === 'sc:Text')).toHaveLength(10);
  });

  it('reads Keywords.csv and Videos.csv', async () => {
    const keywords = await profileTable({ kind: 'delimited', path: `${FIXTURES}/mathe_integration_techniques/data/Keywords.csv` });
    expect([keywords.rowCount, keywords.columns.map((c) => c.dataType)]).toEqual([9, ['sc:Integer', 'sc:Text']]);
    const videos = await profileTable({ kind: 'delimited', path: `${FIXTURES}/mathe_integration_techniques/data/Videos.csv` });
    expect([videos.rowCount, videos.columns.map((c) => c.dataType)]).toEqual([11, ['sc:Integer', 'sc:Text', 'sc:Text']]);
  });
});
