import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config.js';
import { createAuthenticator } from '../../functions/http/authenticator.js';
import { lambdaApi } from './support/api.js';
import { apiEvent } from './support/events.js';
import { testServices } from './support/services.js';
import { AUDIENCE, ISSUER, makeTestKeys, unsignedToken, type TestKeys } from './support/tokens.js';
import { UNKNOWN_JOB_ID } from './support/fixtures.js';

const PROTECTED = `/profiler/cdd_profile_path/7c4d20a0-33e8-471e-8a3f-a7a54aa09f68`;

const withBearer = (token: string) => ({ path: PROTECTED, headers: { authorization: `Bearer ${token}` } });

describe('auth (ENABLE_AUTH=true)', () => {
  let keys: TestKeys;
  let jwksServer: Server;
  let jwksUrl: string;

  beforeAll(async () => {
    keys = await makeTestKeys();
    jwksServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(keys.jwks));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

  const apiWith = async (env: Record<string, string>) => {
    const config = parseConfig({ ENABLE_AUTH: 'true', JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, ...env });
    const authenticator = createAuthenticator(config.auth);
    return lambdaApi((await testServices()).services, authenticator ? { authenticator } : {});
  };
  const withPublicKey = () => apiWith({ JWT_PUBLIC_KEY: keys.publicKeyPem });

  it('lets a valid token through (public key)', async () => {
    const answer = await (await withPublicKey()).call(apiEvent(withBearer(await keys.sign())));
    expect(answer.status).toBe(200);
  });

  it('lets a valid token through (JWKS URL), and accepts azp in place of client_id', async () => {
    const api = await apiWith({ JWKS_URL: jwksUrl });
    expect((await api.call(apiEvent(withBearer(await keys.sign({ azp: 'airflow' }))))).status).toBe(200);
  });

  it('answers 401 with WWW-Authenticate: Bearer without a token', async () => {
    const answer = await (await withPublicKey()).call(apiEvent({ path: PROTECTED }));
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toBe('Bearer');
    expect(answer.body).toMatchObject({ code: 'Unauthorized', status: 401 });
  });

  it('answers 401 for an expired token, a wrong issuer, a token not yet valid, and garbage', async () => {
    const api = await withPublicKey();
    const expired = await keys.sign({ client_id: 'airflow' }, { expiresIn: Math.floor(Date.now() / 1000) - 600 });
    const wrongIssuer = await keys.sign({ client_id: 'airflow' }, { issuer: 'https://evil.example/' });
    const early = await keys.sign({ client_id: 'airflow' }, { notBefore: '10m' });
    for (const token of [expired, wrongIssuer, early, 'not.a.jwt']) {
      const answer = await api.call(apiEvent(withBearer(token)));
      expect(answer.status, token).toBe(401);
    }
  });

  it('never accepts alg none', async () => {
    for (const api of [await withPublicKey(), await apiWith({ JWKS_URL: jwksUrl })]) {
      expect((await api.call(apiEvent(withBearer(unsignedToken())))).status).toBe(401);
    }
  });

  it('answers 401 for a token signed by another key', async () => {
    const other = await makeTestKeys();
    expect((await (await withPublicKey()).call(apiEvent(withBearer(await other.sign()))))).toMatchObject({ status: 401 });
  });

  it('answers 403 for a valid token whose client is not allowed', async () => {
    const answer = await (await withPublicKey()).call(apiEvent(withBearer(await keys.sign({ client_id: 'jupyter' }))));
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ code: 'Forbidden', status: 403 });
    const allowed = await apiWith({ JWT_PUBLIC_KEY: keys.publicKeyPem, ALLOWED_CLIENT_IDS: 'airflow, jupyter' });
    expect((await allowed.call(apiEvent(withBearer(await keys.sign({ client_id: 'jupyter' })))))).toMatchObject({ status: 200 });
  });

  it('answers 503 when the JWKS cannot be fetched', async () => {
    const api = await apiWith({ JWKS_URL: 'http://127.0.0.1:9/jwks.json' });
    const answer = await api.call(apiEvent(withBearer(await keys.sign())));
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBeDefined();
  });

  it('keeps monitoring and docs open', async () => {
    const api = await withPublicKey();
    for (const path of ['/', '/monitoring/ready', '/monitoring/health-check', '/openapi.json', '/docs']) {
      expect((await api.call(apiEvent({ path }))).status, path).toBe(200);
    }
  });

  it('checks the size before the token, and the token before the body', async () => {
    const api = await withPublicKey();
    const tooBig = await api.call(apiEvent({ method: 'POST', path: '/profiler/clean_up', body: 'x'.repeat(1024 * 1024 + 1), headers: { 'content-type': 'application/json' } }));
    expect(tooBig.status).toBe(413);
    const noToken = await api.call(apiEvent({ method: 'POST', path: '/profiler/clean_up', body: '{', headers: { 'content-type': 'application/json' } }));
    expect(noToken.status).toBe(401);
    const withToken = await api.call(apiEvent({ method: 'POST', path: '/profiler/clean_up', body: JSON.stringify({ job_id: UNKNOWN_JOB_ID }), headers: { 'content-type': 'application/json', authorization: `Bearer ${await keys.sign()}` } }));
    expect(withToken.status).toBe(404);
  });
});
