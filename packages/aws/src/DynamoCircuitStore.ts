import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { closedCircuit, StoredCircuitSchema, SystemClock, type CircuitRecord, type CircuitStore, type Clock } from '@dataset-profiler/core';
import { CIRCUIT_KEY, TABLE_KEY } from './jobItem.js';
import { guarded, isConditionalCheckFailure, toPortError } from './vendorErrors.js';

/**
 * The circuit-breaker record as one item of the jobs table (`pk = circuit#runner`). A write is
 * conditional on the stored version (or on the item being absent at version 0), so exactly one of
 * any number of concurrent writers wins.
 */
export class DynamoCircuitStore implements CircuitStore {
  private readonly resource: string;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly clock: Clock = new SystemClock(),
  ) {
    this.resource = `DynamoDB table ${table}`;
  }

  async read(): Promise<CircuitRecord> {
    const { Item } = await guarded(this.resource, () => this.db.send(new GetCommand({ TableName: this.table, Key: CIRCUIT_KEY, ConsistentRead: true })));
    if (!Item) return closedCircuit(this.clock.now());
    const parsed = StoredCircuitSchema.safeParse(Item);
    if (!parsed.success) throw new Error(`Invalid circuit record in ${this.table}: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
    return parsed.data;
  }

  async write(next: CircuitRecord, expectedVersion: number): Promise<boolean> {
    const stored = StoredCircuitSchema.parse({ ...next, version: expectedVersion + 1 });
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...stored, ...CIRCUIT_KEY },
          ...(expectedVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': TABLE_KEY } }
            : { ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw toPortError(error, this.resource);
    }
  }
}
