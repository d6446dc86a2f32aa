import { CreateSecretCommand, DeleteSecretCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAwsClients, loadAwsConfig, type AwsClients, type AwsConfig } from '@dataset-profiler/aws';
import { emulatorCredentials, removeAwsResources, uniqueAwsNames } from '../support/awsEmulator.js';
import { describeWithService } from '../support/externalService.js';
import { getJson, makeDirs, postJson, specFor, startStack, waitForFinal, type RunningStack } from '../support/localStack.js';

/**
 * `npm start` with PROFILER_BACKEND=aws on the emulator, profiling the database 40-postgres.sh loads
 * over verified TLS, with the credentials in a Secrets Manager secret (DB_CREDENTIALS_SECRET_ARN): no
 * DB_CREDENTIALS anywhere.
 */
describeWithService('AWS_ENDPOINT_URL', 'a PostgreSQL database profiled on the AWS adapters', (endpoint) => {
  describeWithService('PG_TEST_URL', 'with its credentials in Secrets Manager (emulator)', (url) => {
    let stack: RunningStack;
    let dirs: Awaited<ReturnType<typeof makeDirs>>;
    let config: AwsConfig;
    let clients: AwsClients;
    let secretArn: string;
    let connector: Record<string, unknown>;
    const password = () => process.env.PG_TEST_READER_PASSWORD!;

    beforeAll(async () => {
      const { port, pathname } = new URL(url);
      connector = { type: 'DatabaseConnection', protocol: 'postgresql', engine: 'PostgreSQL', host: '127.0.0.1', port: Number(port), database_name: pathname.slice(1) };
      const names = uniqueAwsNames();
      config = loadAwsConfig({ ...emulatorCredentials(), ...names, AWS_ENDPOINT_URL: endpoint });
      clients = createAwsClients(config);
      const credentials = { [`127.0.0.1:${port}${pathname}`]: { user: process.env.PG_TEST_READER_USER, password: password() } };
      ({ ARN: secretArn = '' } = await clients.secretsManager.send(new CreateSecretCommand({ Name: `db-credentials-${names.JOBS_TABLE}`, SecretString: JSON.stringify(credentials) })));
      dirs = await makeDirs([]);
      stack = await startStack({
        ...emulatorCredentials(),
        ...names,
        AWS_ENDPOINT_URL: endpoint,
        PROFILER_BACKEND: 'aws',
        AWS_BOOTSTRAP: 'true',
        DATA_ROOT: dirs.dataRoot,
        DATA_DIR: dirs.dataDir,
        DB_ALLOWED_HOSTS: '127.0.0.1',
        DB_CREDENTIALS: '',
        DB_CREDENTIALS_SECRET_ARN: secretArn,
        // The job connects with TLS, checking the server's certificate against the test CA.
        DB_SSL: 'verify-full',
        DB_SSL_CA_FILE: process.env.PG_TEST_CA_FILE!,
      });
    });

    afterAll(async () => {
      await stack?.kill('SIGTERM');
      await dirs?.cleanup();
      if (config) await removeAwsResources(config, clients);
      if (secretArn) await clients.secretsManager.send(new DeleteSecretCommand({ SecretId: secretArn, ForceDeleteWithoutRecovery: true }));
    });

    const trigger = (connectors: unknown[]) => postJson(`${stack.url}/profiler/trigger_profile`, specFor('unused', { data_connectors: connectors }));

    it('secret → job → every table profiled, statistics from SQL, profile in S3', async () => {
      const started = Date.now();
      const answer = await trigger([connector]);
      expect(answer.status).toBe(200);
      const final = await waitForFinal(stack.url, answer.body.job_id, 240_000);
      console.log(`database on the AWS adapters, credentials from Secrets Manager: trigger_profile → ${final.status} in ${Date.now() - started} ms`);
      expect(final).toMatchObject({ status: 'HEAVY_PROFILES_READY', progress: { phase: 'done' } });
      const { body } = await getJson(`${stack.url}/profiler/profile/${answer.body.job_id}`);
      const stations = body.moma_profile_heavy.recordSet.find((r: any) => r.name === 'public.stations');
      expect(stations.field.find((f: any) => f.name === 'id').statistics).toMatchObject({ rowCount: 200, min: 1, max: 200, uniqueCount: 200 });
      expect(JSON.stringify(body)).not.toContain(password());
    }, 300_000);

    it('answers 422 for a host DB_ALLOWED_HOSTS does not allow, before anything connects', async () => {
      for (const host of ['169.254.169.254', 'localhost', '10.1.2.3']) {
        const refused = await trigger([{ ...connector, host }]);
        expect(refused.status, host).toBe(422);
        expect(refused.body.detail[0], host).toMatchObject({ loc: ['body', 'profile_specification', 'data_connectors', 0, 'host'], msg: `Value error, host '${host}' is not in DB_ALLOWED_HOSTS` });
      }
    });

    it('never writes the password into a log', () => {
      expect(JSON.stringify(stack.logs)).not.toContain(password());
    });
  });
});
