import { imageSizeFromFile } from 'image-size/fromFile';

export interface ImageFacts {
  width: number;
  height: number;
  /** The format image-size recognised from the bytes (`jpg`, `png`, …). */
  imageFormat: string;
}

/** Dimensions read from the image header only; rejects for an unrecognised or broken image. */
export async function readImage(path: string): Promise<ImageFacts> {
  const size = await imageSizeFromFile(path);
  if (size.width === undefined || size.height === undefined) throw new Error('image dimensions not found');
  return { width: size.width, height: size.height, imageFormat: size.type ?? '' };
}
