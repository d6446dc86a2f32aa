import { lambda, type Deployment } from './functions';
import { DATA_PREFIX } from './resources';

/** The dispatcher's time per batch; the queues' visibility timeout (6 minutes) stays above it. */
const DISPATCHER_TIMEOUT = '60 seconds';
const BATCH = { size: 10, window: '1 second', partialResponses: true } as const;

/**
 * The functions no client calls: the dispatcher on both queues, the dead-letter handler on both DLQs,
 * the reconciler every minute, and the S3 trigger on `datasets/…/profile_specification.json` uploads.
 */
export const declareWorkers = (deployment: Deployment) => {
  const { storage, queues } = deployment;
  const dispatcher = new sst.aws.Function(
    'Dispatcher',
    lambda(deployment, 'functions/aws/dispatcher.handler', [storage.jobs, queues.requests, queues.events], { timeout: DISPATCHER_TIMEOUT }),
  );
  queues.requests.subscribe(dispatcher.arn, { batch: BATCH });
  queues.events.subscribe(dispatcher.arn, { batch: BATCH });

  const deadLetters = new sst.aws.Function(
    'DeadLetters',
    lambda(deployment, 'functions/aws/deadLetters.handler', [storage.jobs, queues.requestsDeadLetters, queues.eventsDeadLetters]),
  );
  queues.requestsDeadLetters.subscribe(deadLetters.arn, { batch: BATCH });
  queues.eventsDeadLetters.subscribe(deadLetters.arn, { batch: BATCH });

  const reconciler = new sst.aws.CronV2('Reconciler', {
    schedule: 'rate(1 minute)',
    function: lambda(deployment, 'functions/aws/reconciler.handler', [storage.jobs, queues.requests], { timeout: '60 seconds' }),
  });

  storage.data.notify({
    notifications: [
      {
        name: 'SpecificationUploads',
        function: lambda(deployment, 'functions/aws/s3Trigger.handler', [storage.jobs, storage.idempotency, storage.data, queues.requests]),
        events: ['s3:ObjectCreated:*'],
        filterPrefix: `${DATA_PREFIX}/`,
        filterSuffix: '/profile_specification.json',
      },
    ],
  });
  return { dispatcher, deadLetters, reconciler };
};
