import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { JOB_STATUS } from '@dataset-profiler/core';
import { resolveQueueUrl } from '@dataset-profiler/aws';
import { freshAwsResources, type AwsTestResources } from '../support/awsEmulator.js';
import { describeWithService } from '../support/externalService.js';
import { apiEvent, jsonEvent } from '../http/support/events.js';
import { validRequest } from '../http/support/fixtures.js';
import { lambdaContext } from './support/sqsEvents.js';
import { sqsEventSource } from './support/sqsSource.js';
import { uniqueName } from './support/moto.js';

/**
 * The files SST deploys, as Lambda loads them: configuration from the environment, the AWS
 * composition root, moto behind it. Ray is an address where nothing listens, so the dispatcher finds
 * the runner unreachable and leaves the request queued.
 */
describeWithService('AWS_ENDPOINT_URL', 'Lambda entry points on the AWS composition root (emulator)', (endpoint) => {
  let aws: AwsTestResources;
  let dataBucket: string;

  beforeAll(async () => {
    aws = await freshAwsResources(endpoint);
    dataBucket = uniqueName('data');
    const idempotencyTable = uniqueName('idempotency');
    await aws.clients.s3.send(new CreateBucketCommand({ Bucket: dataBucket }));
    await aws.clients.s3.send(new PutObjectCommand({ Bucket: dataBucket, Key: 'datasets/weather/readings.csv', Body: 'station,temp\nA,21.5\n' }));
    await aws.clients.dynamo.send(
      new CreateTableCommand({ TableName: idempotencyTable, AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }),
    );
    Object.assign(process.env, aws.env, {
      DATA_ROOT: `s3://${dataBucket}/datasets`,
      IDEMPOTENCY_TABLE: idempotencyTable,
      RAY_ADDRESS: 'http://127.0.0.1:9',
      RAY_RETRY_BUDGET_MS: '0',
      LOG_LEVEL: 'silent',
      DB_ALLOWED_HOSTS: '127.0.0.1',
    });
  });
  afterAll(() => aws?.cleanup());

  const body = (answer: APIGatewayProxyStructuredResultV2) => JSON.parse(String(answer.body)) as Record<string, any>;

  it('trigger_profile, job_status and cdd_profile_path answer from DynamoDB, SQS and S3; a dataset outside the root is a 422', async () => {
    const { handler: trigger } = await import('../../functions/aws/api/triggerProfile.js');
    const { handler: jobStatus } = await import('../../functions/aws/api/getJobStatus.js');
    const { handler: cddPath } = await import('../../functions/aws/api/getCddProfilePath.js');
    const accepted = (await trigger(jsonEvent('POST', '/profiler/trigger_profile', validRequest()), lambdaContext())) as APIGatewayProxyStructuredResultV2;
    expect(accepted.statusCode).toBe(200);
    const jobId = body(accepted).job_id as string;

    const status = (await jobStatus(apiEvent({ path: `/profiler/job_status/${jobId}`, pathParameters: { job_id: jobId } }), lambdaContext())) as APIGatewayProxyStructuredResultV2;
    expect(body(status)).toMatchObject({ job_id: jobId, status: JOB_STATUS.SUBMITTING, dataset_id: validRequest().profile_specification.id });

    const outside = validRequest();
    outside.profile_specification.data_connectors = [{ type: 'RawDataPath', dataset_id: 'weather/../..' }];
    expect(((await trigger(jsonEvent('POST', '/profiler/trigger_profile', outside), lambdaContext())) as APIGatewayProxyStructuredResultV2).statusCode).toBe(422);

    const id = validRequest().profile_specification.id;
    const path = (await cddPath(apiEvent({ path: `/profiler/cdd_profile_path/${id}`, pathParameters: { dataset_id: id } }), lambdaContext())) as APIGatewayProxyStructuredResultV2;
    expect(body(path)).toEqual({ cdd_profile_path: null });
  });

  it('the dispatcher reports a request failed, so it stays queued, while Ray cannot be reached', async () => {
    const { handler: trigger } = await import('../../functions/aws/api/triggerProfile.js');
    const { handler: dispatcher } = await import('../../functions/aws/dispatcher.js');
    const accepted = (await trigger(jsonEvent('POST', '/profiler/trigger_profile', validRequest()), lambdaContext())) as APIGatewayProxyStructuredResultV2;
    const jobId = body(accepted).job_id as string;
    const requests = await sqsEventSource(aws.clients.sqs, await resolveQueueUrl(aws.clients.sqs, aws.config.REQUESTS_QUEUE));
    const event = await requests.receiveAll(2);
    const mine = event.Records.find((r) => JSON.parse(r.body).jobId === jobId);
    const answer = await dispatcher(event, lambdaContext());
    expect(answer.batchItemFailures.map((f) => f.itemIdentifier)).toContain(mine?.messageId);
  });

  it('trigger_profile answers 422 for a database host DB_ALLOWED_HOSTS does not allow, before any connection, and queues an allowed one', async () => {
    const { handler: trigger } = await import('../../functions/aws/api/triggerProfile.js');
    const withDatabase = (host: string) => {
      const request = validRequest();
      const connector = { type: 'DatabaseConnection', protocol: 'postgresql', engine: 'PostgreSQL', host, port: 5432, database_name: 'sales' };
      return { ...request, profile_specification: { ...request.profile_specification, data_connectors: [connector] } };
    };
    for (const host of ['169.254.169.254', '10.0.0.7']) {
      const refused = (await trigger(jsonEvent('POST', '/profiler/trigger_profile', withDatabase(host)), lambdaContext())) as APIGatewayProxyStructuredResultV2;
      expect(refused.statusCode, host).toBe(422);
      expect(body(refused).detail[0], host).toMatchObject({ loc: ['body', 'profile_specification', 'data_connectors', 0, 'host'], msg: `Value error, host '${host}' is not in DB_ALLOWED_HOSTS`, input: host });
    }
    const accepted = (await trigger(jsonEvent('POST', '/profiler/trigger_profile', withDatabase('127.0.0.1')), lambdaContext())) as APIGatewayProxyStructuredResultV2;
    expect(accepted.statusCode).toBe(200);
    const requests = await sqsEventSource(aws.clients.sqs, await resolveQueueUrl(aws.clients.sqs, aws.config.REQUESTS_QUEUE));
    expect((await requests.receiveAll(10)).Records.map((r) => JSON.parse(r.body).jobId)).toContain(body(accepted).job_id);
  });
});
