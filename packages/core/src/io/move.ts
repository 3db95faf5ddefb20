import { randomBytes } from 'node:crypto';
import { cp, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Moves a file or directory, as rename(2) does, also between file systems: a rename there fails with EXDEV
 * (outputs on a tmpfs, `--out` on the disk), so the tree is copied beside the target, renamed into place (the
 * target is never half-written) and only then removed from where it was. Every move in mlci goes through here.
 */
export async function movePath(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
  }
  const temp = join(dirname(to), `.${basename(to)}.moving-${randomBytes(6).toString('hex')}`);
  try {
    await cp(from, temp, {
      recursive: true,
      errorOnExist: true,
      force: false,
      preserveTimestamps: true,
      verbatimSymlinks: true,
    });
    await rename(temp, to);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  await rm(from, { recursive: true, force: true });
}
