import { describe, expect, it } from 'vitest';
import { JOB_EVENT, type JobEvent } from '../src/events.js';
import { initialProgress, JOB_STATUS, type Job, type JobStatus } from '../src/job.js';
import { isFinal, transition } from '../src/stateMachine.js';

const NOW = '2026-11-21T12:00:00.000Z';
const ID = 'b9c0f2de-54b6-4c1a-9a6e-2f7e5f3c1d00';

const jobIn = (status: JobStatus, onlyLightProfile = false): Job => ({
  jobId: ID,
  datasetId: 'd',
  status,
  onlyLightProfile,
  request: {},
  createdAt: NOW,
  updatedAt: NOW,
  progress: initialProgress(),
  profiles: {},
  version: 1,
});

const started: JobEvent = { type: JOB_EVENT.STARTED, jobId: ID };
const light: JobEvent = { type: JOB_EVENT.LIGHT_PROFILE_READY, jobId: ID, lightKey: 'l' };
const heavy: JobEvent = { type: JOB_EVENT.HEAVY_PROFILES_READY, jobId: ID, heavyKey: 'h', cddKey: 'c' };
const failed: JobEvent = { type: JOB_EVENT.FAILED, jobId: ID, message: 'boom', additionalDetails: { file: 'a.csv', step: 'heavy' } };
const cleaned: JobEvent = { type: JOB_EVENT.CLEANED_UP, jobId: ID };

const statusAfter = (job: Job, ...events: JobEvent[]): JobStatus =>
  events.reduce((current, event) => {
    const next = transition(current, event, NOW);
    return next.kind === 'changed' ? next.job : current;
  }, job).status;

describe('transition', () => {
  it('walks the forward path SUBMITTING → STARTING → LIGHT_PROFILE_READY → HEAVY_PROFILES_READY', () => {
    expect(statusAfter(jobIn(JOB_STATUS.SUBMITTING), started, light, heavy)).toBe(JOB_STATUS.HEAVY_PROFILES_READY);
  });

  it('records the profile keys carried by the events', () => {
    const afterLight = transition(jobIn(JOB_STATUS.STARTING), light, NOW);
    expect(afterLight.kind === 'changed' && afterLight.job.profiles).toEqual({ light: 'l' });
    const afterHeavy = transition(jobIn(JOB_STATUS.LIGHT_PROFILE_READY), heavy, NOW);
    expect(afterHeavy.kind === 'changed' && afterHeavy.job.profiles).toEqual({ heavy: 'h', cdd: 'c' });
  });

  it('ignores a duplicate event', () => {
    expect(transition(jobIn(JOB_STATUS.STARTING), started, NOW)).toEqual({ kind: 'ignored', reason: 'STARTING does not move STARTING forward' });
  });

  it('never moves backwards on a late event', () => {
    expect(statusAfter(jobIn(JOB_STATUS.LIGHT_PROFILE_READY), started)).toBe(JOB_STATUS.LIGHT_PROFILE_READY);
    expect(statusAfter(jobIn(JOB_STATUS.HEAVY_PROFILES_READY), light, started)).toBe(JOB_STATUS.HEAVY_PROFILES_READY);
  });

  it('accepts a heavy event that overtakes the light one, and then ignores the light one', () => {
    expect(statusAfter(jobIn(JOB_STATUS.STARTING), heavy, light)).toBe(JOB_STATUS.HEAVY_PROFILES_READY);
  });

  it.each([JOB_STATUS.SUBMITTING, JOB_STATUS.STARTING, JOB_STATUS.LIGHT_PROFILE_READY])('fails from %s with message and details', (status) => {
    const next = transition(jobIn(status), failed, NOW);
    expect(next.kind).toBe('changed');
    if (next.kind === 'changed') {
      expect(next.job).toMatchObject({ status: JOB_STATUS.FAILED, message: 'boom', additionalDetails: { file: 'a.csv', step: 'heavy' } });
    }
  });

  it('does not fail a job that has finished', () => {
    expect(statusAfter(jobIn(JOB_STATUS.HEAVY_PROFILES_READY), failed)).toBe(JOB_STATUS.HEAVY_PROFILES_READY);
    expect(statusAfter(jobIn(JOB_STATUS.LIGHT_PROFILE_READY, true), failed)).toBe(JOB_STATUS.LIGHT_PROFILE_READY);
  });

  it('ends a light-only job at LIGHT_PROFILE_READY, which is final for it', () => {
    const job = jobIn(JOB_STATUS.STARTING, true);
    expect(statusAfter(job, light, heavy)).toBe(JOB_STATUS.LIGHT_PROFILE_READY);
    expect(isFinal({ status: JOB_STATUS.LIGHT_PROFILE_READY, onlyLightProfile: true })).toBe(true);
    expect(isFinal({ status: JOB_STATUS.LIGHT_PROFILE_READY, onlyLightProfile: false })).toBe(false);
  });

  it('cleans up only final jobs, and clears their profile keys', () => {
    expect(statusAfter(jobIn(JOB_STATUS.STARTING), cleaned)).toBe(JOB_STATUS.STARTING);
    for (const status of [JOB_STATUS.HEAVY_PROFILES_READY, JOB_STATUS.FAILED]) {
      const next = transition({ ...jobIn(status), profiles: { light: 'l' } }, cleaned, NOW);
      expect(next.kind === 'changed' && [next.job.status, next.job.profiles]).toEqual([JOB_STATUS.CLEANED_UP, {}]);
    }
    expect(statusAfter(jobIn(JOB_STATUS.LIGHT_PROFILE_READY, true), cleaned)).toBe(JOB_STATUS.CLEANED_UP);
  });

  it('applies progress only while the job runs', () => {
    const progress = { ...initialProgress(), phase: 'heavy' as const, files_done: 2, files_total: 5 };
    const event: JobEvent = { type: JOB_EVENT.PROGRESS, jobId: ID, progress };
    const running = transition(jobIn(JOB_STATUS.LIGHT_PROFILE_READY), event, NOW);
    expect(running.kind === 'changed' && running.job.progress).toEqual(progress);
    expect(transition(jobIn(JOB_STATUS.FAILED), event, NOW).kind).toBe('ignored');
  });

  it('ignores progress older than the stored one (events are applied out of order)', () => {
    const newer = { ...initialProgress(), phase: 'heavy' as const, files_done: 3, files_total: 5, bytes_done: 300, bytes_total: 500 };
    const older = { ...newer, files_done: 2, bytes_done: 200 };
    const job = { ...jobIn(JOB_STATUS.LIGHT_PROFILE_READY), progress: newer };
    expect(transition(job, { type: JOB_EVENT.PROGRESS, jobId: ID, progress: older }, NOW).kind).toBe('ignored');
    expect(transition(job, { type: JOB_EVENT.PROGRESS, jobId: ID, progress: { ...older, phase: 'light' } }, NOW).kind).toBe('ignored');
  });

  it('takes the final figures carried by the last event, even when the last progress event comes after it', () => {
    const last = { ...initialProgress(), phase: 'heavy' as const, files_done: 5, files_total: 5, bytes_done: 500, bytes_total: 500 };
    const next = transition(jobIn(JOB_STATUS.LIGHT_PROFILE_READY), { ...heavy, progress: last }, NOW);
    expect(next.kind === 'changed' && next.job.progress).toEqual({ ...last, phase: 'done' });
    const lightOnly = transition(jobIn(JOB_STATUS.STARTING, true), { ...light, progress: { ...last, phase: 'light' } }, NOW);
    expect(lightOnly.kind === 'changed' && lightOnly.job.progress).toEqual({ ...last, phase: 'done' });
  });
});
