import type { CircuitBreaker } from './CircuitBreaker.js';
import type { DatabaseHostPolicy } from './databaseHosts.js';
import type { Logger } from './logger.js';
import type { Clock } from './ports/Clock.js';
import type { Datasets } from './ports/Datasets.js';
import type { JobQueue } from './ports/JobQueue.js';
import type { JobStore } from './ports/JobStore.js';
import type { LargeAnswers } from './ports/LargeAnswers.js';
import type { ProfileStore } from './ports/ProfileStore.js';
import type { RayJobs } from './ports/RayJobs.js';

/** Everything the use cases need, built once by a composition root (local or AWS). */
export interface Services {
  jobs: JobStore;
  /** ProfileRequested messages, consumed by the dispatcher. */
  requests: JobQueue;
  /** Where requests go after too many failed deliveries. */
  requestsDeadLetters: JobQueue;
  /** JobEvents sent by running profile jobs, consumed by the dispatcher. */
  events: JobQueue;
  /** Where events go after too many failed deliveries. */
  eventsDeadLetters: JobQueue;
  profiles: ProfileStore;
  /** Where answers over the inline limit go; absent where responses have no size cap (the local server). */
  largeAnswers?: LargeAnswers;
  ray: RayJobs;
  circuit: CircuitBreaker;
  datasets: Datasets;
  /** Which DatabaseConnection hosts may be profiled; absent, none may. */
  databaseHosts?: DatabaseHostPolicy;
  clock: Clock;
  newId: () => string;
  logger: Logger;
}
