/** Test support (imported by *.test.ts only): `data` as a stream cut in the given sizes, cycled. */
export async function* pieces(data: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  let offset = 0;
  for (let index = 0; offset < data.length; index++) {
    const size = sizes[index % sizes.length] as number;
    yield data.subarray(offset, offset + size);
    offset += size;
  }
}
