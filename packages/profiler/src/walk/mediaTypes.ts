/**
 * File suffix → MIME type. The reference's map (profile-format.md 3.2) with its values kept, extended
 * with the formats datasets commonly hold. Suffixes are matched case-insensitively, longest first,
 * so `x.csv.gz` is `csv.gz`. Anything else is `application/octet-stream` and is still listed.
 */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  // tabular
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  tab: 'text/tab-separated-values',
  'csv.gz': 'application/gzip',
  'tsv.gz': 'application/gzip',
  parquet: 'application/vnd.apache.parquet',
  json: 'application/json',
  jsonl: 'application/jsonl',
  ndjson: 'application/jsonl',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xlsm: 'application/vnd.ms-excel.sheet.macroenabled.12',
  xls: 'application/vnd.ms-excel',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  sql: 'text/sql',
  db: 'text/sql',
  sqlite: 'application/vnd.sqlite3',
  // documents
  pdf: 'application/pdf',
  txt: 'text/plain',
  text: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  html: 'text/html',
  htm: 'text/html',
  xml: 'application/xml',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  rtf: 'application/rtf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ppt: 'application/vnd.ms-powerpoint',
  odt: 'application/vnd.oasis.opendocument.text',
  ipynb: 'application/x-ipynb+json',
  geojson: 'application/geo+json',
  ttl: 'text/turtle',
  rdf: 'application/rdf+xml',
  // images
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  webp: 'image/webp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
  // audio, video, archives
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  zip: 'application/zip',
  gz: 'application/gzip',
  tgz: 'application/gzip',
  'tar.gz': 'application/gzip',
  tar: 'application/x-tar',
  '7z': 'application/x-7z-compressed',
  h5: 'application/x-hdf5',
  hdf5: 'application/x-hdf5',
  npy: 'application/octet-stream',
};

const UNKNOWN_MEDIA_TYPE = 'application/octet-stream';

/** The known suffix of a file name (`csv.gz`, `pdf`), lower-cased, or its last extension, or `""`. */
export function formatSuffixOf(fileName: string): string {
  const parts = fileName.toLowerCase().split('.').slice(1);
  for (let start = 0; start < parts.length; start++) {
    const suffix = parts.slice(start).join('.');
    if (suffix in MEDIA_TYPES) return suffix;
  }
  return parts.at(-1) ?? '';
}

export function mediaTypeOf(fileName: string): string {
  return MEDIA_TYPES[formatSuffixOf(fileName)] ?? UNKNOWN_MEDIA_TYPE;
}
