import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ServiceError } from '../../packages/core/src/errors';
import { RegistryClient } from '../../packages/core/src/oci/client';
import {
  type FrontOptions,
  type RegistryFront,
  startRegistry,
  startRegistryFront,
  type TestRegistry,
} from '../support/registry';
import { cleanEnv, digestOf, fastRetry, patternedBytes, recordingLogger } from './helpers';

const username = 'ci-robot';
const password = 'correct horse battery staple';

let registry: TestRegistry;
let scratch: string;

beforeAll(async () => {
  registry = await startRegistry();
  scratch = await mkdtemp(join(tmpdir(), 'mlci-oci-auth-'));
});

afterAll(async () => {
  await registry?.close();
  await rm(scratch, { recursive: true, force: true });
});

async function withFront<T>(auth: FrontOptions['auth'], use: (front: RegistryFront) => Promise<T>) {
  const front = await startRegistryFront(registry, { auth });
  try {
    return await use(front);
  } finally {
    await front.close();
  }
}

const client = (host: string, env: NodeJS.ProcessEnv) =>
  new RegistryClient({ host, env, logger: recordingLogger(), retry: fastRetry, chunkSize: 32 * 1024 });

/** A DOCKER_CONFIG directory whose config.json has these credentials for host. */
async function dockerConfig(name: string, host: string, user: string, secret: string): Promise<string> {
  const directory = join(scratch, name);
  await mkdir(directory, { recursive: true });
  await writeFile(
    join(directory, 'config.json'),
    JSON.stringify({ auths: { [host]: { auth: Buffer.from(`${user}:${secret}`).toString('base64') } } }),
  );
  return directory;
}

/** Pushes a chunked blob and reads it back: the calls that need pull and push access. */
async function roundTrip(oci: RegistryClient, repository: string, seed: number): Promise<void> {
  const bytes = patternedBytes(100 * 1024, seed);
  await oci.pushBlob(repository, { digest: digestOf(bytes), size: bytes.length, bytes });
  expect((await oci.fetchBlob(repository, digestOf(bytes))).equals(bytes)).toBe(true);
}

describe('Basic', () => {
  const auth = { scheme: 'basic' as const, username, password };

  test('credentials from MLCI_REGISTRY_USERNAME/PASSWORD answer the challenge', async () => {
    await withFront(auth, async (front) => {
      await roundTrip(
        client(front.host, cleanEnv({ MLCI_REGISTRY_USERNAME: username, MLCI_REGISTRY_PASSWORD: password })),
        'auth/basic',
        1,
      );
      // One unauthenticated request learns the scheme; every later one carries the credentials.
      expect(front.requests[0]?.authorization).toBeUndefined();
      expect(front.requests.slice(2).every((request) => request.authorization === 'basic')).toBe(true);
    });
  });

  test('a wrong password is a ServiceError (exit 3) naming host, repository and credential source, never the secret', async () => {
    await withFront(auth, async (front) => {
      const env = cleanEnv({ MLCI_REGISTRY_USERNAME: username, MLCI_REGISTRY_PASSWORD: 'wrong-secret' });
      const failure = await client(front.host, env)
        .listTags('auth/basic')
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ServiceError);
      expect((failure as ServiceError).exitCode).toBe(3);
      expect((failure as Error).message).toBe(
        `registry ${front.host}, repository auth/basic: cannot list tags: access denied (401) with credentials from MLCI_REGISTRY_USERNAME/PASSWORD`,
      );
      expect((failure as Error).message).not.toContain('wrong-secret');
      // Refusals are not retried.
      expect(front.requests.filter((request) => request.url.includes('/tags/list'))).toHaveLength(2);
    });
  });

  test('no credentials at all says so', async () => {
    await withFront(auth, async (front) => {
      await expect(client(front.host, cleanEnv()).listTags('auth/basic')).rejects.toThrow(
        'access denied (401) with no credentials (anonymous)',
      );
    });
  });
});

describe('Bearer', () => {
  const auth = { scheme: 'bearer' as const, username, password, anonymousPull: true };

  test('docker config.json credentials fetch scoped tokens, cached per scope set', async () => {
    await withFront(auth, async (front) => {
      const config = await dockerConfig('bearer-ok', front.host, username, password);
      const oci = client(front.host, cleanEnv({ DOCKER_CONFIG: config }));
      await roundTrip(oci, 'auth/bearer', 2);
      await roundTrip(oci, 'auth/bearer', 3);
      expect(front.tokenRequests.every((request) => request.authenticated)).toBe(true);
      // Many registry requests (HEAD, POST, PATCHes, PUT, GETs, twice), few tokens: one per scope set.
      const scopeSets = front.tokenRequests.map((request) => [...request.scopes].sort().join(' '));
      expect(new Set(scopeSets).size).toBe(scopeSets.length);
      expect(scopeSets).toEqual(
        expect.arrayContaining(['repository:auth/bearer:pull', 'repository:auth/bearer:pull,push']),
      );
      expect(front.requests.length).toBeGreaterThan(4 * front.tokenRequests.length);
    });
  });

  test('a cross-repository mount asks for pull on the source in the same token', async () => {
    await withFront(auth, async (front) => {
      const config = await dockerConfig('bearer-mount', front.host, username, password);
      const oci = client(front.host, cleanEnv({ DOCKER_CONFIG: config }));
      const bytes = Buffer.from('mounted across repositories');
      await oci.pushBlob('auth/source', { digest: digestOf(bytes), size: bytes.length, bytes });
      expect(await oci.mountBlob('auth/target', digestOf(bytes), 'auth/source')).toBe(true);
      expect(front.tokenRequests.at(-1)?.scopes.sort()).toEqual([
        'repository:auth/source:pull',
        'repository:auth/target:pull,push',
      ]);
    });
  });

  test('anonymous pulls work with an anonymous token; an anonymous push is refused naming the missing credentials', async () => {
    await withFront(auth, async (front) => {
      const config = await dockerConfig('bearer-anon', front.host, username, password);
      const bytes = Buffer.from('public model');
      await client(front.host, cleanEnv({ DOCKER_CONFIG: config })).pushBlob('auth/public', {
        digest: digestOf(bytes),
        size: bytes.length,
        bytes,
      });

      const anonymous = client(front.host, cleanEnv());
      expect((await anonymous.fetchBlob('auth/public', digestOf(bytes))).equals(bytes)).toBe(true);
      expect(front.tokenRequests.at(-1)).toEqual({
        scopes: ['repository:auth/public:pull'],
        authenticated: false,
      });
      const other = Buffer.from('not allowed');
      await expect(
        anonymous.pushBlob('auth/public', { digest: digestOf(other), size: other.length, bytes: other }),
      ).rejects.toThrow(
        `registry ${front.host}, repository auth/public: cannot push blob ${digestOf(other)}: access denied (401) with no credentials (anonymous)`,
      );
    });
  });

  test('a wrong password in config.json: the token service refuses, the error names the file', async () => {
    await withFront(auth, async (front) => {
      const config = await dockerConfig('bearer-wrong', front.host, username, 'wrong-secret');
      const failure = await client(front.host, cleanEnv({ DOCKER_CONFIG: config }))
        .listTags('auth/bearer')
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ServiceError);
      expect((failure as Error).message).toBe(
        `registry ${front.host}, repository auth/bearer: cannot list tags: access denied (401) with credentials from ${join(config, 'config.json')} (auths)`,
      );
      expect((failure as Error).message).not.toContain('wrong-secret');
    });
  });
});
