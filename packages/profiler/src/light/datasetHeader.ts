import type { CroissantDataset, DatasetMetadata } from '../api.js';
import { CROISSANT_CONTEXT } from '../context.js';

/**
 * `@context` and the top-level keys in the reference's order (profile-format.md section 2), with our
 * fixes: `archivedAt` is the dataset id, and `doi`, `version`, `access`, `conformsTo` are passed
 * through when given. `distribution` and `recordSet` are appended by the caller.
 */
export function datasetHeader(datasetId: string, metadata: DatasetMetadata): CroissantDataset {
  return {
    '@context': CROISSANT_CONTEXT,
    '@type': 'sc:Dataset',
    '@id': datasetId,
    name: metadata.name,
    description: metadata.description,
    archivedAt: datasetId,
    conformsTo: metadata.conformsTo ?? '',
    citeAs: metadata.citeAs,
    license: metadata.license,
    url: metadata.url,
    doi: metadata.doi,
    version: metadata.version ?? '',
    headline: metadata.headline,
    keywords: metadata.keywords,
    fieldOfScience: metadata.fieldOfScience,
    inLanguage: metadata.inLanguage,
    country: metadata.country,
    datePublished: metadata.datePublished,
    access: metadata.access ?? '',
    status: 'loaded',
    uploadedBy: metadata.uploadedBy,
  };
}
