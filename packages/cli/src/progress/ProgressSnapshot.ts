/** One observation of a running profile, from the service's job_status or the in-process profiler. */
export interface ProgressSnapshot {
  /** What is running: `light profile`, `heavy profile`, or the job's status while it waits. */
  label: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/** What the bar measures: bytes when the total is known, else files. */
export const measureOf = (snapshot: ProgressSnapshot): { done: number; total: number } =>
  snapshot.bytesTotal > 0
    ? { done: snapshot.bytesDone, total: snapshot.bytesTotal }
    : { done: snapshot.filesDone, total: snapshot.filesTotal };

const PHASE_LABEL: Record<string, string> = {
  listing: 'listing files',
  light: 'light profile',
  heavy: 'heavy profile',
  done: 'done',
};

/** The phase's words, or the job's status while no phase runs yet (`queued`). */
export const labelOf = (phase: string, status?: string): string => PHASE_LABEL[phase] ?? status ?? phase;
