import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Content digest of a file in OCI form (`sha256:<hex>`), streamed so any size fits in memory. */
export async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}
