import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileSystemError } from '../errors';
import { movePath } from './move';
import { removeOnInterrupt } from './scratch';

/**
 * Writes a file so that readers see either the old content or the new, never a part:
 * the data goes to a temporary file in the same directory, then replaces the target by rename.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const interrupted = removeOnInterrupt(temp);
  try {
    await writeFile(temp, data);
    await movePath(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    // A full disk or a read-only place names the file the user knows, not its temporary name.
    throw fileSystemError(error, path);
  } finally {
    interrupted.release();
  }
}
