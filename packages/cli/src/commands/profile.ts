import { realpath, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { DatasetMetadata, ProfileOptions, ProfilerProgress } from '@dataset-profiler/profiler';
import { validate as isUuid } from 'uuid';
import { InvalidInputError } from '../errors.js';
import { progressDisplayFor } from '../progress/ProgressDisplay.js';
import { labelOf } from '../progress/ProgressSnapshot.js';

interface ProfileFlags {
  light: boolean;
  out?: string;
  id?: string;
  name?: string;
}

const uuidArgument = (value: string): string => {
  if (!isUuid(value)) throw new InvalidArgumentError('must be a UUID.');
  return value;
};

/** `profile <folder>`: the profiler run in this process, no service involved. */
export const profileCommand = (): Command =>
  new Command('profile')
      .summary('profile a local folder, no server needed')
    .description('Profile a local folder without a server and print its Croissant profile (heavy, or light with --light) as JSON.')
    .argument('<folder>', 'the dataset folder')
    .option('--light', 'distribution only: list and hash the files, no record sets', false)
    .option('--out <file>', 'write the profile to FILE instead of standard output')
    .option('--id <uuid>', "dataset id (default: UUID v5 of the folder's real path)", uuidArgument)
    .option('--name <name>', "dataset name (default: the folder's name)")
    .addHelpText('after', '\nOn a terminal, progress (files and bytes done, rate, ETA) is drawn on stderr.')
    .action(async (folder: string, flags: ProfileFlags) => {
      const json = `${JSON.stringify(await profileLocally(folder, flags), null, 2)}\n`;
      if (flags.out) await writeFile(flags.out, json);
      else process.stdout.write(json);
    });

async function profileLocally(folder: string, flags: ProfileFlags) {
  const root = await realpath(resolve(folder)).catch((error: unknown) => {
    throw new InvalidInputError(`folder not found: ${folder}`, { cause: error });
  });
  // Loaded here: the other commands should not pay for the profiler's start-up.
  const { closeProfilerEngines, datasetIdForFolder, profileFolder } = await import('@dataset-profiler/profiler');
  const display = progressDisplayFor(process.stderr, { plainLines: false });
  const options: ProfileOptions & { light: boolean } = {
    root,
    light: flags.light,
    metadata: metadataOf(flags.id ?? datasetIdForFolder(root), flags.name ?? basename(root)),
    onProgress: (progress: ProfilerProgress) => display.update({ label: labelOf(progress.phase), ...progress }),
  };
  try {
    return await profileFolder(options);
  } finally {
    display.stop();
    if (!flags.light) await closeProfilerEngines();
  }
}

const metadataOf = (id: string, name: string): DatasetMetadata => ({
  id,
  name,
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
});
