import { closeSync, openSync, readSync } from 'node:fs';

/** Where a delimited file breaks: the 1-based line and what is wrong there. */
export interface CsvProblem {
  line: number;
  problem: string;
}

/** One record of a delimited file as the scanner sees it. */
interface CsvRecord {
  /** 1-based physical line the record starts on. */
  line: number;
  fields: number;
  /** An empty line: no field text at all. */
  blank: boolean;
  /** Length in bytes, without the line break that ends it. */
  bytes: number;
}

/**
 * Streams a CSV/TSV file in chunks and calls `onRecord` for each record (the header is the first), until it
 * returns true. RFC 4180 quoting, as DuckDB reads it here: `""` inside quotes is a quote, and line breaks inside
 * quotes belong to the field. A line break is LF, CRLF or a lone CR (DuckDB ends a record at each); lines are
 * counted as an editor shows them. Returns the line of a quote never closed, if one is.
 */
function scanCsv(
  path: string,
  delimiter: string,
  onRecord: (record: CsvRecord) => boolean,
): { unclosedQuoteLine?: number } {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    const quote = 0x22;
    const separator = delimiter.charCodeAt(0);
    let line = 1;
    let recordLine = 1;
    let fields = 1;
    let inQuotes = false;
    let quoteOpenedAt = 0;
    let pendingQuote = false; // a quote inside quotes: closing, or the first of `""`
    let atRecordStart = true;
    let previousCR = false;
    let offset = 0; // of the chunk in the file
    let recordStart = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      for (let i = 0; i < read; i++) {
        const byte = buffer[i] as number;
        // The LF of a CRLF: the CR already ended the line.
        const crlf = previousCR && byte === 0x0a;
        previousCR = byte === 0x0d;
        if (crlf) {
          if (atRecordStart) recordStart = offset + i + 1;
          continue;
        }
        if (pendingQuote) {
          pendingQuote = false;
          if (byte === quote) continue; // `""`: an escaped quote
          inQuotes = false;
        }
        if (inQuotes) {
          if (byte === quote) pendingQuote = true;
          else if (byte === 0x0a || byte === 0x0d) line++;
          continue;
        }
        if (byte === 0x0a || byte === 0x0d) {
          const bytes = offset + i - recordStart;
          if (onRecord({ line: recordLine, fields, blank: atRecordStart && fields === 1, bytes })) return {};
          fields = 1;
          atRecordStart = true;
          recordStart = offset + i + 1;
          line++;
          recordLine = line;
          continue;
        }
        atRecordStart = false;
        if (byte === separator) fields++;
        else if (byte === quote) {
          inQuotes = true;
          quoteOpenedAt = line;
        }
      }
      offset += read;
    }
    if (inQuotes && !pendingQuote) return { unclosedQuoteLine: quoteOpenedAt };
    if (!atRecordStart) onRecord({ line: recordLine, fields, blank: false, bytes: offset - recordStart });
    return {};
  } finally {
    closeSync(fd);
  }
}

/**
 * Finds the first line of a CSV/TSV file that DuckDB's reader refused, so the error can name it: a row with
 * another number of fields than the header, or a quote never closed. Runs only after a read failed and stops
 * at the first problem.
 */
export function diagnoseCsv(path: string, delimiter: string): CsvProblem | undefined {
  let expected: number | undefined;
  let found: CsvProblem | undefined;
  const { unclosedQuoteLine } = scanCsv(path, delimiter, (record) => {
    if (record.blank) return false;
    if (expected === undefined) expected = record.fields;
    else if (record.fields !== expected) {
      found = { line: record.line, problem: `${record.fields} fields where the header has ${expected}` };
      return true;
    }
    return false;
  });
  if (found) return found;
  if (unclosedQuoteLine !== undefined)
    return { line: unclosedQuoteLine, problem: 'a quote opened here is never closed' };
  return undefined;
}

/** The first record of a CSV/TSV file longer than `maxBytes`: DuckDB refuses lines above its max_line_size. */
export function longRecord(path: string, delimiter: string, maxBytes: number): CsvProblem | undefined {
  let found: CsvProblem | undefined;
  scanCsv(path, delimiter, (record) => {
    if (record.bytes <= maxBytes) return false;
    found = { line: record.line, problem: `a record of ${record.bytes} bytes` };
    return true;
  });
  return found;
}

/**
 * The labels of a CSV/TSV file's header as written (its first record: RFC 4180 quoting as DuckDB reads it here,
 * a UTF-8 byte order mark dropped), or undefined when no header ends within `maxBytes` (the read fails then).
 * DuckDB renames duplicate and blank labels (`amount_1`, `column1`); these are what the file says.
 */
export function csvHeader(path: string, delimiter: string, maxBytes: number): string[] | undefined {
  let length: number | undefined;
  scanCsv(path, delimiter, (record) => {
    length = record.bytes;
    return true;
  });
  if (length === undefined || length > maxBytes) return undefined;
  const fd = openSync(path, 'r');
  let text: string;
  try {
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const read = readSync(fd, buffer, filled, length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    text = buffer
      .subarray(0, filled)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
  const labels: string[] = [];
  let label = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (inQuotes) {
      if (char !== '"') label += char;
      else if (text[i + 1] === '"') {
        label += '"';
        i++;
      } else inQuotes = false;
    } else if (char === '"') inQuotes = true;
    else if (char === delimiter) {
      labels.push(label);
      label = '';
    } else label += char;
  }
  labels.push(label);
  return labels;
}

/**
 * The physical line each of the given data rows starts on (row 1 is the record after the header, which starts
 * on line 1), from one streamed pass that stops at the last row asked for. For a file DuckDB has read: every
 * record counts, a blank line too (it is a row of nulls in a one-column file, and fails the read otherwise).
 */
export function csvRowLines(path: string, delimiter: string, rows: Iterable<number>): Map<number, number> {
  const wanted = new Set(rows);
  const lines = new Map<number, number>();
  if (wanted.size === 0) return lines;
  const last = Math.max(...wanted);
  let row = -1; // the header is record 0
  scanCsv(path, delimiter, (record) => {
    row++;
    if (wanted.has(row)) lines.set(row, record.line);
    return row >= last;
  });
  return lines;
}
