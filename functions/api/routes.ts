import {
  CddProfilePathResponseSchema,
  CleanUpRequestSchema,
  CleanUpResponseSchema,
  FolderProfilingRequestSchema,
  JobStatusResponseSchema,
  ProfileResponseSchema,
  ProfilingRequestSchema,
  RunnerStatusResponseSchema,
  TriggerResponseSchema,
} from '@dataset-profiler/core';
import { cddProfilePathEndpoint } from './cddProfilePath.js';
import { cleanUpEndpoint } from './cleanUp.js';
import { DOCS_ASSET_CONTENT_TYPES, docsAssetEndpoint, DocsAssetPathSchema, docsPageEndpoint } from './docs.js';
import { jobStatusEndpoint } from './jobStatus.js';
import { healthCheckEndpoint, livenessEndpoint, readinessEndpoint } from './monitoring.js';
import { openApiEndpoint } from './openapi.js';
import { profileEndpoint } from './profile.js';
import { profileViewEndpoint } from './profileView.js';
import type { RouteSpec } from './routeSpec.js';
import { runnerStatusEndpoint } from './runnerStatus.js';
import {
  DatasetIdPathSchema,
  HealthResponseSchema,
  HtmlSchema,
  JobIdPathSchema,
  LivenessResponseSchema,
  OpenApiDocumentSchema,
  ReadinessResponseSchema,
} from './schemas.js';
import { triggerProfileEndpoint } from './triggerProfile.js';

export type { RouteSpec } from './routeSpec.js';

const PROFILER = ['profiler'];
const MONITORING = ['monitoring'];
const META = ['meta'];

/** The HTTP API, one row per route: the local server, SST and /openapi.json all read this table. */
export const apiRoutes: readonly RouteSpec[] = [
  {
    method: 'POST', path: '/profiler/trigger_profile', operationId: 'triggerProfile', tags: PROFILER, body: true,
    summary: 'Queue a dataset for profiling',
    request: { body: ProfilingRequestSchema, bodyWithoutDatabases: FolderProfilingRequestSchema },
    response: { description: 'The job was accepted', schema: TriggerResponseSchema },
    errors: [],
    make: triggerProfileEndpoint,
  },
  {
    method: 'GET', path: '/profiler/job_status/{job_id}', operationId: 'getJobStatus', tags: PROFILER,
    summary: "A job's status and progress",
    request: { path: JobIdPathSchema },
    response: { description: 'The job', schema: JobStatusResponseSchema },
    errors: [404],
    make: jobStatusEndpoint,
  },
  {
    method: 'GET', path: '/profiler/runner_status/{job_id}', operationId: 'getRunnerStatus', tags: PROFILER,
    summary: "The runner's view of a job, as a bare JSON string",
    request: { path: JobIdPathSchema },
    response: { description: 'pending, in_progress, completed, failed, or unknown (also for an id nobody knows)', schema: RunnerStatusResponseSchema },
    errors: [],
    make: runnerStatusEndpoint,
  },
  {
    method: 'GET', path: '/profiler/profile/{job_id}', operationId: 'getProfile', tags: PROFILER,
    summary: "A job's light, heavy and CDD profiles",
    request: { path: JobIdPathSchema },
    response: { description: 'The profiles. On AWS an answer over 5 MiB is a 307 redirect to a short-lived URL serving this same document', schema: ProfileResponseSchema },
    errors: [404],
    make: profileEndpoint,
  },
  {
    method: 'GET', path: '/profiler/profile/{job_id}/view', operationId: 'viewProfile', tags: PROFILER,
    summary: "A job's profile as a self-contained HTML page (metadata, files, fields, histograms)",
    request: { path: JobIdPathSchema },
    response: { description: 'An HTML page', schema: HtmlSchema, contentTypes: ['text/html'] },
    errors: [404],
    make: profileViewEndpoint,
  },
  {
    method: 'GET', path: '/profiler/cdd_profile_path/{dataset_id}', operationId: 'getCddProfilePath', tags: PROFILER,
    summary: "Where a dataset's CDD profile is stored",
    request: { path: DatasetIdPathSchema },
    response: { description: 'The path or URI, or null', schema: CddProfilePathResponseSchema },
    errors: [],
    make: cddProfilePathEndpoint,
  },
  {
    method: 'POST', path: '/profiler/clean_up', operationId: 'cleanUp', tags: PROFILER, body: true,
    summary: "Delete a finished job's profiles",
    request: { body: CleanUpRequestSchema },
    response: { description: 'The job is cleaned up: `{"detail": "SUCCESS", "job_id", "status": "CLEANED_UP"}`', schema: CleanUpResponseSchema },
    errors: [404, 409],
    make: cleanUpEndpoint,
  },
  {
    method: 'GET', path: '/', operationId: 'liveness', tags: MONITORING, summary: 'Liveness',
    response: { description: 'The process answers', schema: LivenessResponseSchema }, errors: [], make: livenessEndpoint,
  },
  {
    method: 'GET', path: '/monitoring/ready', operationId: 'readiness', tags: MONITORING, summary: 'Readiness (no dependency calls)',
    response: { description: 'Ready', schema: ReadinessResponseSchema }, errors: [], make: readinessEndpoint,
  },
  {
    method: 'GET', path: '/monitoring/health-check', operationId: 'healthCheck', tags: MONITORING, summary: 'Dependency report (always 200)',
    response: { description: 'healthy or degraded, per dependency', schema: HealthResponseSchema }, errors: [], make: healthCheckEndpoint,
  },
  {
    method: 'GET', path: '/openapi.json', operationId: 'openApiDocument', tags: META, summary: 'This OpenAPI 3.1 document',
    response: { description: 'The document', schema: OpenApiDocumentSchema }, errors: [], make: (s) => openApiEndpoint(() => apiRoutes, { databaseConnections: s.databaseHosts?.enabled === true }),
  },
  {
    method: 'GET', path: '/docs', operationId: 'docsPage', tags: META, summary: 'Interactive API documentation (Swagger UI)',
    response: { description: 'An HTML page', schema: HtmlSchema, contentTypes: ['text/html'] }, errors: [], make: docsPageEndpoint,
  },
  {
    method: 'GET', path: '/docs/{asset}', operationId: 'docsAsset', tags: META, summary: 'A Swagger UI asset, served from swagger-ui-dist',
    request: { path: DocsAssetPathSchema },
    response: { description: 'A stylesheet or script', schema: HtmlSchema.meta({ description: 'CSS or JavaScript' }), contentTypes: DOCS_ASSET_CONTENT_TYPES },
    errors: [404], make: docsAssetEndpoint,
  },
];
