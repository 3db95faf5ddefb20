import { randomBytes } from 'node:crypto';
import { pieces } from '../test-support/pieces';
import { fixedChunks } from './chunks';

describe('fixedChunks', () => {
  it('cuts at the same offsets whatever sizes the input comes in', async () => {
    const data = randomBytes(10_000);
    for (const sizes of [[1], [7, 3000], [10_000], [4096]]) {
      const chunks: Buffer[] = [];
      for await (const chunk of fixedChunks(pieces(data, sizes), 4096)) chunks.push(Buffer.from(chunk));
      expect(chunks.map((chunk) => chunk.length)).toEqual([4096, 4096, 1808]);
      expect(Buffer.concat(chunks).equals(data)).toBe(true);
    }
  });
});
