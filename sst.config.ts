/// <reference path="./.sst/platform/config.d.ts" />
// Deployment entry point. The AWS resources (API, queues, table, bucket, crons) are declared in infra/;
// this file only names the app and imports them. Kept out of tsconfig.json: its globals come from `sst install`.
export default $config({
  app(input) {
    return {
      name: 'dataset-profiler',
      home: 'aws',
      removal: input?.stage === 'production' ? 'retain' : 'remove',
    };
  },
  async run() {
    const { declareInfrastructure } = await import('./infra/index');
    return declareInfrastructure();
  },
});
