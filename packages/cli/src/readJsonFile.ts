import { readFile } from 'node:fs/promises';
import { InvalidInputError } from './errors.js';

/** A JSON file given on the command line; a missing or malformed one is invalid input. */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`the ${what} ${path} is not JSON: ${(error as Error).message}`, { cause: error });
  }
}
