import { Command, CommanderError } from 'commander';
import { cleanUpCommand } from './commands/cleanUp.js';
import { fetchCommand } from './commands/fetch.js';
import { profileCommand } from './commands/profile.js';
import { statusCommand } from './commands/status.js';
import { triggerCommand } from './commands/trigger.js';
import { viewCommand } from './commands/view.js';
import { waitCommand } from './commands/wait.js';
import { CliError } from './errors.js';
import { EXIT_CODE, type ExitCode } from './exitCodes.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  done (wait: the profiles are ready)
  1  unexpected error (a 5xx answer, an answer the API does not document)
  2  invalid input: command line, spec or profile file, or the service's 422
  3  the job FAILED (status, wait)
  4  not found: no such job, no profile yet, or cleaned up
  5  the service is unreachable, or answers 503
  6  conflict: clean-up of a job that still runs
  7  unauthorized: token missing, invalid or not allowed
  8  wait --timeout elapsed

Environment: DATASET_PROFILER_URL (default http://127.0.0.1:4557), DATASET_PROFILER_TOKEN.`;

const program = (): Command => {
  const root = new Command('dataset-profiler')
    .description('Profile datasets into Croissant JSON-LD: locally, or through a Dataset Profiler service.')
    .addHelpText('after', EXIT_CODES_HELP);
  for (const command of [profileCommand(), triggerCommand(), statusCommand(), waitCommand(), fetchCommand(), cleanUpCommand(), viewCommand()]) {
    // Settings are not inherited by added commands: each one reports instead of exiting.
    root.addCommand(command.exitOverride().showHelpAfterError('(add --help for usage)'));
  }
  return root.exitOverride().showHelpAfterError('(add --help for usage)');
};

/** Runs one command line; resolves to the exit code (src/exitCodes.ts). */
export async function runCli(argv: readonly string[]): Promise<ExitCode> {
  try {
    await program().parseAsync([...argv], { from: 'user' });
    return EXIT_CODE.OK;
  } catch (error) {
    // Commander has printed its own message (usage error) or the help already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODE.OK : EXIT_CODE.INVALID_INPUT;
    process.stderr.write(`dataset-profiler: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof CliError ? error.exitCode : EXIT_CODE.ERROR;
  }
}
