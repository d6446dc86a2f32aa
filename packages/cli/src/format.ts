import { formatBytes } from '@dataset-profiler/viewer';
import type { Rate } from './progress/RateMeter.js';
import type { ProgressSnapshot } from './progress/ProgressSnapshot.js';

export const formatDuration = (seconds: number): string => {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
};

/** The parts of a progress line: files, bytes, rate and time left ("…" while unknown). */
export const progressParts = (snapshot: ProgressSnapshot, rate: Rate) => {
  const byBytes = snapshot.bytesTotal > 0;
  return {
    files: `${snapshot.filesDone}/${snapshot.filesTotal} files`,
    bytes: `${formatBytes(snapshot.bytesDone)} / ${formatBytes(snapshot.bytesTotal)}`,
    rate: rate.perSecond === undefined ? '…/s' : byBytes ? `${formatBytes(rate.perSecond)}/s` : `${rate.perSecond.toFixed(1)} files/s`,
    eta: rate.etaSeconds === undefined ? '…' : formatDuration(rate.etaSeconds),
  };
};
