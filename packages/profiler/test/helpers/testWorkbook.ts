import ExcelJS from 'exceljs';

/** Writes a workbook with a data sheet, an empty sheet, and a sheet of tricky cells. */
export async function writeTestWorkbook(path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const people = workbook.addWorksheet('People');
  people.addRow(['name', 'age', 'joined']);
  people.addRow(['Ana', 31, new Date(Date.UTC(2024, 0, 15))]);
  people.addRow(['Bo', 27, new Date(Date.UTC(2023, 5, 1))]);
  people.addRow(['Cy', 45, new Date(Date.UTC(2022, 11, 31))]);
  workbook.addWorksheet('Empty');
  const tricky = workbook.addWorksheet('Tricky');
  tricky.addRow(['x', '', 'x']);
  tricky.addRow([{ formula: '1+1', result: 2 }, { richText: [{ text: 'rich ' }, { text: 'text' }] }, { error: '#N/A' }]);
  await workbook.xlsx.writeFile(path);
}
