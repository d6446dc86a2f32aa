/**
 * `contentUrl` of a dataset path: the relative path itself, or, with a public base URL, that URL
 * joined with the path's segments percent-encoded.
 */
export function contentUrlOf(relativePath: string, publicBaseUrl: string | undefined): string {
  if (!publicBaseUrl) return relativePath;
  const base = publicBaseUrl.endsWith('/') ? publicBaseUrl : `${publicBaseUrl}/`;
  return base + relativePath.split('/').map(encodeURIComponent).join('/');
}
