import { setTimeout as sleep } from 'node:timers/promises';
import { isFinal, JOB_STATUS, type JobStatusResponse } from '@dataset-profiler/core';
import { Command, InvalidArgumentError } from 'commander';
import { clientFor, withConnectionOptions, type ConnectionOptions } from '../connectionOptions.js';
import { JobFailedError, NotFoundError, TimedOutError } from '../errors.js';
import { progressDisplayFor } from '../progress/ProgressDisplay.js';
import { labelOf, type ProgressSnapshot } from '../progress/ProgressSnapshot.js';

interface WaitFlags extends ConnectionOptions {
  interval: number;
  timeout?: number;
}

const seconds = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('must be a positive number of seconds.');
  return parsed;
};

export const snapshotOf = (status: JobStatusResponse): ProgressSnapshot => ({
  label: labelOf(status.progress.phase, status.status),
  filesDone: status.progress.files_done,
  filesTotal: status.progress.files_total,
  bytesDone: status.progress.bytes_done,
  bytesTotal: status.progress.bytes_total,
});

/** A final job ends the wait: ready is success, FAILED and CLEANED_UP are failures with their own codes. */
function finish(status: JobStatusResponse): void {
  if (status.status === JOB_STATUS.FAILED) throw new JobFailedError(status.job_id, status.message);
  if (status.status === JOB_STATUS.CLEANED_UP) throw new NotFoundError(`job ${status.job_id} was cleaned up: its profiles are deleted`);
}

export const waitCommand = (): Command =>
  withConnectionOptions(
    new Command('wait')
      .summary('wait for a job\'s profiles, showing progress')
      .description("Wait until a job's profiles are ready, with its progress on stderr; then print its status as JSON.")
      .argument('<job_id>', 'the id trigger printed')
      .option('--interval <seconds>', 'time between two status requests', seconds, 1)
      .option('--timeout <seconds>', 'give up after this long (exit code 8)', seconds)
      .addHelpText('after', '\nOn a terminal: a progress bar (files and bytes done, rate, ETA). Otherwise: a line per change.'),
  ).action(async (jobId: string, flags: WaitFlags) => {
    const client = clientFor(flags);
    const deadline = flags.timeout === undefined ? Number.POSITIVE_INFINITY : Date.now() + flags.timeout * 1000;
    const display = progressDisplayFor(process.stderr, { plainLines: true });
    let status: JobStatusResponse;
    try {
      for (;;) {
        status = await client.jobStatus(jobId);
        display.update(snapshotOf(status));
        if (isFinal({ status: status.status, onlyLightProfile: status.only_light_profile })) break;
        if (Date.now() + flags.interval * 1000 > deadline) throw new TimedOutError(`job ${jobId} is still ${status.status} after ${flags.timeout} s`);
        await sleep(flags.interval * 1000);
      }
    } finally {
      display.stop();
    }
    process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    finish(status);
  });
