export { renderProfileHtml } from './renderProfileHtml.js';
export { ProfileDocumentError } from './profileDocument.js';
export { formatBytes } from './format.js';
