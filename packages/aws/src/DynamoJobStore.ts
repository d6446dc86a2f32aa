import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { JobAlreadyExistsError, JobNotFoundError, StaleJobVersionError, type Job, type JobStatus, type JobStore } from '@dataset-profiler/core';
import { fromJobItem, IN_FLIGHT_STATUSES, INDEX, jobKey, TABLE_KEY, toJobItem, type JobRetention } from './jobItem.js';
import { guarded, isConditionalCheckFailure, toPortError } from './vendorErrors.js';

/** BatchGetItem takes at most 100 keys per call. */
const BATCH_GET_LIMIT = 100;

/**
 * Job records in DynamoDB (key schema in jobItem.ts). Every write is conditional: `create` on the key
 * being absent, `replace` on the stored `version`, so concurrent writers (API, dispatcher,
 * reconciler, in any number of processes or Lambdas) agree on one history.
 */
export class DynamoJobStore implements JobStore {
  private readonly resource: string;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly retention: JobRetention,
  ) {
    this.resource = `DynamoDB table ${table}`;
  }

  async create(job: Job): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({ TableName: this.table, Item: toJobItem(job, this.retention), ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': TABLE_KEY } }),
      );
    } catch (error) {
      if (isConditionalCheckFailure(error)) throw new JobAlreadyExistsError(job.jobId, { cause: error });
      throw toPortError(error, this.resource);
    }
  }

  async get(jobId: string): Promise<Job | undefined> {
    const { Item } = await guarded(this.resource, () => this.db.send(new GetCommand({ TableName: this.table, Key: jobKey(jobId), ConsistentRead: true })));
    return Item ? fromJobItem(Item, this.table) : undefined;
  }

  async replace(job: Job, expectedVersion: number): Promise<Job> {
    const next: Job = { ...job, version: expectedVersion + 1 };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: toJobItem(next, this.retention),
          ConditionExpression: 'attribute_exists(#pk) AND #version = :expected',
          ExpressionAttributeNames: { '#pk': TABLE_KEY, '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
      return next;
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw toPortError(error, this.resource);
      if (!(await this.get(job.jobId))) throw new JobNotFoundError(job.jobId, { cause: error });
      throw new StaleJobVersionError(job.jobId, expectedVersion, { cause: error });
    }
  }

  /**
   * In-flight statuses come from the sparse InFlight index; the others (final jobs, which only
   * tooling asks for) from a consistent scan. Index entries lag their items, so every hit is read
   * again consistently and kept only if its status still matches.
   */
  async listByStatus(statuses: readonly JobStatus[]): Promise<Job[]> {
    const wanted = new Set(statuses);
    const indexed = statuses.filter((status) => IN_FLIGHT_STATUSES.has(status));
    const scanned = statuses.filter((status) => !IN_FLIGHT_STATUSES.has(status));
    const keys = (await Promise.all(indexed.map((status) => this.inFlightKeys(status)))).flat();
    const jobs = [...(await this.batchGet(keys)), ...(scanned.length > 0 ? await this.scanStatuses(scanned) : [])];
    return jobs.filter((job) => wanted.has(job.status)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  private async inFlightKeys(status: JobStatus): Promise<Record<string, unknown>[]> {
    const keys: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await guarded(this.resource, () =>
        this.db.send(
          new QueryCommand({
            TableName: this.table,
            IndexName: INDEX.IN_FLIGHT.name,
            KeyConditionExpression: '#partition = :status',
            ExpressionAttributeNames: { '#partition': INDEX.IN_FLIGHT.partition },
            ExpressionAttributeValues: { ':status': status },
            ExclusiveStartKey: start,
          }),
        ),
      );
      for (const item of page.Items ?? []) keys.push({ [TABLE_KEY]: item[TABLE_KEY] });
      start = page.LastEvaluatedKey;
    } while (start);
    return keys;
  }

  private async batchGet(keys: Record<string, unknown>[]): Promise<Job[]> {
    const jobs: Job[] = [];
    for (let offset = 0; offset < keys.length; offset += BATCH_GET_LIMIT) {
      let pending: Record<string, unknown>[] = keys.slice(offset, offset + BATCH_GET_LIMIT);
      for (let attempt = 0; pending.length > 0; attempt++) {
        // Unprocessed keys are DynamoDB's way of throttling a batch: back off, then ask again.
        if (attempt > 0) await sleep(Math.min(1_000, 50 * 2 ** attempt));
        const batch = pending;
        const answer = await guarded(this.resource, () =>
          this.db.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: batch, ConsistentRead: true } } })),
        );
        for (const item of answer.Responses?.[this.table] ?? []) jobs.push(fromJobItem(item, this.table));
        pending = (answer.UnprocessedKeys?.[this.table]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return jobs;
  }

  private async scanStatuses(statuses: readonly JobStatus[]): Promise<Job[]> {
    const jobs: Job[] = [];
    const names = statuses.map((_, index) => `:s${index}`);
    let start: Record<string, unknown> | undefined;
    do {
      const page = await guarded(this.resource, () =>
        this.db.send(
          new ScanCommand({
            TableName: this.table,
            ConsistentRead: true,
            FilterExpression: `begins_with(#pk, :job) AND #status IN (${names.join(', ')})`,
            ExpressionAttributeNames: { '#pk': TABLE_KEY, '#status': 'status' },
            ExpressionAttributeValues: { ':job': 'job#', ...Object.fromEntries(statuses.map((status, index) => [`:s${index}`, status])) },
            ExclusiveStartKey: start,
          }),
        ),
      );
      for (const item of page.Items ?? []) jobs.push(fromJobItem(item, this.table));
      start = page.LastEvaluatedKey;
    } while (start);
    return jobs;
  }
}
