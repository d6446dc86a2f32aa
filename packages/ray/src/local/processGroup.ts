import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { hasErrorCode } from './errorCode.js';

/** Sends `signal` to every process of group `pgid`; a group that is already gone is not an error. */
export const signalGroup = (pgid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if (!hasErrorCode(error, 'ESRCH')) throw error;
  }
};

export const groupExists = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    // EPERM: the group exists but belongs to someone else, so it is certainly not ours to kill.
    return false;
  }
};

/**
 * The kernel's start time of `pid` (field 22 of /proc/<pid>/stat, in clock ticks since boot), or
 * undefined where there is no /proc or no such process. Recorded at spawn, it tells our old process
 * from an unrelated one that was later given the same pid.
 */
export const processStartTicks = (pid: number): string | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
};

/**
 * Kills what survives of a process group started by an earlier run of the runner. Linux never hands
 * out a pid that is still in use as a group id, so a live group `pgid` is ours unless its leader is a
 * different process (same pid, other start time) that made itself a group leader later.
 */
export const killOrphanGroup = (pgid: number, recordedStartTicks: string | undefined): boolean => {
  if (!groupExists(pgid)) return false;
  const leaderTicks = processStartTicks(pgid);
  if (recordedStartTicks && leaderTicks && leaderTicks !== recordedStartTicks) return false;
  signalGroup(pgid, 'SIGKILL');
  return true;
};

/** Ray reports a process killed by a signal as Python does: the negated signal number. */
export const exitCodeOf = (code: number | null, signal: NodeJS.Signals | null): number | null => {
  if (code !== null) return code;
  return signal ? -constants.signals[signal] : null;
};
