import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsConfig } from './config.js';

export interface AwsClients {
  dynamo: DynamoDBClient;
  db: DynamoDBDocumentClient;
  sqs: SQSClient;
  s3: S3Client;
  secretsManager: SecretsManagerClient;
}

/** One client per service, aimed at AWS_ENDPOINT_URL when set (an emulator: S3 then needs path-style URLs). */
export const createAwsClients = (config: Pick<AwsConfig, 'AWS_REGION' | 'AWS_ENDPOINT_URL'>): AwsClients => {
  const common = { region: config.AWS_REGION, ...(config.AWS_ENDPOINT_URL ? { endpoint: config.AWS_ENDPOINT_URL } : {}) };
  const dynamo = new DynamoDBClient(common);
  return {
    dynamo,
    // Absent optional fields (message, retryAt…) are left out of the item rather than rejected.
    db: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    sqs: new SQSClient(common),
    s3: new S3Client({ ...common, ...(config.AWS_ENDPOINT_URL ? { forcePathStyle: true } : {}) }),
    secretsManager: new SecretsManagerClient(common),
  };
};
