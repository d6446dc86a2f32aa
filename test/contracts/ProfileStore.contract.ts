import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { profileKeys, type ProfileStore } from '@dataset-profiler/core';
import { caseRunner, freshEach, type SkippedCase } from './contractKit.js';

export interface ProfileStoreContractOptions {
  /** A fresh, empty store for each case. */
  make: () => Promise<{ profiles: ProfileStore; cleanup?: () => Promise<void> }>;
  skip?: readonly SkippedCase[];
}

const aProfile = (name: string) => ({ '@context': { '@vocab': 'https://schema.org/' }, '@type': 'sc:Dataset', name, distribution: [{ name: 'a.csv', contentSize: '12 B' }] });

/** What every ProfileStore must do; run it against each implementation. */
export const profileStoreContract = ({ make, skip }: ProfileStoreContractOptions): void => {
  const test = caseRunner(skip);
  const subject = freshEach(make);
  const profiles = () => subject().profiles;

  describe('ProfileStore contract', () => {
    test('reports a missing key as absent', async () => {
      const key = profileKeys.light(randomUUID());
      expect(await profiles().get(key)).toBeUndefined();
      expect(await profiles().exists(key)).toBe(false);
    });

    test('returns the document that was put', async () => {
      const key = profileKeys.heavy(randomUUID());
      await profiles().put(key, aProfile('census'));
      expect(await profiles().get(key)).toEqual(aProfile('census'));
      expect(await profiles().exists(key)).toBe(true);
    });

    test('replaces a document put again under the same key', async () => {
      const key = profileKeys.cdd(`dataset-${randomUUID()}`);
      await profiles().put(key, aProfile('first'));
      await profiles().put(key, aProfile('second'));
      expect(await profiles().get(key)).toEqual(aProfile('second'));
    });

    test('deletes a document, and deleting a missing key is a no-op', async () => {
      const key = profileKeys.light(randomUUID());
      await profiles().put(key, aProfile('gone'));
      await profiles().delete(key);
      await profiles().delete(key);
      expect(await profiles().get(key)).toBeUndefined();
      expect(await profiles().exists(key)).toBe(false);
    });

    test('keeps sibling keys apart', async () => {
      const jobId = randomUUID();
      await profiles().put(profileKeys.light(jobId), aProfile('light'));
      await profiles().put(profileKeys.heavy(jobId), aProfile('heavy'));
      await profiles().delete(profileKeys.light(jobId));
      expect(await profiles().get(profileKeys.heavy(jobId))).toEqual(aProfile('heavy'));
    });

    test('locates a key as a stable path or URI ending with the key', async () => {
      const key = profileKeys.cdd(`dataset-${randomUUID()}`);
      expect(profiles().locate(key).endsWith(key)).toBe(true);
      expect(profiles().locate(key)).toBe(profiles().locate(key));
    });
  });
};
