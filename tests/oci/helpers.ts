import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import type { Logger } from '../../packages/core/src/platform/platform';

export const run = promisify(execFile);

/** An environment with no registry credentials of this machine's user (HOME has no docker config). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { HOME: '/nonexistent-mlci-home', PATH: process.env.PATH ?? '/usr/bin:/bin', ...extra };
}

export interface RecordingLogger extends Logger {
  warnings: string[];
  debugs: string[];
}

export function recordingLogger(): RecordingLogger {
  const warnings: string[] = [];
  const debugs: string[] = [];
  return {
    warnings,
    debugs,
    info: () => {},
    warn: (message) => warnings.push(message),
    debug: (message) => debugs.push(message),
  };
}

/** Short waits between retries: the tests check that retries happen, not how long they wait. */
export const fastRetry = { retries: 2, delayMs: 20 };

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function digestOf(bytes: Uint8Array): string {
  return `sha256:${sha256Hex(bytes)}`;
}

/** Bytes that differ in every chunk, so a chunk sent twice or skipped changes the digest. */
export function patternedBytes(size: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(size);
  let state = seed;
  for (let index = 0; index < size; index++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

/** `skopeo inspect --raw` of a manifest on a loopback registry: the bytes as the registry stores them. */
export async function skopeoRaw(host: string, repository: string, reference: string): Promise<Buffer> {
  const separator = reference.startsWith('sha256:') ? '@' : ':';
  const { stdout } = await run(
    'skopeo',
    ['inspect', '--raw', '--tls-verify=false', `docker://${host}/${repository}${separator}${reference}`],
    { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout;
}
