import type { Logger } from './platform';

/** Progress of a long phase, e.g. a scan of a large file. */
export interface Progress {
  /** `fraction` in [0, 1] when known. */
  update(label: string, fraction?: number): void;
  /** The phase ended: clear a live line. */
  done(): void;
}

export interface ProgressOptions {
  logger: Logger;
  /** A terminal: one live line, redrawn in place. Otherwise (CI logs): a plain line every `intervalMs`. */
  interactive: boolean;
  intervalMs?: number;
  /** For tests. */
  now?: () => number;
  write?: (text: string) => void;
}

const percent = (fraction?: number) => (fraction === undefined ? '' : ` ${Math.floor(fraction * 100)}%`);

/**
 * A terminal gets a live line on stderr (redrawn at most 10 times a second); a CI log gets a line every few
 * seconds, so a long scan shows it is alive without flooding the log.
 */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const interval = options.intervalMs ?? (options.interactive ? 100 : 5000);
  let last = now();
  let live = false;
  return {
    update(label, fraction) {
      const time = now();
      if (time - last < interval) return;
      last = time;
      if (options.interactive) {
        write(`\r\u001b[K${label}${percent(fraction)}`);
        live = true;
      } else {
        options.logger.info(`${label}${percent(fraction)}`);
      }
    },
    done() {
      if (live) write('\r\u001b[K');
      live = false;
      last = now();
    },
  };
}

/** For front ends and tests that want no progress output. */
export const noProgress: Progress = { update() {}, done() {} };
