import { describe, expect, it } from 'vitest';
import { RateMeter } from '../../src/progress/RateMeter.js';
import type { ProgressSnapshot } from '../../src/progress/ProgressSnapshot.js';

const heavy = (bytesDone: number, bytesTotal = 1000): ProgressSnapshot => ({ label: 'heavy profile', filesDone: 0, filesTotal: 4, bytesDone, bytesTotal });

describe('RateMeter', () => {
  it('measures the rate since the phase began and the time left at that rate', () => {
    const meter = new RateMeter();
    expect(meter.sample(heavy(100), 10_000)).toEqual({});
    expect(meter.sample(heavy(300), 12_000)).toEqual({ perSecond: 100, etaSeconds: 7 });
  });

  it('starts over when the phase changes or the count goes back', () => {
    const meter = new RateMeter();
    meter.sample(heavy(0), 0);
    meter.sample(heavy(500), 1000);
    expect(meter.sample({ ...heavy(0), label: 'done' }, 2000)).toEqual({});
    expect(meter.sample({ ...heavy(100), label: 'done' }, 3000)).toEqual({ perSecond: 100, etaSeconds: 9 });
    expect(meter.sample({ ...heavy(50), label: 'done' }, 4000)).toEqual({});
  });

  it('counts files when no byte total is known', () => {
    const meter = new RateMeter();
    const files = (filesDone: number): ProgressSnapshot => ({ label: 'light profile', filesDone, filesTotal: 10, bytesDone: 0, bytesTotal: 0 });
    meter.sample(files(0), 0);
    expect(meter.sample(files(2), 1000)).toEqual({ perSecond: 2, etaSeconds: 4 });
  });
});
