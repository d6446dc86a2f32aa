import { realpath, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { validate as isUuid } from 'uuid';
import type { CroissantDataset, DatasetMetadata, ProfileOptions } from './api.js';
import { datasetIdForFolder } from './ids.js';
import { profileFolder } from './profileFolder.js';

const USAGE = `Usage: dataset-profiler profile <folder> [--light] [--out FILE] [--id UUID] [--name NAME]

Prints the heavy Croissant profile of <folder> (or the light one with --light) as JSON.
  --light        distribution only: list and hash the files, no record sets
  --out FILE     write the profile to FILE instead of standard output
  --id UUID      dataset id (default: UUID v5 of the folder's real path)
  --name NAME    dataset name (default: the folder's name)`;

/** A mistake in the command line: the message and the usage go to stderr, exit code 2. */
class UsageError extends Error {}

export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const json = `${JSON.stringify(await profileWithEngine(await profileOptionsOf(command)), null, 2)}\n`;
    if (command.out) await writeFile(command.out, json);
    else process.stdout.write(json);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`dataset-profiler: ${message}\n${error instanceof UsageError ? `\n${USAGE}\n` : ''}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

/** A heavy run starts the tabular engine (DuckDB); close it so the process can exit. */
async function profileWithEngine(options: ProfileOptions & { light: boolean }): Promise<CroissantDataset> {
  try {
    return await profileFolder(options);
  } finally {
    if (!options.light) await (await import('./tabular/index.js')).closeTabularEngine();
  }
}

interface ProfileCommand {
  folder: string;
  light: boolean;
  out?: string;
  id?: string;
  name?: string;
}

function parseCommand(argv: readonly string[]): ProfileCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        light: { type: 'boolean', default: false },
        out: { type: 'string' },
        id: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [command, folder, ...extra] = positionals;
  if (command !== 'profile') throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  if (!folder) throw new UsageError('missing <folder>');
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (values.id !== undefined && !isUuid(values.id)) throw new UsageError(`--id must be a UUID, got "${values.id}"`);
  return { folder, light: values.light, out: values.out, id: values.id, name: values.name };
}

async function profileOptionsOf(command: ProfileCommand): Promise<ProfileOptions & { light: boolean }> {
  const root = await realpath(resolve(command.folder)).catch((error: unknown) => {
    throw new Error(`folder not found: ${command.folder}`, { cause: error });
  });
  return { root, light: command.light, metadata: metadataOf(command, root) };
}

function metadataOf(command: ProfileCommand, realRoot: string): DatasetMetadata {
  return {
    id: command.id ?? datasetIdForFolder(realRoot),
    name: command.name ?? basename(realRoot),
    description: '',
    headline: '',
    keywords: [],
    fieldOfScience: [],
    inLanguage: [],
    country: '',
    datePublished: '',
    citeAs: '',
    license: '',
    url: '',
    doi: '',
    uploadedBy: '',
  };
}
