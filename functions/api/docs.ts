import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { RouteNotFoundError } from '../http/errors.js';
import type { Endpoint } from '../http/httpHandler.js';
import { content } from '../http/responses.js';

/**
 * GET /docs renders /openapi.json with Swagger UI, served from the installed swagger-ui-dist package
 * (no CDN: the page works offline and on a locked-down network). URLs are relative so the page also
 * works under an API Gateway stage prefix. Deployed, swagger-ui-dist must ship beside the function.
 */

const ASSET_TYPES = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
} as const;
type AssetName = keyof typeof ASSET_TYPES;

/** The media types of the assets without their parameters, for the document. */
export const DOCS_ASSET_CONTENT_TYPES = [...new Set(Object.values(ASSET_TYPES).map((type) => type.split(';')[0] as string))];

export const DocsAssetPathSchema = z.object({ asset: z.enum(Object.keys(ASSET_TYPES) as [AssetName, ...AssetName[]]) });

const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Dataset Profiler API</title>
  <link rel="stylesheet" href="docs/swagger-ui.css">
  <link rel="stylesheet" href="docs/index.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="docs/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger-ui', deepLinking: true });
  </script>
</body>
</html>
`;

const ONE_DAY = 86_400;

export const docsPageEndpoint = (): Endpoint =>
  async function docsPageHandler() {
    return content(DOCS_HTML, 'text/html; charset=utf-8');
  };

export const docsAssetEndpoint = (): Endpoint => {
  const cache = new Map<AssetName, string>();
  return async function docsAssetHandler(request) {
    const name = request.pathParameters.asset ?? '';
    // Only names on the list are read: the path parameter never reaches the file system.
    if (!Object.hasOwn(ASSET_TYPES, name)) throw new RouteNotFoundError();
    const asset = name as AssetName;
    if (!cache.has(asset)) cache.set(asset, readFileSync(join(swaggerUiDir(), asset), 'utf8'));
    return content(cache.get(asset) as string, ASSET_TYPES[asset], ONE_DAY);
  };
};

const swaggerUiDir = (): string => dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
