#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/io/crc32.ts
import * as zlib from "node:zlib";
var table = (() => {
  const entries = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 3988292384 ^ c >>> 1 : c >>> 1;
    entries[n] = c >>> 0;
  }
  return entries;
})();
function tableCrc32(bytes) {
  let crc = 4294967295;
  for (let i = 0; i < bytes.length; i++)
    crc = table[(crc ^ bytes[i]) & 255] ^ crc >>> 8;
  return (crc ^ 4294967295) >>> 0;
}
var crc322 = zlib.crc32 ?? tableCrc32;

export {
  crc322 as crc32
};
