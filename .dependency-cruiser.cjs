/** The rooms of the architecture, enforced (docs/architecture.md "Rooms and the rules between them"). */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'packages/core holds the domain: no adapter, SDK, middleware, file system or network here.',
      severity: 'error',
      from: { path: '^packages/core/src' },
      to: {
        path: [
          '^packages/(local|ray|profiler|aws)/',
          '^functions/',
          'node_modules/(@aws-sdk|@middy|pino|@duckdb|sst)/',
          '^(fs|fs/promises|http|https|net|child_process|dns|dns/promises)$',
        ],
      },
    },
    {
      name: 'profiler-knows-no-transport',
      comment: 'The profiler knows nothing of AWS, HTTP, queues or the service around it.',
      severity: 'error',
      from: { path: '^packages/profiler/src' },
      to: { path: ['^packages/(core|local|ray|aws)/', '^functions/', 'node_modules/(@aws-sdk|@middy|sst)/', '^(http|https)$'] },
    },
    {
      name: 'viewer-is-pure',
      comment: 'packages/viewer turns a profile into HTML: no file system, network or service room; the route and the CLI do the I/O.',
      severity: 'error',
      from: { path: '^packages/viewer/src' },
      to: { path: ['^packages/(core|local|ray|aws|profiler|cli)/', '^functions/', '^(fs|fs/promises|http|https|net|child_process)$'] },
    },
    {
      name: 'cli-is-a-client',
      comment: 'packages/cli talks to the service over its HTTP API only (and runs the profiler in-process for `profile`).',
      severity: 'error',
      from: { path: '^packages/cli/src' },
      to: { path: ['^packages/(local|ray|aws)/', '^functions/', 'node_modules/(@aws-sdk|@middy|sst)/'] },
    },
    {
      name: 'adapters-do-not-reach-into-functions',
      comment: 'Adapters implement core ports; only composition roots (wire.ts, httpServer.ts, main.ts) host the handlers.',
      severity: 'error',
      from: { path: '^packages/(ray|aws)/src' },
      to: { path: '^functions/' },
    },
    {
      name: 'functions-do-not-use-the-embedded-stack',
      comment: 'Lambda handlers and the job process get their ports from a composition root; packages/local is the embedded one (issue 7).',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: ['^packages/local/', 'node_modules/@dataset-profiler/local'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
