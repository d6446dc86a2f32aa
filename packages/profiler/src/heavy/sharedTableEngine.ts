import { Semaphore } from 'async-mutex';

/** The weight of a run that must have the engine to itself; every other run weighs 1. */
const ALONE = 1_000_000;

/**
 * Tables profiled at the same time share one DuckDB instance and its memory limit, so a table can
 * run out of memory that another one was holding. Such a table is tried again alone (the running
 * ones finish first, new ones wait behind it) before its error stands. A table that had the engine
 * to itself the whole time is not tried again: its error is its own.
 */
export class SharedTableEngine {
  private readonly slots = new Semaphore(ALONE);
  private readonly running = new Set<{ shared: boolean }>();

  async run<T>(attempt: () => Promise<T>, isOutOfMemory: (error: unknown) => boolean): Promise<T> {
    const run = { shared: false };
    try {
      return await this.slots.runExclusive(() => this.tracked(run, attempt), 1);
    } catch (error) {
      if (!run.shared || !isOutOfMemory(error)) throw error;
      return this.slots.runExclusive(attempt, ALONE);
    }
  }

  private async tracked<T>(run: { shared: boolean }, attempt: () => Promise<T>): Promise<T> {
    run.shared = this.running.size > 0;
    for (const other of this.running) other.shared = true;
    this.running.add(run);
    try {
      return await attempt();
    } finally {
      this.running.delete(run);
    }
  }
}
