import { stringify } from "csv-stringify/sync";

/**
 * Spreadsheet apps run a cell that starts with = + - @ (or a tab or carriage return) as a
 * formula; members write the text we export, so such a cell is prefixed with a quote mark
 * (OWASP's advice for CSV injection) and reads as the text it is.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type Cell = string | number | boolean | Date | null | undefined;

/** CSV lines for rows, quoted where needed, formulas neutralised (a document's later part). */
export function csvLines(rows: Cell[][]): string {
  return stringify(rows, {
    cast: {
      string: neutralizeFormula,
      boolean: (value) => (value ? "yes" : "no"),
      date: (value) => value.toISOString(),
    },
  });
}

/** A CSV document: a header row then the rows. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return csvLines([header, ...rows]);
}

// Excel reads a CSV without a byte-order mark in the machine's legacy code page, so "Inès" or
// "—" arrive garbled; with it, Excel (and every other reader) takes the file as UTF-8.
const UTF8_BOM = "\uFEFF";

/**
 * The response that downloads a CSV document under `filename`: every CSV download goes through
 * here, so each starts with the UTF-8 byte-order mark and says `charset=utf-8`.
 */
export function csvResponse(filename: string, csv: string) {
  return new Response(`${UTF8_BOM}${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** `csvResponse` for a document read in parts (a large export), byte-order mark first. */
export function csvStreamResponse(filename: string, parts: ReadableStream<Uint8Array>) {
  const reader = parts.getReader();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(new TextEncoder().encode(UTF8_BOM));
        return;
      }
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
