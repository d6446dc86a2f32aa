import { describe, expect, it } from 'vitest';
import { canonicalUuid } from '@dataset-profiler/core';
import { buildOpenApiDocument } from '../../functions/api/openapi.js';
import { apiRoutes } from '../../functions/api/routes.js';
import { lambdaApi } from './support/api.js';
import { apiEvent } from './support/events.js';
import { testServices } from './support/services.js';

/** No OpenAPI validator is installed, so these are structural checks of the 3.1 document. */
describe('GET /openapi.json', () => {
  const fetchDocument = async () => (await lambdaApi((await testServices()).services).call(apiEvent({ path: '/openapi.json' }))).body;

  it('is an OpenAPI 3.1 document with every route of the table, each with a unique operationId', async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    for (const route of apiRoutes) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(op.operationId).toBe(route.operationId);
    }
    const ids = Object.values(doc.paths).flatMap((item: any) => Object.values(item).map((op: any) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares path parameters for every {template} and a request body for POST routes', async () => {
    const doc = await fetchDocument();
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values<any>(item)) {
        const declared = (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name);
        expect(declared.sort(), path).toEqual(names.sort());
        for (const p of op.parameters ?? []) expect(p.required, `${path} ${p.name}`).toBe(true);
      }
    }
    const trigger = doc.paths['/profiler/trigger_profile'].post;
    const body = trigger.requestBody.content['application/json'].schema;
    const resolved = body.$ref ? doc.components.schemas[body.$ref.split('/').pop()] : body;
    expect(resolved.properties.profile_specification).toBeDefined();
    // Unknown fields are ignored, as Pydantic's default is.
    expect(resolved.additionalProperties).not.toBe(false);
  });

  it('documents success and error answers, with the error body and its headers', async () => {
    const doc = await fetchDocument();
    const trigger = doc.paths['/profiler/trigger_profile'].post;
    expect(Object.keys(trigger.responses)).toEqual(expect.arrayContaining(['200', '413', '415', '422', '500', '503']));
    expect(trigger.responses['503'].headers['Retry-After']).toBeDefined();
    const error = trigger.responses['422'].content['application/json'].schema;
    const errorSchema = error.$ref ? doc.components.schemas[error.$ref.split('/').pop()] : error;
    expect(errorSchema.required).toEqual(expect.arrayContaining(['detail', 'code', 'message', 'status', 'request_id']));
    expect(doc.paths['/profiler/profile/{job_id}'].get.responses['404']).toBeDefined();
    expect(doc.paths['/profiler/clean_up'].post.responses['409']).toBeDefined();
  });

  it('declares bearer security only when the server checks tokens (ENABLE_AUTH=true)', async () => {
    const open = await fetchDocument();
    expect(open.paths['/profiler/job_status/{job_id}'].get.security).toBeUndefined();
    expect(open.paths['/profiler/trigger_profile'].post.responses['401']).toBeUndefined();
    expect(open.components?.securitySchemes).toBeUndefined();

    const checksTokens = { authenticate: async () => ({ client_id: 'airflow' }) };
    const api = lambdaApi((await testServices()).services, { authenticator: checksTokens });
    const guarded = (await api.call(apiEvent({ path: '/openapi.json' }))).body;
    expect(guarded.paths['/profiler/job_status/{job_id}'].get.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(guarded.paths['/profiler/trigger_profile'].post.responses)).toEqual(expect.arrayContaining(['401', '403']));
    expect(guarded.paths['/monitoring/ready'].get.security).toBeUndefined();
    expect(guarded.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('resolves every $ref inside the document', async () => {
    const doc = await fetchDocument();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1] as string);
    for (const ref of refs) {
      const target = ref.split('/').reduce<any>((node, key) => node?.[key], doc);
      expect(target, ref).toBeDefined();
    }
  });
});

describe('GET /docs', () => {
  it('serves an HTML page that loads Swagger UI from our own assets, no CDN', async () => {
    const api = lambdaApi((await testServices()).services);
    const page = await api.call(apiEvent({ path: '/docs' }));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.raw).toContain('SwaggerUIBundle');
    expect(page.raw).not.toMatch(/https?:\/\//);
    for (const src of [...page.raw.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1] as string)) {
      const asset = await api.call(apiEvent({ path: `/${src}` }));
      expect(asset.status, src).toBe(200);
      expect(asset.raw.length, src).toBeGreaterThan(100);
    }
  });

  it('serves only the listed assets', async () => {
    const api = lambdaApi((await testServices()).services);
    expect((await api.call(apiEvent({ path: '/docs/swagger-ui-bundle.js' }))).headers['content-type']).toMatch(/javascript/);
    expect((await api.call(apiEvent({ path: '/docs/package.json' }))).status).toBe(404);
    expect((await api.call(apiEvent({ path: '/docs/..%2F..%2Fpackage.json' }))).status).toBe(404);
  });
});

/** What the fuzzer (test/fuzz) reads: the document states the constraints the code enforces. */
describe('the OpenAPI document states what this server accepts', () => {
  const connectorTypes = (doc: any): string[] => {
    const items = doc.paths['/profiler/trigger_profile'].post.requestBody.content['application/json'].schema.properties.profile_specification.properties.data_connectors.items;
    return (items.oneOf ?? [items]).map((member: any) => member.properties.type.const);
  };

  it('offers DatabaseConnection only while DB_ALLOWED_HOSTS lists a host', () => {
    expect(connectorTypes(buildOpenApiDocument(apiRoutes, { authEnabled: false, databaseConnections: false }))).toEqual(['RawDataPath']);
    expect(connectorTypes(buildOpenApiDocument(apiRoutes, { authEnabled: false, databaseConnections: true }))).toEqual(['RawDataPath', 'DatabaseConnection']);
  });

  it('carries the UUID pattern, which takes exactly what the code takes', () => {
    const doc = buildOpenApiDocument(apiRoutes, { authEnabled: false }) as any;
    const pattern = new RegExp(doc.paths['/profiler/job_status/{job_id}'].get.parameters[0].schema.pattern);
    for (const value of ['7C4D20A0-33e8-471e-8a3f-a7a54aa09f68', '7c4d20a033e8471e8a3fa7a54aa09f68', '{7c4d20a0-33e8-471e-8a3f-a7a54aa09f68}', 'URN:uuid:7c4d20a033e8471e8a3fa7a54aa09f68', 'urn:uuid:{7c4d20a0-33e8-471e-8a3f-a7a54aa09f68}', '7c4d20a0-33e8-471e-8a3f-a7a54aa09f6', ' 7c4d20a033e8471e8a3fa7a54aa09f68', '0']) {
      expect(pattern.test(value), value).toBe(canonicalUuid(value) !== undefined);
    }
  });

  it('says clean_up takes exactly one of profile_job_id and job_id', () => {
    const doc = buildOpenApiDocument(apiRoutes, { authEnabled: false }) as any;
    expect(doc.paths['/profiler/clean_up'].post.requestBody.content['application/json'].schema.oneOf).toEqual([{ required: ['profile_job_id'] }, { required: ['job_id'] }]);
  });
});
