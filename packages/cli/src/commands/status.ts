import { Command } from 'commander';
import { clientFor, withConnectionOptions, type ConnectionOptions } from '../connectionOptions.js';
import { JobFailedError } from '../errors.js';

export const statusCommand = (): Command =>
  withConnectionOptions(
    new Command('status')
      .summary('print a job\'s status and progress')
      .description("Print a job's status and progress as JSON (exit code 3 when it FAILED).")
      .argument('<job_id>', 'the id trigger printed'),
  ).action(async (jobId: string, flags: ConnectionOptions) => {
    const status = await clientFor(flags).jobStatus(jobId);
    process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    if (status.status === 'FAILED') throw new JobFailedError(jobId, status.message);
  });
