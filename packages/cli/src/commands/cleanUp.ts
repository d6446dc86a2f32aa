import { Command } from 'commander';
import { clientFor, withConnectionOptions, type ConnectionOptions } from '../connectionOptions.js';

export const cleanUpCommand = (): Command =>
  withConnectionOptions(
    new Command('clean-up')
      .summary('delete a finished job\'s profiles')
      .description("Delete a finished job's light and heavy profiles (exit code 6 while it still runs).")
      .argument('<job_id>', 'the id trigger printed'),
  ).action(async (jobId: string, flags: ConnectionOptions) => {
    const answer = await clientFor(flags).cleanUp(jobId);
    process.stdout.write(`${answer.job_id} ${answer.status}\n`);
  });
