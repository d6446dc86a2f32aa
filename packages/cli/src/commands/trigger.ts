import { Command } from 'commander';
import { clientFor, withConnectionOptions, type ConnectionOptions } from '../connectionOptions.js';
import { InvalidInputError } from '../errors.js';
import { readJsonFile } from '../readJsonFile.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The trigger_profile body from a spec file: either the whole body (`{"profile_specification", …}`)
 * or the specification alone. `--light` asks for the light profile only. The service validates it.
 */
export function triggerRequestOf(spec: unknown, light: boolean): Record<string, unknown> {
  if (!isObject(spec)) throw new InvalidInputError('the spec must be a JSON object');
  const request = isObject(spec.profile_specification) ? { ...spec } : { profile_specification: spec, only_light_profile: false };
  return light ? { ...request, only_light_profile: true } : request;
}

export const triggerCommand = (): Command =>
  withConnectionOptions(
    new Command('trigger')
      .summary('queue a dataset for profiling, print the job id')
      .description('Queue a dataset for profiling; prints the job id.')
      .requiredOption('--spec <file>', 'JSON file: a trigger_profile body, or its profile_specification alone')
      .option('--light', 'the light profile only (distribution: files, sizes, types, sha256)', false),
  ).action(async (flags: ConnectionOptions & { spec: string; light: boolean }) => {
    const request = triggerRequestOf(await readJsonFile(flags.spec, 'spec'), flags.light);
    const { job_id } = await clientFor(flags).trigger(request);
    process.stdout.write(`${job_id}\n`);
  });
