import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bytesOf, formatBytes, formatNumber, formatPercent } from '../../packages/viewer/src/format.js';
import { barHeight, parseHistogram } from '../../packages/viewer/src/histogram.js';
import { describeWithService } from '../support/externalService.js';
import { FIXTURES, getJson, makeDirs, postJson, specFor, startStack, waitForFinal, type RunningStack } from '../support/localStack.js';

/** Where the screenshots go (gitignored), for a person to look at. */
const SCREENSHOTS = resolve(import.meta.dirname, '../../test-output/viewer');
const HOSTILE_HEADER = '<img src=x onerror=alert(1)>';

interface FieldOnPage {
  name: string;
  type: string;
  stats: Record<string, string>;
  bars: { height: number; count: number; pixels: number }[];
  topValues: string[];
}

/** What the page shows for each field of a record set, read in one go. */
const fieldsOnPage = (page: Page, recordSet: string): Promise<FieldOnPage[]> =>
  page.locator(`section[data-name="${recordSet}"] tr.field`).evaluateAll((rows) =>
    rows.map((row) => ({
      name: row.getAttribute('data-field') ?? '',
      type: row.querySelector('.type')?.textContent ?? '',
      stats: Object.fromEntries([...row.querySelectorAll('[data-stat]')].map((cell) => [cell.getAttribute('data-stat'), cell.textContent?.trim()])),
      bars: [...row.querySelectorAll('rect.bar')].map((bar) => ({
        height: Number(bar.getAttribute('height')),
        count: Number(bar.getAttribute('data-count')),
        pixels: bar.getBoundingClientRect().height,
      })),
      topValues: [...row.querySelectorAll('.top-values li')].map((item) => item.querySelector('.value')?.textContent ?? ''),
    })),
  );

const shown = (value: unknown): string => (typeof value === 'number' ? formatNumber(value) : typeof value === 'string' ? value : '—');

