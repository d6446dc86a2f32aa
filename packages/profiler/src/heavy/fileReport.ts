import type { ProfiledFile } from '../light/lightState.js';
import type { ImageFacts } from '../readers/readImage.js';
import type { PdfFacts } from '../readers/readPdf.js';
import type { TextFacts } from '../readers/readTextFile.js';
import type { LimitName } from '../limits/fileLimits.js';
import type { TableProfile } from '../tabular/index.js';
import type { TextTraits } from './documentRecordSets.js';

/** A workbook sheet: profiled, or the reason it could not be. */
export type SheetReport = { sheet: string } & ({ table: TableProfile } | { error: string });

/** The file limit a failed file would have exceeded, and its configured value. */
export interface ExceededLimit {
  name: LimitName;
  value: number;
}

/** What the heavy step learned about one file; record sets and the CDD profile are built from it. */
export type FileReport = { file: ProfiledFile } & (
  | { kind: 'table'; table: TableProfile }
  | { kind: 'workbook'; sheets: SheetReport[] }
  | { kind: 'pdf'; pdf: PdfFacts & TextTraits }
  | { kind: 'text'; text: TextFacts }
  | { kind: 'image'; image: ImageFacts }
  | { kind: 'failed'; error: string; limit?: ExceededLimit }
  | { kind: 'none' }
);
