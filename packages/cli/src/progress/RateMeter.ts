import { measureOf, type ProgressSnapshot } from './ProgressSnapshot.js';

export interface Rate {
  /** Bytes (or files, when no byte total is known) per second since the phase began. */
  perSecond?: number;
  etaSeconds?: number;
}

/** Rate and time left of the current phase; a new label or a count going back starts a new phase. */
export class RateMeter {
  private origin: { label: string; atMs: number; done: number } | undefined;
  private lastDone = 0;

  sample(snapshot: ProgressSnapshot, atMs: number): Rate {
    const { done, total } = measureOf(snapshot);
    const restart = !this.origin || this.origin.label !== snapshot.label || done < this.lastDone;
    this.lastDone = done;
    if (restart || !this.origin) {
      this.origin = { label: snapshot.label, atMs, done };
      return {};
    }
    const seconds = (atMs - this.origin.atMs) / 1000;
    const progressed = done - this.origin.done;
    if (seconds <= 0 || progressed <= 0) return {};
    const perSecond = progressed / seconds;
    return { perSecond, etaSeconds: Math.max(0, total - done) / perSecond };
  }
}
