/**
 * One async lock per key: callers with the same key run one after another, in call order; different
 * keys run concurrently. Enough for one process; it does nothing across processes.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      // The last holder forgets the key, so the map does not grow with every job ever seen.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