describeWithService('CHROMIUM_PATH', 'the profile viewer in Chromium', (chromiumPath) => {
  let stack: RunningStack;
  let dirs: Awaited<ReturnType<typeof makeDirs>>;
  let browser: Browser;
  let url: string;
  let profile: any;

  beforeAll(async () => {
    dirs = await makeDirs(['dummy_data']);
    const root = join(dirs.dataRoot, 'viewer_data');
    await mkdir(root);
    await cp(join(FIXTURES, 'dummy_data/data'), root, { recursive: true });
    await writeFile(join(root, 'readme.md'), '# Validations\n\nDaily boardings per metro station, from the ticket gates.\n\nOne row per station and hour.\n');
    await writeFile(join(root, 'broken.pdf'), '%PDF-1.7 this is not a PDF body');
    await writeFile(join(root, 'hostile.csv'), `"${HOSTILE_HEADER}",count\n"<script>alert(2)</script>",1\nplain,2\n`);
    stack = await startStack({ DATA_ROOT: dirs.dataRoot, DATA_DIR: dirs.dataDir });
    const { body } = await postJson(`${stack.url}/profiler/trigger_profile`, specFor('viewer_data'));
    expect((await waitForFinal(stack.url, body.job_id)).status).toBe('HEAVY_PROFILES_READY');
    profile = (await getJson(`${stack.url}/profiler/profile/${body.job_id}`)).body.moma_profile_heavy;
    url = `${stack.url}/profiler/profile/${body.job_id}/view`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.kill('SIGTERM');
    await dirs?.cleanup();
  });

  const open = async (width: number, height: number) => {
    const page = await browser.newPage({ viewport: { width, height } });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url);
    return { page, dialogs, requests };
  };

  it('draws a histogram per numeric column: one bar per bin, heights in proportion to the counts', async () => {
    const { page } = await open(1280, 900);
    const table = profile.recordSet.find((set: any) => set.name === 'csv_1');
    const fields = await fieldsOnPage(page, 'csv_1');
    expect(fields.map((field) => field.name)).toEqual(table.field.map((field: any) => field.name));
    const numeric = table.field.filter((field: any) => parseHistogram(field.statistics.histogram));
    expect(numeric.map((field: any) => field.name)).toEqual(['dv_validations']);
    for (const field of numeric) {
      const bins = parseHistogram(field.statistics.histogram)!;
      const maxCount = Math.max(...bins.map((bin) => bin.count));
      const bars = fields.find((candidate) => candidate.name === field.name)!.bars;
      expect(bars).toHaveLength(bins.length);
      bars.forEach((bar, i) => {
        expect(bar.count).toBe(bins[i]!.count);
        expect(bar.height).toBe(barHeight(bins[i]!.count, maxCount));
        expect(bar.pixels).toBeCloseTo(bar.height, 0);
      });
    }
    await page.close();
  });

  it("shows the profile's numbers: per field type, missing %, unique, min/max/mean/median, top values; the files' sizes and hashes", async () => {
    const { page } = await open(1280, 900);
    const table = profile.recordSet.find((set: any) => set.name === 'csv_1');
    const fields = await fieldsOnPage(page, 'csv_1');
    for (const field of table.field) {
      const onPage = fields.find((candidate) => candidate.name === field.name)!;
      const s = field.statistics;
      expect(onPage.type, field.name).toBe(field.dataType.replace('sc:', ''));
      expect(onPage.stats, field.name).toEqual({
        missingPercentage: formatPercent(s.missingPercentage),
        uniqueCount: shown(s.uniqueCount),
        min: shown(s.min),
        max: shown(s.max),
        mean: shown(s.mean),
        median: shown(s.median),
      });
      if (!s.histogram) expect(onPage.topValues, field.name).toEqual((s.mostFrequent ?? []).slice(0, 5).map((top: any) => String(top.value)));
    }
    expect(fields.find((field) => field.name === 'dv_validations')!.stats).toMatchObject({ uniqueCount: '1,673', min: '1', max: '17,606', mean: '351.135', median: '192' });
    expect(await page.locator('section[data-name="csv_1"] [data-stat="rowCount"]').textContent()).toBe('20,357 rows');

    for (const file of profile.distribution.filter((entry: any) => entry['@type'] === 'cr:FileObject')) {
      const row = page.locator(`tr[data-id="${file['@id']}"]`);
      expect(await row.locator('td[data-label="Size"]').textContent()).toBe(formatBytes(bytesOf(file.contentSize)!));
      expect(await row.locator('td.hash').textContent()).toBe(file.sha256);
      expect(await row.locator('td.path').textContent()).toBe(file.contentUrl);
    }
    const pdf = profile.recordSet.find((set: any) => set.name === 'pdfs/960');
    expect(await page.locator('section[data-name="pdfs/960"] [data-fact="pagesCount"] dd').textContent()).toBe(String(pdf.pagesCount));
    const text = profile.recordSet.find((set: any) => set.name === 'readme');
    expect(await page.locator('section[data-name="readme"] [data-fact="numWords"] dd').textContent()).toBe(formatNumber(text.numWords));
    const broken = profile.recordSet.find((set: any) => set.name === 'broken');
    expect(await page.locator('section[data-name="broken"] .error').textContent()).toBe(`Could not be read: ${broken.error}`);
    await page.close();
  });

  it('shows hostile names and values as text, runs no script and fetches nothing but the page', async () => {
    const { page, dialogs, requests } = await open(1280, 900);
    expect(await page.locator('script, img, iframe, object').count()).toBe(0);
    const hostile = await fieldsOnPage(page, 'hostile');
    expect(hostile[0]).toMatchObject({ name: HOSTILE_HEADER, topValues: expect.arrayContaining(['<script>alert(2)</script>']) });
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it('fits 1280 px and a phone (390 px) without sideways scrolling; saves both screenshots', async () => {
    for (const [name, width, height] of [['desktop-1280', 1280, 900], ['phone-390', 390, 844]] as const) {
      const { page } = await open(width, height);
      expect(await page.locator('html').evaluate((root) => root.scrollWidth), name).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
      await page.close();
    }
  });
});
