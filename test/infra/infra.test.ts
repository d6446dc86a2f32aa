import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsDefaults } from '@dataset-profiler/aws';
import { INDEX, TABLE_KEY, TTL_ATTRIBUTE } from '../../packages/aws/src/jobItem.js';
import { buildOpenApiDocument } from '../../functions/api/openapi.js';
import { apiRoutes } from '../../functions/api/routes.js';
import { SPECIFICATION_FILE } from '../../functions/lambda/specificationUpload.js';
import { installSstStandIn, type RecordedComponent, type Recording } from './sstStandIn.js';

const REPO = resolve(import.meta.dirname, '../..');
/** SST's (and SQS's) visibility timeout when a queue sets none. */
const SQS_DEFAULT_VISIBILITY = '30 seconds';

interface FunctionArgs {
  handler: string;
  timeout?: string;
  link?: unknown[];
  environment?: Record<string, unknown>;
}

/** Every function the infrastructure declares, wherever it is declared, by what declares it. */
const functionsOf = (r: Recording): { where: string; args: FunctionArgs }[] => [
  ...r.ofType('sst.aws.ApiGatewayV2').flatMap((api) => api.calls.filter((c) => c.method === 'route').map((c) => ({ where: String(c.args[0]), args: c.args[1] as FunctionArgs }))),
  ...r.ofType('sst.aws.Function').map((f) => ({ where: f.logicalName, args: f.args as FunctionArgs })),
  ...r.ofType('sst.aws.CronV2').map((cron) => ({ where: cron.logicalName, args: cron.args.function as FunctionArgs })),
  ...r.ofType('sst.aws.Bucket').flatMap((bucket) =>
    bucket.calls.filter((c) => c.method === 'notify').flatMap((c) => (c.args[0] as { notifications: { name: string; function: FunctionArgs }[] }).notifications.map((n) => ({ where: n.name, args: n.function }))),
  ),
];

/** `functions/aws/api/x.handler` → the module file and its export. */
const handlerFile = (handler: string): { file: string; exportName: string } => {
  const dot = handler.lastIndexOf('.');
  return { file: join(REPO, `${handler.slice(0, dot)}.ts`), exportName: handler.slice(dot + 1) };
};

const seconds = (duration: string): number => {
  const [amount, unit] = duration.split(' ');
  return Number(amount) * (unit?.startsWith('minute') ? 60 : 1);
};

