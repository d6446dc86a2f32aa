import type { ProfilerProgress } from './api.js';

/** Counts files and bytes of one phase and reports every change to `onProgress`. */
export class ProgressTracker {
  private filesDone = 0;
  private bytesDone = 0;

  constructor(
    private readonly phase: ProfilerProgress['phase'],
    private readonly filesTotal: number,
    private readonly bytesTotal: number,
    private readonly onProgress: ((progress: ProfilerProgress) => void) | undefined,
  ) {}

  start(): void {
    this.report();
  }

  addBytes(bytes: number): void {
    this.bytesDone += bytes;
    this.report();
  }

  fileDone(): void {
    this.filesDone += 1;
    this.report();
  }

  private report(): void {
    this.onProgress?.({
      phase: this.phase,
      filesDone: this.filesDone,
      filesTotal: this.filesTotal,
      bytesDone: this.bytesDone,
      bytesTotal: this.bytesTotal,
    });
  }
}
