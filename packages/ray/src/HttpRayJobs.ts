import { isTerminalRayStatus, RAY_JOB_STATUS, type RayJobInfo, type RayJobs, type RayJobSpec, type RayJobStatus } from '@dataset-profiler/core';
import { RayHttpClient, type RayHttpClientOptions, type RayResponse } from './http/RayHttpClient.js';
import { WorkingDirPackage } from './http/WorkingDirPackage.js';

export interface HttpRayJobsOptions extends RayHttpClientOptions {
  /** CPUs each job holds while it runs (`entrypoint_num_cpus`); Ray queues what does not fit. 0 pins jobs to the head. */
  entrypointNumCpus: number;
  /** Memory in bytes each job reserves (`entrypoint_memory`); 0 reserves none. */
  entrypointMemoryBytes: number;
  /**
   * Where jobs start: a local folder, uploaded to Ray as a package (platform-notes §1.5), or a URI Ray
   * fetches itself (`gcs://…`, `https://….zip`, `s3://…`). Unset: entrypoints use absolute paths.
   */
  workingDir?: string;
}

/** JobDetails as the Jobs API returns it (ray/dashboard/modules/job/pydantic_models.py), the fields we read. */
interface RayJobDetails {
  submission_id: string | null;
  status: RayJobStatus;
  message: string | null;
  error_type: string | null;
  end_time: number | null;
  driver_exit_code: number | null;
}

const KNOWN_STATUSES = new Set<string>(Object.values(RAY_JOB_STATUS));
/** How Ray words a duplicate submission_id, inside the 500 that wraps the agent's 400 (platform-notes §1.2). */
const DUPLICATE_SUBMISSION = /already exists/;

const jobPath = (submissionId: string, suffix = '') => `/api/jobs/${encodeURIComponent(submissionId)}${suffix}`;

/**
 * Ray's start_time is when the job was submitted (JobManager.submit_job), and nothing the Jobs API
 * returns says when the entrypoint began: Ray 2.60 records only the driver's node when it sets RUNNING.
 * So every entrypoint first prints the Unix milliseconds it starts at (GNU date's %3N), on one line
 * (Ray logs the command it runs as one line too); `get` reads it from the job's log, `logs` leaves it out.
 */
const STARTED_PREFIX = 'dataset-profiler: entrypoint started at ';
const STARTED_LINE = new RegExp(`^${STARTED_PREFIX}(\\d+)$`, 'm');
const withStartLine = (entrypoint: string) => `echo "${STARTED_PREFIX}$(date +%s%3N)"; ${entrypoint}`;
/** Start times kept per client; a job's never changes once printed. */
const KNOWN_START_TIMES = 1_000;

/** The RayJobs port on a Ray cluster, through the dashboard's Jobs REST API. */
export class HttpRayJobs implements RayJobs {
  private readonly http: RayHttpClient;
  private readonly workingDir: (() => Promise<string>) | undefined;
  /** Submission id → when its entrypoint started; `undefined` for a job that ended without starting. */
  private readonly startTimes = new Map<string, number | undefined>();

  constructor(private readonly options: HttpRayJobsOptions) {
    this.http = new RayHttpClient(options);
    const dir = options.workingDir;
    if (dir) {
      const upload = dir.includes('://') ? undefined : new WorkingDirPackage(this.http, dir);
      this.workingDir = upload ? () => upload.uri() : async () => dir;
    }
  }

  async submit(spec: RayJobSpec): Promise<void> {
    const workingDir = await this.workingDir?.();
    const body = {
      submission_id: spec.submissionId,
      entrypoint: withStartLine(spec.entrypoint),
      runtime_env: {
        // No pip/conda: they would make Ray build a Python environment for a Node job (platform-notes §1.4).
        ...(workingDir ? { working_dir: workingDir } : {}),
        ...(spec.env ? { env_vars: spec.env } : {}),
      },
      ...(spec.metadata ? { metadata: spec.metadata } : {}),
      ...(this.options.entrypointNumCpus > 0 ? { entrypoint_num_cpus: this.options.entrypointNumCpus } : {}),
      ...(this.options.entrypointMemoryBytes > 0 ? { entrypoint_memory: this.options.entrypointMemoryBytes } : {}),
    };
    const isDuplicate = (response: RayResponse) => response.status === 500 && DUPLICATE_SUBMISSION.test(response.body);
    const response = await this.http.call('POST', '/api/jobs/', body, isDuplicate);
    // A retried submit whose first attempt reached Ray, or a redelivered request: already submitted.
    if (isDuplicate(response)) return;
    RayHttpClient.json(response, `submit job ${spec.submissionId}`);
  }

