import { describe, expect, it } from 'vitest';
import type { FileReport } from '../../src/heavy/fileReport.js';
import { recordSetNames } from '../../src/heavy/recordSetNames.js';

function report(relativePath: string, kind: 'failed' | 'none'): FileReport {
  const name = relativePath.split('/').at(-1) ?? relativePath;
  const file = { relativePath, name, folder: '', absolutePath: `/data/${relativePath}`, size: 1, encodingFormat: 'text/plain', id: relativePath };
  return kind === 'none' ? { file, kind } : { file, kind, error: 'unreadable' };
}

describe('Function: recordSetNames', () => {
  it('drops the last extension, keeps full paths on a clash, and ignores files without a record set', () => {
    const names = recordSetNames([
      report('a.csv', 'failed'), report('a.json', 'failed'), report('sub/b.2024.csv', 'failed'), report('sub/b.2024.bin', 'none'),
    ]);
    expect([...names]).toEqual([['a.csv', 'a.csv'], ['a.json', 'a.json'], ['sub/b.2024.csv', 'sub/b.2024']]);
  });
});
