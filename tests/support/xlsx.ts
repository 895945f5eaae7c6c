import ExcelJS from 'exceljs';

/** Opens bytes as an .xlsx workbook the way a secretary's spreadsheet program would: it must load. */
export async function openXlsx(data: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  return workbook;
}

/** The text of one cell of a named sheet. */
export async function cellOf(data: Buffer, sheet: string, address: string): Promise<string> {
  const workbook = await openXlsx(data);
  const ws = workbook.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}; sheets: ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  return String(ws.getCell(address).value ?? '');
}

/** Column `column` (1-based) of every row of a named sheet below its header rows, as text. */
export async function columnOf(data: Buffer, sheet: string, column: number, fromRow = 2): Promise<string[]> {
  const ws = (await openXlsx(data)).getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const out: string[] = [];
  for (let i = fromRow; i <= ws.rowCount; i++) out.push(String(ws.getRow(i).getCell(column).value ?? ''));
  return out;
}
