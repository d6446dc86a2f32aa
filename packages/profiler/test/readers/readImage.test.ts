import { afterEach, describe, expect, it } from 'vitest';
import { readImage } from '../../src/readers/readImage.js';
import { FIXTURES, makeTempDataset, type TempDataset } from '../helpers/tempDataset.js';

describe('Function: readImage', () => {
  let dataset: TempDataset | undefined;
  afterEach(async () => dataset?.cleanup());

  it('reads the size and format of the fixture JPEG', async () => {
    expect(await readImage(`${FIXTURES}/dummy_data/data/imgs/weather_image.jpg`)).toEqual({ width: 612, height: 404, imageFormat: 'jpg' });
  });

  it('rejects bytes that are no image', async () => {
    dataset = await makeTempDataset({ 'fake.png': 'hello' });
    await expect(readImage(`${dataset.root}/fake.png`)).rejects.toThrow();
  });
});
