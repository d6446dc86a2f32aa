import { JOB_EVENT, type JobEvent } from '../events.js';
import { PROGRESS_PHASE, type Progress } from '../job.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../ports/Clock.js';
import type { DatabaseHostPolicy } from '../databaseHosts.js';
import type { DatasetProfiler, ProfilingProgress, VettedDatabase } from '../ports/DatasetProfiler.js';
import type { Datasets } from '../ports/Datasets.js';
import type { JobQueue } from '../ports/JobQueue.js';
import type { ProfileStore } from '../ports/ProfileStore.js';
import { profileKeys } from '../profileKeys.js';
import { firstRawDataPath, type ProfilingRequest } from '../schemas/ProfilingRequest.js';

export interface ProfileJobDeps {
  profiles: ProfileStore;
  /** Where the job reports to the dispatcher. */
  events: JobQueue;
  datasets: Datasets;
  profiler: DatasetProfiler;
  /** Checks DatabaseConnection hosts again (a name may resolve elsewhere since trigger_profile); absent, none may be profiled. */
  databaseHosts?: DatabaseHostPolicy;
  clock: Clock;
  logger: Logger;
}

/** Progress is sent at most this often. */
const PROGRESS_INTERVAL_MS = 1_000;

/** A failure the job reports itself, with the step it happened in. */
class JobStepError extends Error {
  constructor(message: string, readonly step: string, readonly file?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'JobStepError';
  }
}

const toProgress = (p: ProfilingProgress): Progress => ({
  phase: p.phase === 'listing' ? PROGRESS_PHASE.LISTING : p.phase === 'light' ? PROGRESS_PHASE.LIGHT : PROGRESS_PHASE.HEAVY,
  files_done: p.filesDone,
  files_total: p.filesTotal,
  bytes_done: p.bytesDone,
  bytes_total: p.bytesTotal,
});

/** Sends progress at most once a second; `flush` sends the last unsent update. */
const progressReporter = (deps: ProfileJobDeps, jobId: string) => {
  let lastSentAt = -Infinity;
  let pending: Progress | undefined;
  let latest: Progress | undefined;
  let sending: Promise<unknown> = Promise.resolve();
  const send = (progress: Progress) => {
    lastSentAt = deps.clock.now().getTime();
    pending = undefined;
    const event: JobEvent = { type: JOB_EVENT.PROGRESS, jobId, progress };
    sending = sending.then(() => deps.events.send(event)).catch((error) => deps.logger.warn({ job_id: jobId, err: error }, 'progress not sent'));
  };
  return {
    report(p: ProfilingProgress) {
      const progress = toProgress(p);
      latest = progress;
      if (deps.clock.now().getTime() - lastSentAt >= PROGRESS_INTERVAL_MS) send(progress);
      else pending = progress;
    },
    async flush() {
      if (pending) send(pending);
      await sending;
    },
    /** The newest figures, carried by the phase's final event (events may be applied out of order). */
    latest: () => (latest ? { progress: latest } : {}),
  };
};

/** Clients see job messages: absolute server paths (data root, stores, temp files) are cut out. */
const withoutServerPaths = (message: string): string =>
  (message.split('\n')[0] ?? '').replace(/(?<=^|[\s'"(=])(?:\/[^\s'"/:]+){2,}\/?/g, '<path>');

const locateRoot = async (deps: ProfileJobDeps, request: ProfilingRequest): Promise<string | undefined> => {
  const raw = firstRawDataPath(request.profile_specification);
  if (!raw) return undefined;
  const location = await deps.datasets.locate(raw.dataset_id);
  if (location.kind === 'inside') return location.path;
  const why = location.kind === 'missing' ? 'does not exist' : 'resolves outside the data root';
  throw new JobStepError(`Dataset folder '${raw.dataset_id}' ${why}`, 'locate');
};

/** The trigger-time check again, at job time: the job connects only to the addresses vetted here. */
const vetDatabases = async (deps: ProfileJobDeps, request: ProfilingRequest): Promise<VettedDatabase[]> => {
  const vetted: VettedDatabase[] = [];
  for (const connector of request.profile_specification.data_connectors) {
    if (connector.type !== 'DatabaseConnection') continue;
    const verdict = deps.databaseHosts ? await deps.databaseHosts.vet(connector.host) : undefined;
    if (!verdict?.allowed) {
      throw new JobStepError(`Database '${connector.database_name}' not profiled: ${verdict?.reason ?? 'database connections are disabled'}`, 'locate');
    }
    vetted.push({ connector, addresses: verdict.addresses });
  }
  return vetted;
};

const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    if (error instanceof JobStepError) throw error;
    const file = error instanceof Error && 'file' in error && typeof error.file === 'string' ? error.file : undefined;
    throw new JobStepError(error instanceof Error ? error.message : String(error), name, file, { cause: error });
  }
};

/**
 * The profile job: light profile first (stored, then announced), then, unless light-only, the heavy
 * and CDD profiles. A failure is reported as a FAILED event with the step (and file) it happened in;
 * the returned exit code tells the runner whether the job succeeded.
 */
export const runProfileJob = async (deps: ProfileJobDeps, jobId: string, request: ProfilingRequest): Promise<number> => {
  const progress = progressReporter(deps, jobId);
  try {
    const root = await step('locate', () => locateRoot(deps, request));
    const databases = await step('locate', () => vetDatabases(deps, request));
    const input = { root, databases, request, onProgress: (p: ProfilingProgress) => progress.report(p) };
    const light = await step('light', () => deps.profiler.light(input));
    await step('store', () => deps.profiles.put(profileKeys.light(jobId), light.profile));
    await progress.flush();
    await deps.events.send({ type: JOB_EVENT.LIGHT_PROFILE_READY, jobId, lightKey: profileKeys.light(jobId), ...progress.latest() } satisfies JobEvent);
    if (request.only_light_profile) return 0;
    const heavy = await step('heavy', () => deps.profiler.heavy(light, input));
    const cddKey = profileKeys.cdd(request.profile_specification.id);
    await step('store', () => deps.profiles.put(cddKey, heavy.cdd));
    await step('store', () => deps.profiles.put(profileKeys.heavy(jobId), heavy.profile));
    await progress.flush();
    await deps.events.send({ type: JOB_EVENT.HEAVY_PROFILES_READY, jobId, heavyKey: profileKeys.heavy(jobId), cddKey, ...progress.latest() } satisfies JobEvent);
    return 0;
  } catch (error) {
    const failure = error instanceof JobStepError ? error : new JobStepError(String(error), 'unknown');
    deps.logger.error({ job_id: jobId, step: failure.step, err: failure.cause ?? failure }, 'profile job failed');
    await progress.flush();
    const details = { step: failure.step, ...(failure.file ? { file: failure.file } : {}) };
    const message = withoutServerPaths(failure.message);
    await deps.events.send({ type: JOB_EVENT.FAILED, jobId, message, additionalDetails: details } satisfies JobEvent);
    return 1;
  }
};
