import type ExcelJS from 'exceljs';

/**
 * exceljs (some 20 MB of JavaScript) is loaded at the first spreadsheet rather than at start: a terminal session,
 * or a bot that never sees one, does not carry it (issue 17, footprint). Types come from `import type`.
 */
export async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
