/**
 * The JSON-LD `@context` of both MoMa profiles: the reference's 58 entries in its order
 * (profile-format.md 1.2), then our additions, which map the keys the reference left to `@vocab`
 * (document keys, quirk 28) and our new statistics keys to `dg:`.
 */
const REFERENCE_CONTEXT = {
  '@language': 'en',
  '@vocab': 'https://schema.org/',
  cr: 'http://mlcommons.org/croissant/',
  rai: 'http://mlcommons.org/croissant/RAI/',
  dg: 'http://datagems.eu/TBD/',
  dct: 'http://purl.org/dc/terms/',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  examples: { '@id': 'cr:examples', '@type': '@json' },
  conformsTo: 'dct:conformsTo',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  extract: 'cr:extract',
  field: 'cr:field',
  fileProperty: 'cr:fileProperty',
  fileObject: 'cr:fileObject',
  fileSet: 'cr:fileSet',
  format: 'cr:format',
  includes: 'cr:includes',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  parentField: 'cr:parentField',
  path: 'cr:path',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  regex: 'cr:regex',
  repeated: 'cr:repeated',
  replace: 'cr:replace',
  sc: 'https://schema.org/',
  separator: 'cr:separator',
  source: 'cr:source',
  subField: 'cr:subField',
  transform: 'cr:transform',
  access: 'dg:access',
  uploadedBy: 'dg:uploadedBy',
  statistics: 'dg:statistics',
  doi: 'dg:doi',
  fieldOfScience: 'dg:fieldOfScience',
  status: 'dg:status',
  rowCount: 'dg:rowCount',
  mean: 'dg:mean',
  median: 'dg:median',
  standardDeviation: 'dg:standardDeviation',
  min: 'dg:min',
  max: 'dg:max',
  missingCount: 'dg:missingCount',
  missingPercentage: 'dg:missingPercentage',
  histogram: 'dg:histogram',
  uniqueCount: 'dg:uniqueCount',
  variance: 'dg:variance',
  range: 'dg:range',
  percentile05: 'dg:percentile05',
  percentile95: 'dg:percentile95',
  generatedAt: 'dg:generatedAt',
  wd: 'https://www.wikidata.org/wiki/',
  containedIn: 'cr:containedIn',
} as const;

/** Keys we emit that the reference had no mapping for; all go to the `dg:` namespace. */
const DG_TERMS = [
  // document record sets (the companion vocabulary declares them as dg: properties)
  'summary', 'language', 'numLines', 'numWords', 'numCharacters', 'avgSentenceLength',
  'numParagraphs', 'fleschKincaidGrade', 'subject', 'author', 'title', 'producer', 'creator',
  'creationDate', 'modificationDate', 'pagesCount', 'textLength', 'textLayer', 'size', 'encoding',
  'imageFormat', 'error', 'limitExceeded', 'limitValue',
  // statistics and table keys added by our decisions (profile-format.md section 0)
  'valueCount', 'unparsedCount', 'approximate', 'rankError', 'minLength', 'maxLength',
  'mostFrequent', 'nullLikeCount', 'skippedRows', 'warnings',
  // database tables and columns
  'rowEstimate', 'tableType', 'sqlType', 'sampled', 'geometryTypes', 'srids', 'boundingBox',
] as const;

export const CROISSANT_CONTEXT: Readonly<Record<string, unknown>> = Object.freeze({
  ...REFERENCE_CONTEXT,
  ...Object.fromEntries(DG_TERMS.map((term) => [term, `dg:${term}`])),
});

export const REFERENCE_CONTEXT_SIZE = Object.keys(REFERENCE_CONTEXT).length;
