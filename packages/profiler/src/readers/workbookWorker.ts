/** A reader worker thread (readerPool.ts) for workbooks: exceljs holds the whole workbook in memory. */
export { readWorkbook as default } from './readWorkbook.js';
