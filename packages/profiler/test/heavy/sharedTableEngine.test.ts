import { describe, expect, it } from 'vitest';
import { SharedTableEngine } from '../../src/heavy/sharedTableEngine.js';

class OutOfMemory extends Error {}
const isOutOfMemory = (error: unknown) => error instanceof OutOfMemory;

/** A promise and the function that settles it: lets a test decide when a run ends. */
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

describe('SharedTableEngine', () => {
  it('tries a table that ran out of memory beside another again, alone, once the other has finished', async () => {
    const engine = new SharedTableEngine();
    const events: string[] = [];
    const big = gate();
    const bigRun = engine.run(async () => {
      events.push('big starts');
      await big.opened;
      events.push('big ends');
      return 'big';
    }, isOutOfMemory);
    let attempts = 0;
    const small = engine.run(async () => {
      attempts += 1;
      events.push(`small attempt ${attempts}`);
      if (attempts === 1) throw new OutOfMemory('beside big');
      return 'small';
    }, isOutOfMemory);
    // The retry waits for big; a table started meanwhile waits behind the retry.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const later = engine.run(async () => {
      events.push('later runs');
      return 'later';
    }, isOutOfMemory);
    expect(events).toEqual(['big starts', 'small attempt 1']);
    big.open();
    expect(await Promise.all([bigRun, small, later])).toEqual(['big', 'small', 'later']);
    expect(events).toEqual(['big starts', 'small attempt 1', 'big ends', 'small attempt 2', 'later runs']);
  });

  it('does not try again a table that ran out of memory with the engine to itself', async () => {
    const engine = new SharedTableEngine();
    let attempts = 0;
    const failing = engine.run(async () => {
      attempts += 1;
      throw new OutOfMemory('alone');
    }, isOutOfMemory);
    await expect(failing).rejects.toThrow('alone');
    expect(attempts).toBe(1);
  });

  it('does not try again a table that failed beside another for any other reason', async () => {
    const engine = new SharedTableEngine();
    const other = gate();
    const otherRun = engine.run(() => other.opened, isOutOfMemory);
    let attempts = 0;
    const failing = engine.run(async () => {
      attempts += 1;
      throw new Error('not a table');
    }, isOutOfMemory);
    await expect(failing).rejects.toThrow('not a table');
    other.open();
    await otherRun;
    expect(attempts).toBe(1);
  });

  it('tries again alone the table that was running when a memory-hungry one joined it', async () => {
    const engine = new SharedTableEngine();
    const joined = gate();
    let attempts = 0;
    const first = engine.run(async () => {
      attempts += 1;
      if (attempts === 1) {
        await joined.opened;
        throw new OutOfMemory('the second one took the memory');
      }
      return 'first';
    }, isOutOfMemory);
    const second = engine.run(async () => {
      joined.open();
      return 'second';
    }, isOutOfMemory);
    expect(await Promise.all([first, second])).toEqual(['first', 'second']);
    expect(attempts).toBe(2);
  });
});
