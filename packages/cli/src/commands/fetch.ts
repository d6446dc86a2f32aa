import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { clientFor, withConnectionOptions, type ConnectionOptions } from '../connectionOptions.js';

export const fetchCommand = (): Command =>
  withConnectionOptions(
    new Command('fetch')
      .summary('print or save a job\'s profiles')
      .description("Print a job's profiles as JSON: {moma_profile_light, moma_profile_heavy, cdd_profile}.")
      .argument('<job_id>', 'the id trigger printed')
      .option('--out <file>', 'write them to FILE instead of standard output'),
  ).action(async (jobId: string, flags: ConnectionOptions & { out?: string }) => {
    const json = `${JSON.stringify(await clientFor(flags).profile(jobId), null, 2)}\n`;
    if (flags.out) await writeFile(flags.out, json);
    else process.stdout.write(json);
  });
