import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { JOB_STATUS, RayUnavailableError } from '@dataset-profiler/core';
import { createS3TriggerHandler } from '../../functions/lambda/s3TriggerHandler.js';
import { S3Datasets, S3SpecificationFiles } from '@dataset-profiler/aws';
import { describeWithService } from '../support/externalService.js';
import { openCircuit, testServices, type TestServices } from '../http/support/services.js';
import { validRequest } from '../http/support/fixtures.js';
import { createBucket, createIdempotencyTable, motoClients, notificationsOf, type Moto } from './support/moto.js';
import { lambdaContext } from './support/sqsEvents.js';

const ROOT = 'datasets';
const SPEC_KEY = `${ROOT}/weather/profile_specification.json`;
const ERROR_KEY = `${ROOT}/weather/profile_specification.error.json`;

/** The request's specification as a user would upload it: no data_connectors, the folder is implied. */
const uploadedSpecification = (patch: Record<string, unknown> = {}) => {
  const { data_connectors: _implied, ...spec } = validRequest().profile_specification;
  return JSON.stringify({ ...spec, ...patch });
};

describeWithService('AWS_ENDPOINT_URL', 'Lambda: the S3 upload trigger, on the emulator', (endpoint) => {
  let m: Moto;
  let table: string;

  beforeAll(async () => {
    m = motoClients(endpoint);
    table = await createIdempotencyTable(m);
  });

  /** A fresh data bucket whose notifications reach a queue, the handler, and a way to upload. */
  const setUp = async () => {
    const t: TestServices = await testServices();
    const bucket = await createBucket(m);
    await m.s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${ROOT}/weather/readings.csv`, Body: 'station,temp\nA,21.5\n' }));
    t.services.datasets = new S3Datasets(m.s3, { bucket, prefix: ROOT });
    const nextEvent = await notificationsOf(m, bucket, 'profile_specification.json');
    const handler = createS3TriggerHandler(async () => ({
      services: t.services,
      files: new S3SpecificationFiles(m.s3),
      dataRoot: { bucket, prefix: ROOT },
      idempotency: new DynamoDBPersistenceLayer({ tableName: table, awsSdkV3Client: m.dynamo }),
      duplicateWindowSeconds: 3600,
    }));
    const upload = async (text: string): Promise<S3Event> => {
      await m.s3.send(new PutObjectCommand({ Bucket: bucket, Key: SPEC_KEY, Body: text, ContentType: 'application/json' }));
      return nextEvent();
    };
    const jobs = () => t.services.jobs.listByStatus([JOB_STATUS.SUBMITTING]);
    return { t, bucket, handler, upload, jobs };
  };

  it('profiles the folder of a valid specification, as trigger_profile would', async () => {
    const { t, handler, upload, jobs } = await setUp();
    const event = await upload(uploadedSpecification());
    expect(event.Records[0]?.s3.object.key).toBe(encodeURIComponent(SPEC_KEY));

    const report = await handler(event, lambdaContext());

    expect(report.uploads).toEqual([expect.objectContaining({ key: SPEC_KEY, outcome: 'started', job_id: expect.any(String) })]);
    const [job] = await jobs();
    expect(job?.request).toMatchObject({ profile_specification: { data_connectors: [{ type: 'RawDataPath', dataset_id: 'weather' }] }, only_light_profile: false });
    expect((await t.services.requests.receive()).map((message) => message.body)).toEqual([{ kind: 'ProfileRequested', jobId: job?.jobId }]);
  });

  it('starts one job for an event delivered twice and for an unchanged re-upload; a changed one starts another', async () => {
    const { handler, upload, jobs } = await setUp();
    const first = await upload(uploadedSpecification());
    const started = await handler(first, lambdaContext('delivery-1'));
    const redelivered = await handler(first, lambdaContext('delivery-2'));
    const reuploaded = await handler(await upload(uploadedSpecification()), lambdaContext('delivery-3'));

    expect(redelivered.uploads).toEqual(started.uploads);
    expect(reuploaded.uploads).toEqual(started.uploads);
    expect(await jobs()).toHaveLength(1);

    await handler(await upload(uploadedSpecification({ name: 'Weather stations, revised' })), lambdaContext('delivery-4'));
    expect(await jobs()).toHaveLength(2);
  });

  it('writes the 422 body beside an invalid specification and starts nothing; a valid upload removes it', async () => {
    const { t, bucket, handler, upload, jobs } = await setUp();
    const report = await handler(await upload(uploadedSpecification({ name: undefined, keywords: 'subway', colour: 'blue' })), lambdaContext('bad-upload'));

    expect(report.uploads).toEqual([expect.objectContaining({ outcome: 'invalid', error_key: ERROR_KEY })]);
    const written = await m.s3.send(new GetObjectCommand({ Bucket: bucket, Key: ERROR_KEY }));
    const body = JSON.parse(await written.Body!.transformToString()) as Record<string, any>;
    expect(body).toMatchObject({ code: 'Validation.Request', status: 422, request_id: 'bad-upload' });
    expect(body.detail).toEqual([
      expect.objectContaining({ loc: ['body', 'profile_specification', 'name'], type: 'missing', msg: 'Field required' }),
      expect.objectContaining({ loc: ['body', 'profile_specification', 'keywords'], type: 'list_type' }),
    ]);
    // Unknown fields are ignored, as by the API (Pydantic's default): `colour` is no error.
    expect(await jobs()).toEqual([]);
    expect(await t.services.requests.receive()).toEqual([]);

    await handler(await upload(uploadedSpecification()), lambdaContext());
    await expect(m.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: ERROR_KEY }))).rejects.toThrow();
  });

  it('answers malformed JSON with json_invalid at its position, as the API does', async () => {
    const { bucket, handler, upload } = await setUp();
    await handler(await upload('{"id": }'), lambdaContext());
    const written = await m.s3.send(new GetObjectCommand({ Bucket: bucket, Key: ERROR_KEY }));
    expect(JSON.parse(await written.Body!.transformToString()).detail).toEqual([
      { loc: ['body', 7], msg: 'JSON decode error', type: 'json_invalid', input: {}, ctx: { error: 'Expecting value' } },
    ]);
  });

  it('takes a whole trigger_profile body too, with its only_light_profile', async () => {
    const { handler, upload, jobs } = await setUp();
    const request = validRequest();
    request.profile_specification.data_connectors = [{ type: 'RawDataPath', dataset_id: 'weather' }];
    await handler(await upload(JSON.stringify({ ...request, only_light_profile: true })), lambdaContext());
    expect((await jobs())[0]).toMatchObject({ onlyLightProfile: true });
  });

  it('throws while the runner circuit is open and starts the job when the event is retried after it closes', async () => {
    const { t, handler, upload, jobs } = await setUp();
    const event = await upload(uploadedSpecification());
    await openCircuit(t, 20);
    await expect(handler(event, lambdaContext())).rejects.toThrow(RayUnavailableError);
    expect(await jobs()).toEqual([]);

    await t.services.circuit.recordSuccess();
    expect((await handler(event, lambdaContext())).uploads).toEqual([expect.objectContaining({ outcome: 'started' })]);
    expect(await jobs()).toHaveLength(1);
  });

  it('ignores keys that are not a specification below the data root', async () => {
    const { bucket, handler } = await setUp();
    const event = await (async () => {
      const next = await notificationsOf(m, bucket, '.json');
      await m.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'elsewhere/profile_specification.json', Body: uploadedSpecification() }));
      return next();
    })();
    expect((await handler(event, lambdaContext())).uploads).toEqual([]);
  });
});
