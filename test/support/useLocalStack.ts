import { afterAll, beforeAll } from 'vitest';
import { makeDirs, startStack, type RunningStack } from './localStack.js';

export type StackDirs = Awaited<ReturnType<typeof makeDirs>>;

/**
 * For the enclosing describe block: before its tests, `prepare` makes the folders and the local stack
 * starts on them (DATA_ROOT and DATA_DIR, then `env`, which may override them); after its tests, the
 * stack stops and the folders are removed. Read `stack` and `dirs` from the result inside tests.
 */
export const useLocalStack = (prepare: () => Promise<StackDirs>, env: (dirs: StackDirs) => Record<string, string> = () => ({})) => {
  const running = {} as { stack: RunningStack; dirs: StackDirs };
  beforeAll(async () => {
    running.dirs = await prepare();
    running.stack = await startStack({ DATA_ROOT: running.dirs.dataRoot, DATA_DIR: running.dirs.dataDir, ...env(running.dirs) });
  });
  afterAll(async () => {
    await running.stack?.kill('SIGTERM');
    await running.dirs?.cleanup();
  });
  return running;
};
