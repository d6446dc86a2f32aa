import { join } from 'node:path';
import { describe } from 'vitest';
import { FileCircuitStore, FileJobQueue, FileJobStore, FileProfileStore } from '@dataset-profiler/local';
import { LocalRayJobs } from '@dataset-profiler/ray';
import { circuitStoreContract } from './CircuitStore.contract.js';
import { makeTempDir } from './contractKit.js';
import { jobQueueContract } from './JobQueue.contract.js';
import { jobStoreContract } from './JobStore.contract.js';
import { profileStoreContract } from './ProfileStore.contract.js';
import { rayJobsContract } from './RayJobs.contract.js';

/** Every port's contract against the embedded (file-backed) implementations, each in a fresh temp dir. */

describe('FileJobStore', () => {
  jobStoreContract({
    make: async () => {
      const { dir, remove } = await makeTempDir('job-store');
      return { store: new FileJobStore(dir), cleanup: remove };
    },
  });
});

describe('FileJobQueue', () => {
  jobQueueContract({
    make: async ({ visibilityTimeoutSeconds, maxReceives }) => {
      const { dir, remove } = await makeTempDir('job-queue');
      const deadLetter = new FileJobQueue({ dir: join(dir, 'dead-letters') });
      const queue = new FileJobQueue({ dir: join(dir, 'queue'), visibilityTimeoutSeconds, maxReceives, deadLetter, pollIntervalMs: 20 });
      return { queue, deadLetter, cleanup: remove };
    },
  });
});

describe('FileProfileStore', () => {
  profileStoreContract({
    make: async () => {
      const { dir, remove } = await makeTempDir('profile-store');
      return { profiles: new FileProfileStore(dir), cleanup: remove };
    },
  });
});

describe('FileCircuitStore', () => {
  circuitStoreContract({
    make: async () => {
      const { dir, remove } = await makeTempDir('circuit-store');
      return { circuit: new FileCircuitStore(dir), cleanup: remove };
    },
  });
});

describe('LocalRayJobs', () => {
  rayJobsContract({
    make: async ({ concurrency }) => {
      const { dir, remove } = await makeTempDir('local-ray');
      const ray = new LocalRayJobs({ stateDir: dir, concurrency, stopGraceMs: 500 });
      return {
        ray,
        cleanup: async () => {
          await ray.close();
          await remove();
        },
      };
    },
  });
});
