export { LocalRayJobs } from './LocalRayJobs.js';
export type { LocalRayJobsOptions } from './LocalRayJobs.js';
