/** A reader worker thread (readerPool.ts) for texts: the whole text is decoded and tokenised in memory. */
export { readTextFile as default } from './readTextFile.js';
