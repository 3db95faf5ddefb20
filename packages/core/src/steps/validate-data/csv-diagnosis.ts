import { closeSync, openSync, readSync } from 'node:fs';

/** Where a delimited file breaks: the 1-based line and what is wrong there. */
export interface CsvProblem {
  line: number;
  problem: string;
}

/**
 * Finds the first line of a CSV/TSV file that DuckDB's reader refused, so the error can name it: a row with
 * another number of fields than the header, or a quote never closed. Runs only after a read failed; streams
 * the file in chunks and stops at the first problem. RFC 4180 quoting: `""` inside quotes is a quote.
 */
export function diagnoseCsv(path: string, delimiter: string): CsvProblem | undefined {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    const quote = 0x22;
    const separator = delimiter.charCodeAt(0);
    let line = 1;
    let recordLine = 1;
    let fields = 1;
    let expected: number | undefined;
    let inQuotes = false;
    let quoteOpenedAt = 0;
    let pendingQuote = false; // a quote inside quotes: closing, or the first of `""`
    let atRecordStart = true;
    let previousCR = false;
    const endRecord = (): CsvProblem | undefined => {
      if (expected === undefined) expected = fields;
      else if (fields !== expected) {
        return { line: recordLine, problem: `${fields} fields where the header has ${expected}` };
      }
      fields = 1;
      atRecordStart = true;
      return undefined;
    };
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      for (let i = 0; i < read; i++) {
        const byte = buffer[i] as number;
        if (pendingQuote) {
          pendingQuote = false;
          if (byte === quote) continue; // `""`: an escaped quote
          inQuotes = false;
        }
        if (inQuotes) {
          if (byte === quote) pendingQuote = true;
          else if (byte === 0x0a) line++;
          continue;
        }
        if (byte === 0x0a) {
          const blank = atRecordStart && fields === 1;
          if (!blank) {
            const problem = endRecord();
            if (problem) return problem;
          }
          line++;
          recordLine = line;
          previousCR = false;
          continue;
        }
        if (previousCR) previousCR = false;
        if (byte === 0x0d) {
          previousCR = true;
          continue;
        }
        atRecordStart = false;
        if (byte === separator) fields++;
        else if (byte === quote) {
          inQuotes = true;
          quoteOpenedAt = line;
        }
      }
    }
    if (inQuotes && !pendingQuote)
      return { line: quoteOpenedAt, problem: 'a quote opened here is never closed' };
    if (!atRecordStart) return endRecord();
    return undefined;
  } finally {
    closeSync(fd);
  }
}
