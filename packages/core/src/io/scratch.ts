import { mkdtemp, rm } from 'node:fs/promises';
import { type Cleanup, registerCleanup } from '../process/interrupt';

export interface ScratchDirectory {
  path: string;
  /** Removes the directory and all in it (also done, once, if mlci is interrupted first). */
  remove(): Promise<void>;
}

/**
 * A fresh directory for one piece of work (mkdtemp of `prefix`: a path ending in a name prefix such as
 * `/tmp/mlci-rescore-`), removed by `remove()` when the work ends, or by the interrupt's cleanup when mlci is
 * stopped first: no scratch directory outlives a run.
 */
export async function makeScratchDirectory(prefix: string): Promise<ScratchDirectory> {
  const path = await mkdtemp(prefix);
  const cleanup = registerCleanup(async () => {
    await rm(path, { recursive: true, force: true });
    return undefined;
  });
  return { path, remove: async () => void (await cleanup.run()) };
}

/**
 * A temporary file or directory (a download's `.part`, an atomic write's `.tmp`) that mlci removes if it is
 * interrupted before the work renames or removes it; release() the returned cleanup when the work ends.
 */
export function removeOnInterrupt(path: string): Cleanup {
  return registerCleanup(async () => {
    await rm(path, { recursive: true, force: true });
    return undefined;
  });
}
