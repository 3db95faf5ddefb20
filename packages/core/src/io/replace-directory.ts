import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { registerCleanup } from '../process/interrupt';
import { movePath } from './move';

/**
 * Replaces a directory's content as one step: `fill` writes the new content into a fresh directory beside the
 * target (same file system, so the swap is a rename), then the target is swapped for it. If `fill` throws, the
 * target is left as it was. Between the two renames the target is briefly absent; it is never half-written.
 */
export async function replaceDirectory(
  target: string,
  fill: (incoming: string) => Promise<void>,
): Promise<void> {
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const suffix = randomBytes(6).toString('hex');
  const incoming = join(parent, `.${basename(target)}.incoming-${suffix}`);
  const previous = join(parent, `.${basename(target)}.previous-${suffix}`);
  // Interrupted between the two renames, the target would be gone: the cleanup puts the previous one back.
  const interrupted = registerCleanup(async () => {
    await rm(incoming, { recursive: true, force: true });
    if (!existsSync(target) && existsSync(previous)) {
      await movePath(previous, target);
      return `put back ${target}`;
    }
    await rm(previous, { recursive: true, force: true });
    return undefined;
  });
  try {
    await mkdir(incoming);
    await fill(incoming);
    const hadTarget = await movePath(target, previous).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    try {
      await movePath(incoming, target);
    } catch (error) {
      if (hadTarget) await movePath(previous, target);
      throw error;
    }
  } finally {
    await rm(incoming, { recursive: true, force: true });
    await rm(previous, { recursive: true, force: true });
    interrupted.release();
  }
}
