// Bundles the runnable entry points with esbuild so they run on plain Node: the local stack, the
// profile job it spawns, and the CLI (`npx dataset-profiler`). Our workspace packages are bundled; third-party
// packages stay external and load from node_modules as published (untransformed, so pdf.js, DuckDB
// and friends cost what they cost under plain Node).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Bare imports other than our own packages are left to Node at run time. */
const thirdPartyExternal = {
  name: 'third-party-external',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@dataset-profiler/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** The reader worker threads (packages/profiler/src/readers/readerPool.ts), in every bundle that profiles. */
const readerWorkers = Object.fromEntries(
  ['workbookWorker', 'pdfWorker', 'textWorker'].map((name) => [name, `packages/profiler/src/readers/${name}.ts`]),
);

const bundles = [
  { outdir: 'dist', entryPoints: { 'local-stack': 'packages/local/src/main.ts', 'profile-job': 'packages/local/src/profileJob.ts', ...readerWorkers } },
  { outdir: 'packages/cli/dist', entryPoints: { cli: 'packages/cli/src/cli.ts', ...readerWorkers } },
];

// Chunk names carry content hashes: without a clean start, old chunks would pile up.
await Promise.all(bundles.map(({ outdir }) => rm(join(root, outdir), { recursive: true, force: true })));

await Promise.all(
  bundles.map(({ outdir, entryPoints }) =>
    build({
      absWorkingDir: root,
      entryPoints,
      outdir,
      // Each lazily imported reader becomes its own chunk, so pdf.js and friends load only when used.
      // Chunks sit beside the entries: the reader pool finds its workers beside its own module.
      splitting: true,
      chunkNames: '[name]-[hash]',
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      sourcemap: 'linked',
      logLevel: 'warning',
      plugins: [thirdPartyExternal],
    }),
  ),
);
