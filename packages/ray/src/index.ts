export { LocalRayJobs } from './LocalRayJobs.js';
export type { LocalRayJobsOptions } from './LocalRayJobs.js';
export { HttpRayJobs } from './HttpRayJobs.js';
export type { HttpRayJobsOptions } from './HttpRayJobs.js';
export { RayRequestRejectedError } from './errors.js';
export { createRayJobs, rayConfigShape } from './createRayJobs.js';
export type { ClosableRayJobs, RayConfig } from './createRayJobs.js';