  async get(submissionId: string): Promise<RayJobInfo | undefined> {
    const response = await this.http.call('GET', jobPath(submissionId));
    if (response.status === 404) return undefined;
    const details = RayHttpClient.json<RayJobDetails>(response, `describe job ${submissionId}`);
    const info = toRayJobInfo(details, submissionId);
    const startTime = info.status === RAY_JOB_STATUS.PENDING ? undefined : await this.entrypointStart(submissionId, isTerminalRayStatus(info.status));
    return startTime === undefined ? info : { ...info, startTime };
  }

  /**
   * When the entrypoint printed its start line; undefined before that, and for a job that ended without
   * starting (stopped or failed while PENDING). Read from the log once per job: a log Ray cannot serve
   * (its node is gone) leaves the time unknown rather than failing `get`.
   */
  private async entrypointStart(submissionId: string, ended: boolean): Promise<number | undefined> {
    if (this.startTimes.has(submissionId)) return this.startTimes.get(submissionId);
    const response = await this.http.call('GET', jobPath(submissionId, '/logs'), undefined, () => true);
    const printed = response.status === 200 ? STARTED_LINE.exec((JSON.parse(response.body) as { logs: string }).logs)?.[1] : undefined;
    const startTime = printed === undefined ? undefined : Number(printed);
    if (startTime !== undefined || ended) {
      if (this.startTimes.size >= KNOWN_START_TIMES) this.startTimes.delete(this.startTimes.keys().next().value!);
      this.startTimes.set(submissionId, startTime);
    }
    return startTime;
  }

  async stop(submissionId: string): Promise<boolean> {
    // Ray answers `stopped: true` while a finished job's supervisor actor lingers; the port's answer
    // is false for a job that has already finished, so its status decides first.
    const info = await this.get(submissionId);
    if (!info || isTerminalRayStatus(info.status)) return false;
    const response = await this.http.call('POST', jobPath(submissionId, '/stop'));
    if (response.status === 404) return false;
    return RayHttpClient.json<{ stopped: boolean }>(response, `stop job ${submissionId}`).stopped;
  }

  async logs(submissionId: string): Promise<string> {
    const response = await this.http.call('GET', jobPath(submissionId, '/logs'));
    if (response.status === 404) return '';
    return withoutRayLines(RayHttpClient.json<{ logs: string }>(response, `read the logs of job ${submissionId}`).logs);
  }

  /** `/api/gcs_healthz` is 503 while the head's GCS is down, which the client turns into unavailability. */
  async ping(): Promise<void> {
    const response = await this.http.call('GET', '/api/gcs_healthz');
    if (response.status !== 200) RayHttpClient.json(response, 'report its health');
  }

  async close(): Promise<void> {
    this.http.close();
  }
}

/**
 * Ray writes its own lines into a job's log ("Runtime env is setting up.", "Running entrypoint for job
 * X: <command>"), and so does the start line above; the port's logs (and the log tail in a failure's
 * message) are what the entrypoint printed, as the local runner keeps them.
 */
const RAY_LOG_LINE = /^(?:Running entrypoint for job \S+: .*|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\t[A-Z]+ job_(?:manager|supervisor)\.py:\d+ -- .*)$/;
const withoutRayLines = (logs: string): string =>
  logs
    .split('\n')
    .filter((line) => !RAY_LOG_LINE.test(line) && !line.startsWith(STARTED_PREFIX))
    .join('\n');

const toRayJobInfo = (details: RayJobDetails, submissionId: string): RayJobInfo => ({
  submissionId: details.submission_id ?? submissionId,
  // A status newer than this client knows is treated as still waiting.
  status: KNOWN_STATUSES.has(details.status) ? details.status : RAY_JOB_STATUS.PENDING,
  message: withoutRayLines(details.message ?? ''),
  ...(details.error_type ? { errorType: details.error_type } : {}),
  ...(details.end_time !== null ? { endTime: details.end_time } : {}),
  exitCode: details.driver_exit_code,
});
