import { SingleBar } from 'cli-progress';
import { progressParts } from '../format.js';
import { measureOf, type ProgressSnapshot } from './ProgressSnapshot.js';
import { RateMeter } from './RateMeter.js';

/** Shows a running profile's progress: a bar on a terminal, plain lines in a log. */
export interface ProgressDisplay {
  update(snapshot: ProgressSnapshot): void;
  stop(): void;
}

/** On a terminal: one bar redrawn in place (cli-progress), with files and bytes done, rate and ETA. */
class TerminalProgressBar implements ProgressDisplay {
  private readonly rates = new RateMeter();
  private readonly bar: SingleBar;
  private started = false;

  constructor(stream: NodeJS.WriteStream) {
    this.bar = new SingleBar({
      stream,
      format: '{label} |{bar}| {percentage}% | {files} | {bytes} | {rate} | ETA {remaining}',
      barsize: 24,
      hideCursor: true,
      barCompleteChar: '█',
      barIncompleteChar: '░',
    });
  }

  update(snapshot: ProgressSnapshot): void {
    const { done, total } = measureOf(snapshot);
    const parts = progressParts(snapshot, this.rates.sample(snapshot, Date.now()));
    const payload = { label: snapshot.label.padEnd(13), files: parts.files, bytes: parts.bytes, rate: parts.rate, remaining: parts.eta };
    // A total of 0 (nothing listed yet) would divide by zero in the percentage.
    const barTotal = Math.max(total, 1);
    if (!this.started) {
      this.bar.start(barTotal, done, payload);
      this.started = true;
    } else {
      this.bar.setTotal(barTotal);
      this.bar.update(done, payload);
    }
  }

  stop(): void {
    if (this.started) this.bar.stop();
  }
}

/** Not a terminal: a line each time the progress changes, for logs. */
class PlainProgressLines implements ProgressDisplay {
  private readonly rates = new RateMeter();
  private last = '';

  constructor(private readonly stream: NodeJS.WritableStream) {}

  update(snapshot: ProgressSnapshot): void {
    const parts = progressParts(snapshot, this.rates.sample(snapshot, Date.now()));
    const { done, total } = measureOf(snapshot);
    const percent = total > 0 ? ` (${Math.floor((100 * done) / total)}%)` : '';
    const line = `${snapshot.label}: ${parts.files}, ${parts.bytes}${percent}`;
    if (line === this.last) return;
    this.last = line;
    this.stream.write(`${line}, ${parts.rate}, ETA ${parts.eta}\n`);
  }

  stop(): void {}
}

const NO_DISPLAY: ProgressDisplay = { update() {}, stop() {} };

/**
 * A bar when `stream` is a terminal; otherwise plain lines, or nothing when `plainLines` is false
 * (`profile` keeps a redirected stderr free of progress).
 */
export const progressDisplayFor = (stream: NodeJS.WriteStream, { plainLines }: { plainLines: boolean }): ProgressDisplay =>
  stream.isTTY ? new TerminalProgressBar(stream) : plainLines ? new PlainProgressLines(stream) : NO_DISPLAY;
