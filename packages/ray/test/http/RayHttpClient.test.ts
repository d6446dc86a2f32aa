import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RunnerUnavailableError } from '@dataset-profiler/core';
import { RayHttpClient } from '../../src/http/RayHttpClient.js';
import { freePort } from '../../../../test/support/rayHead.js';

/** Loopback peers with the failure modes the client must classify; Ray semantics are tested on a real head. */
describe('Class: RayHttpClient', () => {
  const closers: (() => void)[] = [];
  afterEach(() => closers.splice(0).forEach((close) => close()));

  const listen = async (server: Server | ReturnType<typeof createTcpServer>): Promise<string> => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  };
  const answering = async (status: number, body = '') => {
    const seen: IncomingMessage[] = [];
    const url = await listen(
      createHttpServer((req, res) => {
        seen.push(req);
        req.resume();
        res.writeHead(status).end(body);
      }),
    );
    return { url, seen };
  };
  const client = (baseUrl: string, retryBudgetMs = 300, headers?: Record<string, string>) => {
    const made = new RayHttpClient({ baseUrl, requestTimeoutMs: 200, retryBudgetMs, ...(headers ? { headers } : {}) });
    closers.push(() => made.close());
    return made;
  };

  describe('Method: call', () => {
    it('throws RunnerUnavailableError when the connection is refused', async () => {
      const url = `http://127.0.0.1:${await freePort()}`;
      await expect(client(url).call('GET', '/api/version')).rejects.toThrow(RunnerUnavailableError);
    });

    it('throws RunnerUnavailableError when Ray accepts the connection but never answers', async () => {
      const sockets: Socket[] = [];
      const url = await listen(createTcpServer((socket) => sockets.push(socket)));
      closers.push(() => sockets.forEach((socket) => socket.destroy()));
      await expect(client(url).call('GET', '/api/version')).rejects.toThrow(/timed out after \d+ ms/);
    });

    it('retries a 5xx within its budget, then throws RunnerUnavailableError', async () => {
      const { url, seen } = await answering(503, 'unavailable');
      await expect(client(url, 1_000).call('GET', '/api/gcs_healthz')).rejects.toThrow(RunnerUnavailableError);
      expect(seen.length).toBeGreaterThan(1);
    });

    it('returns a 4xx at once: a refused request is not an outage', async () => {
      const { url, seen } = await answering(400, 'Traceback (most recent call last): …');
      expect(await client(url).call('POST', '/api/jobs/', { entrypoint: 'true' })).toEqual({ status: 400, body: 'Traceback (most recent call last): …' });
      expect(seen).toHaveLength(1);
    });

    it('returns a 5xx the caller accepts as an answer without retrying it', async () => {
      const { url, seen } = await answering(500, 'Job with submission_id x already exists.');
      const response = await client(url).call('POST', '/api/jobs/', {}, (r) => r.body.includes('already exists'));
      expect(response.status).toBe(500);
      expect(seen).toHaveLength(1);
    });

    it('sends the configured headers, a JSON body, and no browser headers (the dashboard refuses those)', async () => {
      const { url, seen } = await answering(200, '{}');
      await client(`${url}/ray-proxy`, 300, { authorization: 'Bearer t0ken', 'x-api-key': 'k' }).call('POST', '/api/jobs/', { entrypoint: 'true' });
      const [request] = seen;
      expect(request?.url).toBe('/ray-proxy/api/jobs/');
      expect(request?.headers).toMatchObject({ authorization: 'Bearer t0ken', 'x-api-key': 'k', 'content-type': 'application/json' });
      expect(Object.keys(request?.headers ?? {}).filter((name) => /^(sec-fetch-|origin|referer)/.test(name))).toEqual([]);
    });
  });
});
