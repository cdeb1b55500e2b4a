// A list as a file: CSV or XLSX, streamed into the reply a batch at a time, so 100,000 rows cost one
// batch of memory, not the whole file (issue #15). The columns are the screen's.
//
// CSV follows what Excel opens by double-click in the reader's locale: German Excel splits on `;` and
// reads `1.234,56` and `31.12.2026`; English Excel splits on `,` and reads `1234.56` and
// `2026-12-31`. Both get UTF-8 with a byte-order mark (without it Excel reads "Müller" as
// "MÃ¼ller"). Text that starts like a formula is prefixed with an apostrophe, so a customer named
// "=HYPERLINK(…)" stays a name. XLSX holds dates as dates and amounts as numbers.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { FastifyReply } from "fastify";

export type ExportFormat = "csv" | "xlsx";
export type ExportLanguage = "en" | "de";

export interface ExportColumn<T> {
  header: string;
  /** text; date (yyyy-mm-dd); money (minor units, shown in major); integer. */
  type: "text" | "date" | "money" | "integer";
  value: (row: T) => string | number | null;
  width?: number;
}

export interface TableExport<T> {
  format: ExportFormat;
  language: ExportLanguage;
  /** Without extension. */
  fileName: string;
  sheetName: string;
  columns: ExportColumn<T>[];
  batches: AsyncIterable<T[]>;
}

const formulaStart = /^[=+\-@\t\r]/;

function csvCell<T>(column: ExportColumn<T>, row: T, language: ExportLanguage, separator: string) {
  const value = column.value(row);
  if (value === null || value === "") return "";
  let text: string;
  if (column.type === "money") {
    const major = (Number(value) / 100).toFixed(2);
    text = language === "de" ? major.replace(".", ",") : major;
  } else if (column.type === "date") {
    const [y, m, d] = String(value).split("-");
    text = language === "de" ? `${d}.${m}.${y}` : String(value);
  } else if (column.type === "integer") {
    text = String(value);
  } else {
    text = String(value);
    if (formulaStart.test(text)) text = `'${text}`;
  }
  return quoted(text, separator);
}

function quoted(text: string, separator: string) {
  return /["\n\r]/.test(text) || text.includes(separator) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function writeCsv<T>(out: PassThrough, spec: TableExport<T>) {
  const separator = spec.language === "de" ? ";" : ",";
  const line = (cells: string[]) => `${cells.join(separator)}\r\n`;
  out.write(`\uFEFF${line(spec.columns.map((c) => quoted(c.header, separator)))}`);
  for await (const batch of spec.batches) {
    let chunk = "";
    for (const row of batch)
      chunk += line(spec.columns.map((c) => csvCell(c, row, spec.language, separator)));
    // Respect back-pressure: a slow client holds the export, not the server's memory.
    if (!out.write(chunk)) await new Promise((resolve) => out.once("drain", resolve));
  }
  out.end();
}

const numFmt = { money: "#,##0.00", date: "yyyy-mm-dd", integer: "0", text: "@" } as const;

async function writeXlsx<T>(out: PassThrough, spec: TableExport<T>) {
  // No shared strings: each cell carries its text, so nothing accumulates across rows.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(spec.sheetName.slice(0, 31), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = spec.columns.map((c, i) => ({
    key: String(i),
    width: c.width ?? (c.type === "text" ? 28 : 14),
    style: c.type === "text" ? {} : { numFmt: numFmt[c.type] },
  }));
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for await (const batch of spec.batches) {
    for (const row of batch) {
      sheet
        .addRow(
          spec.columns.map((c) => {
            const value = c.value(row);
            if (value === null || value === "") return null;
            if (c.type === "money") return Number(value) / 100;
            if (c.type === "integer") return Number(value);
            if (c.type === "date") return new Date(`${value}T00:00:00Z`);
            return String(value);
          }),
        )
        .commit();
    }
    // Let the stream drain between batches.
    if (out.writableNeedDrain) await new Promise((resolve) => out.once("drain", resolve));
  }
  sheet.commit();
  await workbook.commit();
}

/** Sends the export as a download; rows are read while the client receives. */
export function sendExport<T>(reply: FastifyReply, spec: TableExport<T>) {
  const out = new PassThrough();
  const write = spec.format === "csv" ? writeCsv(out, spec) : writeXlsx(out, spec);
  write.catch((error: unknown) => {
    reply.log.error({ err: error }, "export failed");
    out.destroy(error as Error);
  });
  const type =
    spec.format === "csv"
      ? "text/csv; charset=utf-8"
      : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  return reply
    .type(type)
    .header("content-disposition", `attachment; filename="${spec.fileName}.${spec.format}"`)
    .header("cache-control", "private, no-store")
    .send(out);
}
