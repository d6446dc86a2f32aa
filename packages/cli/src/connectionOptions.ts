import { Option, type Command } from 'commander';
import { InvalidInputError } from './errors.js';
import { ProfilerClient } from './ProfilerClient.js';

export const DEFAULT_URL = 'http://127.0.0.1:4557';

/** The options every command that talks to the service takes; the environment fills what is not given. */
export interface ConnectionOptions {
  url: string;
  token?: string;
}

export const withConnectionOptions = (command: Command): Command =>
  command
    .addOption(new Option('--url <url>', "the service's base URL").env('DATASET_PROFILER_URL').default(DEFAULT_URL))
    .addOption(new Option('--token <jwt>', 'bearer token, when the service has ENABLE_AUTH=true').env('DATASET_PROFILER_TOKEN'));

export function clientFor(options: ConnectionOptions): ProfilerClient {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch (error) {
    throw new InvalidInputError(`--url is not a URL: ${options.url}`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidInputError(`--url must be http or https: ${options.url}`);
  return new ProfilerClient({ url: url.href, ...(options.token ? { token: options.token } : {}) });
}
