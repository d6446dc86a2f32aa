import { describe, it } from 'vitest';

/**
 * A suite that needs a real component (an AWS emulator, a Ray head, PostgreSQL, …) started by
 * `.ci/run`, which exports where it listens in `envVar`. Without it the suite is skipped on a
 * developer's machine, but fails in CI (`CI` set), so a missing install step can never pass as green.
 */
export function describeWithService(envVar: string, title: string, suite: (value: string) => void): void {
  const value = process.env[envVar];
  if (value) {
    describe(title, () => suite(value));
  } else if (process.env.CI) {
    describe(title, () => {
      it(`needs ${envVar}, which .ci/run exports when it starts the component`, () => {
        throw new Error(`${envVar} is not set: .ci/run did not start the component this suite needs`);
      });
    });
  } else {
    describe.skip(`${title} (set ${envVar} to run)`, () => suite(''));
  }
}
