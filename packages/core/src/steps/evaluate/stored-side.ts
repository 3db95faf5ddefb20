// A baseline that comes as bytes (a registry attachment, an entry of a CI artifact) read as a side: through a
// scratch file of its own name, since the readers go by extension, and named by where it came from.
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { MlciError } from '../../errors';
import { writeFileAtomic } from '../../io/atomic';
import { makeScratchDirectory } from '../../io/scratch';
import type { Side } from './compare';

/**
 * Reads `bytes` as the side file `fileName` with `read`, the scratch file removed after. `shown` names it in
 * errors and in the side itself (the data check in compare): never the scratch path no one can look at.
 */
export async function readStoredSide(
  fileName: string,
  bytes: Uint8Array,
  shown: string,
  read: (file: string) => Promise<Side>,
): Promise<Side> {
  const scratch = await makeScratchDirectory(join(tmpdir(), 'mlci-baseline-'));
  const file = join(scratch.path, basename(fileName));
  try {
    await writeFileAtomic(file, bytes);
    const side = await read(file).catch((error: unknown) => {
      if (error instanceof MlciError) error.message = error.message.replaceAll(file, shown);
      throw error;
    });
    return withName(side, shown);
  } finally {
    await scratch.remove();
  }
}

/** The side under another name: the one later messages use. */
export function withName(side: Side, name: string): Side {
  return side.kind === 'predictions'
    ? { ...side, predictions: { ...side.predictions, file: name } }
    : { ...side, metrics: { ...side.metrics, file: name } };
}
