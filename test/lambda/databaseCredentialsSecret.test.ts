import { CreateSecretCommand, DeleteSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretsManagerSecrets } from '@dataset-profiler/aws';
import { credentialsFrom, parseJobConfig } from '../../functions/job/jobConfig.js';
import { emulatorCredentials } from '../support/awsEmulator.js';
import { describeWithService } from '../support/externalService.js';
import { uniqueName } from './support/moto.js';

const PASSWORD = 'pw-do-not-log-7f3a';
const CREDENTIALS = { 'db.example.org:5432/sales': { user: 'reader', password: PASSWORD } };

describe('the job configuration of database credentials and TLS', () => {
  it('takes DB_CREDENTIALS or DB_CREDENTIALS_SECRET_ARN, refusing both at once without echoing either', () => {
    expect(parseJobConfig({ JOB_ID: 'j', DB_CREDENTIALS_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:db' }).credentials).toEqual({ secretArn: 'arn:aws:secretsmanager:eu-west-1:1:secret:db' });
    expect(parseJobConfig({ JOB_ID: 'j', DB_CREDENTIALS: JSON.stringify(CREDENTIALS) }).credentials).toEqual({ credentials: new Map(Object.entries(CREDENTIALS)) });
    const both = () => parseJobConfig({ JOB_ID: 'j', DB_CREDENTIALS: JSON.stringify(CREDENTIALS), DB_CREDENTIALS_SECRET_ARN: 'db' });
    expect(both).toThrow('Invalid configuration: DB_CREDENTIALS_SECRET_ARN: set DB_CREDENTIALS or DB_CREDENTIALS_SECRET_ARN, not both');
    expect(() => parseJobConfig({ JOB_ID: 'j', DB_CREDENTIALS: `{"a:1/b": {"user": "u", "password": "${PASSWORD}", "x": 1}` })).toThrow(/DB_CREDENTIALS: is not valid JSON$/);
  });

  it('reads DB_SSL and the CA file verify-full trusts, naming a file it cannot read', async () => {
    expect(parseJobConfig({ JOB_ID: 'j' }).database).not.toHaveProperty('tls');
    expect(parseJobConfig({ JOB_ID: 'j', DB_SSL: 'require' }).database.tls).toEqual({ mode: 'require' });
    const ca = join(mkdtempSync(join(tmpdir(), 'ca-')), 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(parseJobConfig({ JOB_ID: 'j', DB_SSL: 'verify-full', DB_SSL_CA_FILE: ca }).database.tls).toEqual({ mode: 'verify-full', ca: readFileSync(ca, 'utf8') });
    expect(() => parseJobConfig({ JOB_ID: 'j', DB_SSL: 'require', DB_SSL_CA_FILE: ca })).toThrow('DB_SSL_CA_FILE: a CA file is only used with DB_SSL=verify-full');
    expect(() => parseJobConfig({ JOB_ID: 'j', DB_SSL: 'verify-full', DB_SSL_CA_FILE: '/no/such/ca.pem' })).toThrow('Invalid configuration: DB_SSL_CA_FILE: cannot read /no/such/ca.pem (ENOENT)');
    expect(() => parseJobConfig({ JOB_ID: 'j', DB_SSL: 'prefer' })).toThrow(/^Invalid configuration: DB_SSL: /);
  });

  it('fails clearly on a flavour that reads no secrets', async () => {
    await expect(credentialsFrom({ secretArn: 'db' }, undefined)()).rejects.toThrow('DB_CREDENTIALS_SECRET_ARN: this flavour reads no secrets (Secrets Manager needs PROFILER_BACKEND=aws)');
  });
});

/** The secret DB_CREDENTIALS_SECRET_ARN names, read from the emulator's Secrets Manager as the profile job reads it. */
describeWithService('AWS_ENDPOINT_URL', 'database credentials from Secrets Manager (emulator)', (endpoint) => {
  let client: SecretsManagerClient;
  const created: string[] = [];

  const secret = async (text: string): Promise<string> => {
    const { ARN } = await client.send(new CreateSecretCommand({ Name: uniqueName('db-credentials'), SecretString: text }));
    created.push(ARN!);
    return ARN!;
  };
  const failureOf = async (arn: string): Promise<Error> => {
    const error = await credentialsFrom({ secretArn: arn }, new SecretsManagerSecrets(client))().catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  };

  beforeAll(() => {
    emulatorCredentials();
    client = new SecretsManagerClient({ endpoint, region: process.env.AWS_REGION ?? 'us-east-1' });
  });
  afterAll(async () => {
    await Promise.allSettled(created.map((arn) => client.send(new DeleteSecretCommand({ SecretId: arn, ForceDeleteWithoutRecovery: true }))));
  });

  it('reads the credentials map from the secret, once per process', async () => {
    const arn = await secret(JSON.stringify(CREDENTIALS));
    const secrets = new SecretsManagerSecrets(client);
    const credentials = credentialsFrom({ secretArn: arn }, secrets);
    expect(await credentials()).toEqual(new Map(Object.entries(CREDENTIALS)));
    // Rotated meanwhile: the running process keeps what it read; a new one reads the new value.
    await client.send(new PutSecretValueCommand({ SecretId: arn, SecretString: JSON.stringify({ 'db.example.org:5432/sales': { user: 'rotated', password: 'p' } }) }));
    expect((await credentials()).get('db.example.org:5432/sales')?.user).toBe('reader');
    expect((await credentialsFrom({ secretArn: arn }, new SecretsManagerSecrets(client))()).get('db.example.org:5432/sales')?.user).toBe('rotated');
  });

  it('names a missing secret, and retries it on the next ask', async () => {
    const name = uniqueName('no-such-secret');
    const secrets = new SecretsManagerSecrets(client);
    const credentials = credentialsFrom({ secretArn: name }, secrets);
    await expect(credentials()).rejects.toThrow(`DB_CREDENTIALS_SECRET_ARN: secret '${name}' does not exist`);
    const { ARN } = await client.send(new CreateSecretCommand({ Name: name, SecretString: JSON.stringify(CREDENTIALS) }));
    created.push(ARN!);
    expect((await credentials()).size).toBe(1);
  });

  it('says what is wrong with a malformed secret, never what it holds', async () => {
    const notJson = await failureOf(await secret(`user=reader password=${PASSWORD}`));
    expect(notJson.message).toMatch(/^DB_CREDENTIALS_SECRET_ARN: secret 'arn:aws:secretsmanager:[^']+' is not valid JSON$/);
    const wrongKey = await failureOf(await secret(JSON.stringify({ 'db.example.org/sales': { user: 'reader', password: PASSWORD } })));
    expect(wrongKey.message).toMatch(/^DB_CREDENTIALS_SECRET_ARN: secret '[^']+' must map host:port\/database to \{"user", "password"\} \(Invalid key in record\)$/);
    const wrongField = await failureOf(await secret(JSON.stringify({ 'db.example.org:5432/sales': { user: 'reader', pass: PASSWORD } })));
    expect(wrongField.message).toMatch(/^DB_CREDENTIALS_SECRET_ARN: secret '[^']+' must map host:port\/database to \{"user", "password"\} \(.+\)$/);
    for (const error of [notJson, wrongKey, wrongField]) expect(error.message).not.toContain(PASSWORD);
  });
});
