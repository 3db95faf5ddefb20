import { constants } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { InputError } from '../errors';
import { formatBytes } from '../report/markdown';

/**
 * Small inputs (schemas, params, profiles, configs, metrics and result files) may come from a pipe:
 * `--schema <(generate)`, `/dev/fd/N`, a FIFO made with mkfifo. A pipe can be read once only, so such an input
 * is read once into memory, and whatever needs its content (the parser, the digest) uses those bytes.
 */

/** The most a pipe may hand mlci: these inputs are kilobytes; a runaway writer must not fill the memory. */
export const pipeInputMaxBytes = 64 << 20;
/** How long a FIFO may stay without a writer before mlci gives up on it, instead of waiting forever. */
export const pipeWriterWaitMs = 10_000;

/**
 * The bytes of an input file: a regular file as readFile reads it (its errors unchanged: callers name them),
 * anything else (a pipe, FIFO or character device) read once, bounded by pipeInputMaxBytes, without hanging on
 * a FIFO that no program writes to. `shown` is how errors name the file.
 */
export async function readInputFile(path: string, shown: string): Promise<Buffer> {
  const stats = await stat(path);
  if (stats.isFile() || stats.isDirectory()) return readFile(path);
  // Non-blocking: opening a FIFO for reading would otherwise wait, in a thread of the pool, for a writer.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const chunks: Buffer[] = [];
    const buffer = Buffer.allocUnsafe(1 << 16);
    let total = 0;
    const started = Date.now();
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, buffer.length, null));
      } catch (error) {
        // A writer is there but has not written yet: wait for it as a blocking read would.
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        await sleep(10);
        continue;
      }
      if (bytesRead > 0) {
        total += bytesRead;
        if (total > pipeInputMaxBytes)
          throw new InputError(
            `${shown}: more than ${formatBytes(pipeInputMaxBytes)} from a pipe or device; save it to a file first`,
          );
        chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
        continue;
      }
      // End of input; or, for a FIFO nothing was read from yet, no writer has opened it so far.
      if (total > 0 || !stats.isFIFO()) break;
      if (Date.now() - started >= pipeWriterWaitMs)
        throw new InputError(
          `${shown}: a pipe that no program wrote to within ${pipeWriterWaitMs / 1000} s; start its writer first, or give a file`,
        );
      await sleep(20);
    }
    return Buffer.concat(chunks);
  } finally {
    await handle.close();
  }
}

/**
 * Refuses a pipe or device where a regular file is needed: a data file is read more than once (DuckDB's scan
 * and its digest, a second pass for the profile), which a pipe cannot give. A path that does not exist is
 * left to the reader to report.
 */
export async function requireRegularFile(path: string, option: string, shown: string): Promise<void> {
  const stats = await stat(path).catch(() => undefined);
  if (stats !== undefined && !stats.isFile() && !stats.isDirectory())
    throw new InputError(
      `${option}: '${shown}' is a pipe or device, not a regular file: data is read more than once (to check it and for its digest); save it to a file first`,
    );
}
