import { RequestValidationError, type ValidationIssue } from '../errors.js';
import { initialProgress, JOB_STATUS, type Job } from '../job.js';
import type { ProfileRequested } from '../events.js';
import type { ProfilingRequest } from '../schemas/ProfilingRequest.js';
import type { Services } from '../services.js';

/** Rejects a dataset folder that resolves (symlinks included) outside the data root, as a 422. */
const assertDatasetsConfined = async (s: Pick<Services, 'datasets'>, request: ProfilingRequest): Promise<void> => {
  const connectors = request.profile_specification.data_connectors;
  for (const [index, connector] of connectors.entries()) {
    if (connector.type !== 'RawDataPath') continue;
    const location = await s.datasets.locate(connector.dataset_id);
    if (location.kind === 'outside') {
      throw new RequestValidationError([
        {
          loc: ['body', 'profile_specification', 'data_connectors', index, 'dataset_id'],
          msg: 'Value error, dataset_id resolves outside the data root',
          type: 'value_error',
          input: connector.dataset_id,
        },
      ]);
    }
  }
};

/**
 * Rejects, as a 422, a DatabaseConnection whose host DB_ALLOWED_HOSTS does not allow (names are
 * resolved and every address checked), before anything connects to it. No policy: no database.
 */
const assertDatabaseHostsAllowed = async (s: Pick<Services, 'databaseHosts'>, request: ProfilingRequest): Promise<void> => {
  const issues: ValidationIssue[] = [];
  for (const [index, connector] of request.profile_specification.data_connectors.entries()) {
    if (connector.type !== 'DatabaseConnection') continue;
    const verdict = s.databaseHosts ? await s.databaseHosts.vet(connector.host) : undefined;
    if (verdict?.allowed) continue;
    issues.push({
      loc: ['body', 'profile_specification', 'data_connectors', index, 'host'],
      msg: `Value error, ${verdict?.reason ?? 'database connections are disabled: DB_ALLOWED_HOSTS lists no host'}`,
      type: 'value_error',
      input: connector.host,
    });
  }
  if (issues.length > 0) throw new RequestValidationError(issues);
};

/** Creates the job (SUBMITTING) and queues it for the dispatcher. Answers 503 while the Ray circuit is open. */
export const triggerProfile = async (
  s: Pick<Services, 'jobs' | 'requests' | 'circuit' | 'datasets' | 'databaseHosts' | 'clock' | 'newId' | 'logger'>,
  request: ProfilingRequest,
): Promise<{ job_id: string; status: 'Job submitted' }> => {
  await s.circuit.assertClosed();
  await assertDatasetsConfined(s, request);
  await assertDatabaseHostsAllowed(s, request);
  const now = s.clock.now().toISOString();
  const job: Job = {
    jobId: s.newId(),
    datasetId: request.profile_specification.id,
    status: JOB_STATUS.SUBMITTING,
    onlyLightProfile: request.only_light_profile,
    request,
    createdAt: now,
    updatedAt: now,
    progress: initialProgress(),
    profiles: {},
    version: 1,
  };
  await s.jobs.create(job);
  s.logger.info({ job_id: job.jobId, dataset_id: job.datasetId, to: job.status }, 'job transition');
  // If this send is lost, the reconciler re-enqueues jobs left in SUBMITTING.
  const message: ProfileRequested = { kind: 'ProfileRequested', jobId: job.jobId };
  await s.requests.send(message);
  return { job_id: job.jobId, status: 'Job submitted' };
};