describe('infra/ loaded with a recording stand-in for SST', () => {
  let r: Recording;
  let outputs: Record<string, unknown>;

  beforeAll(async () => {
    r = installSstStandIn();
    // By path, not a literal import: sst.config.ts is typed by SST's generated globals, outside this tsconfig.
    const { default: config } = (await import(join(REPO, 'sst.config.ts'))) as { default: { app(input: { stage: string }): Record<string, unknown>; run(): Promise<Record<string, unknown>> } };
    expect(config.app({ stage: 'production' })).toMatchObject({ name: 'dataset-profiler', home: 'aws', removal: 'retain' });
    outputs = await config.run();
  });

  it('routes every operation of /openapi.json to a handler file that exists and exports the handler', async () => {
    const document = buildOpenApiDocument(apiRoutes, { authEnabled: true }) as unknown as { paths: Record<string, Record<string, unknown>> };
    const routed = new Map(r.byName('Api').calls.filter((c) => c.method === 'route').map((c) => [c.args[0] as string, c.args[1] as FunctionArgs]));
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      const args = routed.get(operation);
      expect(args, operation).toBeDefined();
      const { file, exportName } = handlerFile(args!.handler);
      expect(existsSync(file), file).toBe(true);
      expect(typeof (await import(file))[exportName], args!.handler).toBe('function');
    }
    expect([...routed.keys()].sort()).toEqual([...operations].sort());
  });

  it('gives every queue a dead-letter queue after MAX_RECEIVES deliveries, and every queue a subscriber with partial batch responses', () => {
    const queues = r.ofType('sst.aws.Queue');
    const deadLetterTargets = new Set(queues.map((q) => r.referencedBy(q.args.dlq?.queue)).filter(Boolean));
    expect(deadLetterTargets.size).toBeGreaterThan(0);
    for (const queue of queues) {
      if (!deadLetterTargets.has(queue)) {
        expect(r.referencedBy(queue.args.dlq?.queue)?.type, `${queue.logicalName} has a DLQ`).toBe('sst.aws.Queue');
        expect(queue.args.dlq.retry).toBe(awsDefaults.MAX_RECEIVES);
      }
      const subscriptions = queue.calls.filter((c) => c.method === 'subscribe');
      expect(subscriptions.length, `${queue.logicalName} has a subscriber`).toBeGreaterThan(0);
      for (const subscription of subscriptions) {
        expect(subscription.args[1]).toMatchObject({ batch: { partialResponses: true } });
        const subscriber = r.referencedBy(subscription.args[0]) as RecordedComponent;
        expect(subscriber.type).toBe('sst.aws.Function');
        expect(existsSync(handlerFile(subscriber.args.handler).file)).toBe(true);
        // AWS refuses an event source whose queue hides messages for less than the function may run.
        expect(seconds(queue.args.visibilityTimeout ?? SQS_DEFAULT_VISIBILITY)).toBeGreaterThanOrEqual(seconds(subscriber.args.timeout));
        // The subscriber may receive and delete from the queue it consumes.
        expect(subscriber.args.link).toContain(queue);
      }
    }
  });

  it("names in every function's environment each variable its handler reads", async () => {
    const functions = functionsOf(r);
    expect(functions.length).toBe(apiRoutes.length + 4);
    for (const { where, args } of functions) {
      const { file } = handlerFile(args.handler);
      const { environment: reads } = (await import(file)) as { environment: readonly string[] };
      expect(reads.length, file).toBeGreaterThan(0);
      for (const variable of reads) expect(args.environment?.[variable], `${where}: ${variable}`).toEqual(expect.any(String));
      expect(args.environment?.DATA_ROOT).toBe(`s3://${r.byName('Data').name}/datasets`);
    }
  });

  it('links each function only to what it touches: monitoring and documents nothing, the idempotency table the trigger alone', () => {
    const idempotency = r.byName('Idempotency');
    for (const { where, args } of functionsOf(r)) {
      if (/^GET \/(|monitoring\/ready|openapi\.json|docs.*)$/.test(where)) expect(args.link, where).toEqual([]);
      if (where !== 'SpecificationUploads') expect(args.link, where).not.toContain(idempotency);
    }
  });

  it('declares the jobs table with the key schema, indexes and TTL packages/aws uses', () => {
    const jobs = r.byName('Jobs').args;
    expect(jobs.primaryIndex).toEqual({ hashKey: TABLE_KEY });
    for (const index of Object.values(INDEX)) {
      expect(jobs.globalIndexes[index.name]).toEqual({ hashKey: index.partition, rangeKey: index.sort, projection: 'keys-only' });
    }
    expect(jobs.ttl).toBe(TTL_ATTRIBUTE);
    expect(Object.keys(jobs.fields).sort()).toEqual([TABLE_KEY, ...Object.values(INDEX).flatMap((i) => [i.partition, i.sort])].filter((v, i, all) => all.indexOf(v) === i).sort());
  });

  it('sends uploads of profile specifications under the data root to the S3 trigger', () => {
    const notify = r.byName('Data').calls.find((c) => c.method === 'notify');
    const [notification] = (notify?.args[0] as { notifications: Record<string, any>[] }).notifications;
    expect(notification).toMatchObject({ events: ['s3:ObjectCreated:*'], filterPrefix: 'datasets/', filterSuffix: `/${SPECIFICATION_FILE}` });
    expect(notification?.function.handler).toBe('functions/aws/s3Trigger.handler');
  });

  it('runs the reconciler on a schedule, keeps the Ray address a secret, and outputs the API URL', () => {
    expect(r.byName('Reconciler').args).toMatchObject({ schedule: expect.stringMatching(/^rate\(/), function: { handler: 'functions/aws/reconciler.handler' } });
    for (const { args } of functionsOf(r)) expect(r.referencedBy(args.environment?.RAY_ADDRESS)?.type).toBe('sst.Secret');
    expect(outputs).toMatchObject({ api: '${Api.url}', rayJobPolicy: '${RayJobAccess.arn}' });
  });
});
