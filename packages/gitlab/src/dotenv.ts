/** GitLab rejects a dotenv report of 5 KB or more. */
export const dotenvSizeLimit = 5 * 1024;

/** `validate-data` + `dataset-digest` -> `MLCI_VALIDATE_DATA_DATASET_DIGEST`: only ASCII letters, digits, `_`. */
export function dotenvName(step: string, output: string): string {
  return `MLCI_${step}_${output}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

export interface RenderedDotenv {
  text: string;
  /** Outputs left out because the file would have passed GitLab's size limit. */
  omitted: string[];
}

/**
 * A dotenv report as GitLab parses it: `NAME=value` lines, no quoting (quotes are kept literally),
 * no empty lines, single-line values, under 5 KB.
 */
export function renderDotenv(step: string, outputs: Record<string, string>): RenderedDotenv {
  const lines: string[] = [];
  const omitted: string[] = [];
  let size = 0;
  for (const [output, value] of Object.entries(outputs)) {
    const line = `${dotenvName(step, output)}=${value.replace(/\s*[\r\n]+\s*/g, ' ').trim()}`;
    const lineSize = Buffer.byteLength(line, 'utf8') + 1;
    if (size + lineSize >= dotenvSizeLimit) {
      omitted.push(output);
      continue;
    }
    lines.push(line);
    size += lineSize;
  }
  return { text: lines.length > 0 ? `${lines.join('\n')}\n` : '', omitted };
}
