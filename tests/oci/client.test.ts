import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { InputError, ServiceError } from '../../packages/core/src/errors';
import {
  InvalidContent,
  ociMediaTypes,
  RegistryClient,
  type RegistryClientOptions,
  referrersTag,
  referrerTag,
  UploadSessionLost,
} from '../../packages/core/src/oci/client';
import { pieces } from '../../packages/core/src/test-support/pieces';
import {
  type Intercept,
  type RegistryFront,
  startRegistry,
  startRegistryFront,
  type TestRegistry,
} from '../support/registry';
import { cleanEnv, digestOf, fastRetry, patternedBytes, recordingLogger, skopeoRaw } from './helpers';

let registry: TestRegistry;
let scratch: string;

beforeAll(async () => {
  registry = await startRegistry();
  scratch = await mkdtemp(join(tmpdir(), 'mlci-oci-client-'));
});

afterAll(async () => {
  await registry?.close();
  await rm(scratch, { recursive: true, force: true });
});

function client(host: string, options: Partial<RegistryClientOptions> = {}): RegistryClient {
  return new RegistryClient({
    host,
    env: cleanEnv(),
    logger: recordingLogger(),
    retry: fastRetry,
    ...options,
  });
}

async function withFront<T>(
  intercept: ((request: { method: string; url: string }) => Intercept | undefined) | undefined,
  use: (front: RegistryFront) => Promise<T>,
): Promise<T> {
  const front = await startRegistryFront(registry, intercept ? { intercept } : {});
  try {
    return await use(front);
  } finally {
    await front.close();
  }
}

const emptyJson = Buffer.from('{}');

/** A minimal artifact manifest over the given layer blobs (which must be in the repository). */
function manifestOf(layers: { digest: string; size: number }[], extra: Record<string, unknown> = {}): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: ociMediaTypes.manifest,
      artifactType: 'application/vnd.mlci.test.v1',
      config: { mediaType: ociMediaTypes.empty, digest: digestOf(emptyJson), size: 2 },
      layers: layers.map((layer) => ({ mediaType: 'application/octet-stream', ...layer })),
      ...extra,
    }),
  );
}

describe('blobs', () => {
  test('a large blob goes up in several PATCH chunks, then comes back whole to a file and to memory', async () => {
    const bytes = patternedBytes(300 * 1024 + 7);
    const digest = digestOf(bytes);
    const source = join(scratch, 'large.bin');
    await writeFile(source, bytes);
    await withFront(undefined, async (front) => {
      const oci = client(front.host, { chunkSize: 64 * 1024 });
      await oci.pushBlob('chunks/large', { digest, size: bytes.length, path: source });
      const patches = front.requests.filter((request) => request.method === 'PATCH');
      expect(patches).toHaveLength(5);
      const finish = front.requests.filter((request) => request.method === 'PUT');
      expect(finish).toHaveLength(1);
      expect(finish[0]?.url).toContain(`digest=${encodeURIComponent(digest)}`);

      // Pushing again finds it and sends nothing.
      const before = front.requests.length;
      await oci.pushBlob('chunks/large', { digest, size: bytes.length, path: source });
      expect(front.requests.slice(before).map((request) => request.method)).toEqual(['HEAD']);
    });
    const oci = client(registry.host);
    expect(await oci.blobSize('chunks/large', digest)).toBe(bytes.length);
    const target = join(scratch, 'out', 'large.bin');
    await oci.downloadBlob('chunks/large', digest, target, { size: bytes.length, mode: 0o755 });
    expect((await readFile(target)).equals(bytes)).toBe(true);
    expect((await stat(target)).mode & 0o777).toBe(0o755);
    expect((await oci.fetchBlob('chunks/large', digest)).equals(bytes)).toBe(true);
  });

  test('a small blob goes up in one PUT, no PATCH', async () => {
    const bytes = Buffer.from('small blob');
    await withFront(undefined, async (front) => {
      await client(front.host).pushBlob('chunks/small', {
        digest: digestOf(bytes),
        size: bytes.length,
        bytes,
      });
      expect(front.requests.map((request) => request.method)).toEqual(['HEAD', 'POST', 'PUT']);
    });
    expect((await client(registry.host).fetchBlob('chunks/small', digestOf(bytes))).toString()).toBe(
      'small blob',
    );
  });

  test.each([
    [
      'bytes in memory',
      (oci: RegistryClient, repository: string, bytes: Buffer, digest: string) =>
        oci.pushBlob(repository, { digest, size: bytes.length, bytes }),
    ],
    [
      'a stream',
      (oci: RegistryClient, repository: string, bytes: Buffer, digest: string) =>
        oci.pushBlobStream(repository, pieces(bytes, [64 * 1024]), () => digest),
    ],
  ])(
    'a chunk of %s refused by the registry is sent again from the Range the registry reports',
    async (kind, push) => {
      const bytes = patternedBytes(200 * 1024, 2);
      const digest = digestOf(bytes);
      const repository = `chunks/resumed-${kind.replaceAll(' ', '-')}`;
      let patches = 0;
      await withFront(
        (request) =>
          request.method === 'PATCH' && ++patches === 2 ? { kind: 'answer', status: 503 } : undefined,
        async (front) => {
          await push(client(front.host, { chunkSize: 64 * 1024 }), repository, bytes, digest);
          const methods = front.requests.map((request) => request.method);
          // The status query (GET on the upload) comes right after the failed PATCH; no new upload is started.
          const failed = methods.indexOf('PATCH', methods.indexOf('PATCH') + 1);
          expect(methods[failed + 1]).toBe('GET');
          expect(methods.filter((method) => method === 'POST')).toHaveLength(1);
          expect(methods.filter((method) => method === 'PATCH')).toHaveLength(5);
        },
      );
      expect((await client(registry.host).fetchBlob(repository, digest)).equals(bytes)).toBe(true);
    },
  );

  test('a chunk the registry took but never acknowledged starts the upload again (its session is stale)', async () => {
    const bytes = patternedBytes(200 * 1024, 3);
    const digest = digestOf(bytes);
    let patches = 0;
    await withFront(
      (request) =>
        request.method === 'PATCH' && ++patches === 2
          ? { kind: 'forward-then-fail', status: 502 }
          : undefined,
      async (front) => {
        await client(front.host, { chunkSize: 64 * 1024 }).pushBlob('chunks/restarted', {
          digest,
          size: bytes.length,
          bytes,
        });
        expect(front.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
      },
    );
    expect((await client(registry.host).fetchBlob('chunks/restarted', digest)).equals(bytes)).toBe(true);
  });

  test('a streamed blob goes up while it comes: no HEAD, PATCHes of whole pieces, the digest asked at the end', async () => {
    const bytes = patternedBytes(300 * 1024 + 11, 5);
    const digest = digestOf(bytes);
    let asked = 0;
    await withFront(undefined, async (front) => {
      const result = await client(front.host, { chunkSize: 64 * 1024 }).pushBlobStream(
        'stream/whole',
        pieces(bytes, [40 * 1024]),
        () => {
          asked++;
          return digest;
        },
      );
      expect(result.size).toBe(bytes.length);
      const methods = front.requests.map((request) => request.method);
      // 40 KiB pieces gathered to at least 64 KiB: 80 KiB PATCHes, the last one shorter.
      expect(methods).toEqual(['POST', 'PATCH', 'PATCH', 'PATCH', 'PATCH', 'PUT']);
      expect(front.requests.at(-1)?.url).toContain(`digest=${encodeURIComponent(digest)}`);
    });
    expect(asked).toBe(1);
    expect((await client(registry.host).fetchBlob('stream/whole', digest)).equals(bytes)).toBe(true);
  });

  test('a streamed upload whose session the registry dropped after earlier chunks is UploadSessionLost', async () => {
    const bytes = patternedBytes(200 * 1024, 7);
    let patches = 0;
    await withFront(
      (request) =>
        request.method === 'PATCH' && ++patches === 2
          ? { kind: 'forward-then-fail', status: 502 }
          : undefined,
      async (front) => {
        await expect(
          client(front.host, { chunkSize: 64 * 1024 }).pushBlobStream(
            'stream/lost',
            pieces(bytes, [64 * 1024]),
            () => digestOf(bytes),
          ),
        ).rejects.toThrow(UploadSessionLost);
      },
    );
    expect(await client(registry.host).blobSize('stream/lost', digestOf(bytes))).toBeUndefined();
  });

  test('a streamed source that fails leaves with its own error, and the upload session is given up', async () => {
    await withFront(undefined, async (front) => {
      const failure = await client(front.host, { chunkSize: 64 * 1024 })
        .pushBlobStream(
          'stream/failed',
          (async function* () {
            yield patternedBytes(100 * 1024, 8);
            throw new InputError("'model/weights.bin' changed while the layer was built; run again");
          })(),
          () => 'sha256:00',
        )
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(InputError);
      expect(front.requests.map((request) => request.method)).toEqual(['POST', 'PATCH', 'DELETE']);
    });
  });

  test('a file that changed since it was fingerprinted is an InputError naming it', async () => {
    const path = join(scratch, 'changed.bin');
    await writeFile(path, 'after');
    const claimed = digestOf(Buffer.from('befor'));
    await expect(
      client(registry.host).pushBlob('chunks/changed', { digest: claimed, size: 5, path }),
    ).rejects.toThrow(
      new InputError(`${path}: changed after it was fingerprinted (not ${claimed} any more)`),
    );
  });

  test('a blob is mounted from another repository instead of uploaded', async () => {
    const bytes = Buffer.from('shared layer');
    const digest = digestOf(bytes);
    const oci = client(registry.host);
    await oci.pushBlob('mount/source', { digest, size: bytes.length, bytes });
    expect(await oci.mountBlob('mount/target', digest, 'mount/source')).toBe(true);
    expect(await oci.blobSize('mount/target', digest)).toBe(bytes.length);
    expect(await oci.mountBlob('mount/other', digestOf(Buffer.from('nowhere')), 'mount/source')).toBe(false);
    await withFront(undefined, async (front) => {
      await client(front.host).pushBlob(
        'mount/third',
        { digest, size: bytes.length, bytes },
        { mountFrom: 'mount/source' },
      );
      expect(front.requests.map((request) => request.method)).toEqual(['HEAD', 'POST']);
      expect(front.requests[1]?.url).toContain('mount=');
    });
  });

  test('content that does not match its digest is refused (a blob corrupted in the registry storage)', async () => {
    const bytes = Buffer.from('original content');
    const digest = digestOf(bytes);
    const oci = client(registry.host);
    await oci.pushBlob('corrupt/blob', { digest, size: bytes.length, bytes });
    await writeFile(registry.blobPath(digest), Buffer.from('tampered content'));
    await expect(oci.fetchBlob('corrupt/blob', digest)).rejects.toThrow(InvalidContent);
    const target = join(scratch, 'corrupt', 'file');
    await expect(oci.downloadBlob('corrupt/blob', digest, target)).rejects.toThrow(
      /does not match its digest/,
    );
    // Nothing is left at the target, nor a temporary file beside it.
    await expect(stat(target)).rejects.toThrow();
    expect(await readdir(join(scratch, 'corrupt'))).toEqual([]);
  });
});

describe('manifests, tags, catalog', () => {
  test('a manifest goes up with its media type and comes back with the same bytes and digest', async () => {
    const oci = client(registry.host);
    const layer = Buffer.from('layer');
    await oci.pushBlob('manifests/one', { digest: digestOf(emptyJson), size: 2, bytes: emptyJson });
    await oci.pushBlob('manifests/one', { digest: digestOf(layer), size: layer.length, bytes: layer });
    const bytes = manifestOf([{ digest: digestOf(layer), size: layer.length }]);
    const put = await oci.putManifest('manifests/one', 'v1', bytes, ociMediaTypes.manifest);
    expect(put.digest).toBe(digestOf(bytes));
    const fetched = await oci.getManifest('manifests/one', 'v1');
    expect(fetched?.bytes.equals(bytes)).toBe(true);
    expect(fetched?.mediaType).toBe(ociMediaTypes.manifest);
    expect(await oci.headManifest('manifests/one', put.digest)).toEqual({
      digest: put.digest,
      mediaType: ociMediaTypes.manifest,
      size: bytes.length,
    });
    expect((await skopeoRaw(registry.host, 'manifests/one', 'v1')).equals(bytes)).toBe(true);
    expect(await oci.getManifest('manifests/one', 'missing')).toBeUndefined();
    expect(await oci.getManifest('manifests/none', 'v1')).toBeUndefined();
    await oci.putManifest('manifests/one', 'v2', bytes, ociMediaTypes.manifest);
    expect((await oci.listTags('manifests/one')).sort()).toEqual(['v1', 'v2']);
    expect(await oci.listTags('manifests/never')).toEqual([]);
  });

  test('the catalog follows Link pages', async () => {
    const oci = client(registry.host);
    for (const name of ['catalog/a', 'catalog/b', 'catalog/c']) {
      await oci.pushBlob(name, { digest: digestOf(emptyJson), size: 2, bytes: emptyJson });
      await oci.putManifest(name, 'latest', manifestOf([]), ociMediaTypes.manifest);
    }
    await withFront(undefined, async (front) => {
      const repositories = await client(front.host, { pageSize: 2 }).catalog();
      expect(repositories).toEqual(expect.arrayContaining(['catalog/a', 'catalog/b', 'catalog/c']));
      expect(new Set(repositories).size).toBe(repositories.length);
      const pages = front.requests.filter((request) => request.url.startsWith('/v2/_catalog'));
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pages[1]?.url).toContain('last=');
    });
  });

  test('referrers without the API: the sha256-<hex> fallback index, read and written', async () => {
    const oci = client(registry.host);
    const repository = 'referrers/model';
    await oci.pushBlob(repository, { digest: digestOf(emptyJson), size: 2, bytes: emptyJson });
    const subjectBytes = manifestOf([]);
    const subject = await oci.putManifest(repository, 'subject', subjectBytes, ociMediaTypes.manifest);
    const subjectDescriptor = {
      mediaType: ociMediaTypes.manifest,
      digest: subject.digest,
      size: subjectBytes.length,
    };
    expect(await oci.referrers(repository, subject.digest)).toEqual([]);

    const first = manifestOf([], { artifactType: 'application/vnd.test.one', subject: subjectDescriptor });
    const second = manifestOf([], { artifactType: 'application/vnd.test.two', subject: subjectDescriptor });
    await withFront(undefined, async (front) => {
      const viaFront = client(front.host);
      await viaFront.pushReferrer(
        repository,
        { bytes: first, mediaType: ociMediaTypes.manifest, artifactType: 'application/vnd.test.one' },
        subject.digest,
      );
      // The registry has no referrers API (404): the fallback tag is used.
      expect(await viaFront.referrers(repository, subject.digest)).toHaveLength(1);
      expect(front.requests.some((request) => request.url.includes('/referrers/'))).toBe(true);
    });
    await oci.pushReferrer(
      repository,
      { bytes: second, mediaType: ociMediaTypes.manifest, artifactType: 'application/vnd.test.two' },
      subject.digest,
    );
    // Pushing the same referrer again does not list it twice.
    await oci.pushReferrer(
      repository,
      { bytes: second, mediaType: ociMediaTypes.manifest, artifactType: 'application/vnd.test.two' },
      subject.digest,
    );

    const all = await oci.referrers(repository, subject.digest);
    expect(all.map((each) => [each.digest, each.artifactType])).toEqual([
      [digestOf(first), 'application/vnd.test.one'],
      [digestOf(second), 'application/vnd.test.two'],
    ]);
    expect(
      (await oci.referrers(repository, subject.digest, 'application/vnd.test.two')).map(
        (each) => each.digest,
      ),
    ).toEqual([digestOf(second)]);
    // Checked without our code: skopeo reads the fallback index under its tag.
    const index = JSON.parse(
      (await skopeoRaw(registry.host, repository, referrersTag(subject.digest))).toString(),
    );
    expect(index.mediaType).toBe(ociMediaTypes.index);
    expect(index.manifests.map((each: { digest: string }) => each.digest)).toEqual([
      digestOf(first),
      digestOf(second),
    ]);
  });
});

describe('referrers written at the same moment (no referrers API)', () => {
  /** A subject manifest in its own repository, and referrers of it with distinct artifact types. */
  async function subjectWithReferrers(repository: string, types: string[]) {
    const oci = client(registry.host);
    await oci.pushBlob(repository, { digest: digestOf(emptyJson), size: 2, bytes: emptyJson });
    const subjectBytes = manifestOf([]);
    const subject = await oci.putManifest(repository, 'subject', subjectBytes, ociMediaTypes.manifest);
    const descriptor = {
      mediaType: ociMediaTypes.manifest,
      digest: subject.digest,
      size: subjectBytes.length,
    };
    const referrers = types.map((artifactType) => ({
      artifactType,
      bytes: manifestOf([], { artifactType, subject: descriptor }),
      mediaType: ociMediaTypes.manifest,
    }));
    return { oci, subject: subject.digest, referrers };
  }

  const descriptorOf = (referrer: { bytes: Buffer; mediaType: string; artifactType: string }) => ({
    mediaType: referrer.mediaType,
    digest: digestOf(referrer.bytes),
    size: referrer.bytes.length,
    artifactType: referrer.artifactType,
  });

  test('the fallback index lost update (X reads, Y reads and writes, X writes): both referrers are still found', async () => {
    const repository = 'referrers/race';
    const { oci, subject, referrers } = await subjectWithReferrers(repository, [
      'application/vnd.test.a',
      'application/vnd.test.x',
      'application/vnd.test.y',
      'application/vnd.test.z',
    ]);
    const [a, x, y, z] = referrers as [
      (typeof referrers)[0],
      (typeof referrers)[0],
      (typeof referrers)[0],
      (typeof referrers)[0],
    ];
    await oci.pushReferrer(repository, a, subject);
    const indexUrl = `/v2/${repository}/manifests/${referrersTag(subject)}`;
    // Writer X's first read of the index is answered with what the registry held before writer Y's whole
    // push (read, write, read-back), which runs in between: X then writes the index without Y's entry.
    let interleaved = false;
    await withFront(
      (request) =>
        request.method === 'GET' && request.url === indexUrl && !interleaved
          ? {
              kind: 'forward-then',
              after: async () => {
                interleaved = true;
                await oci.pushReferrer(repository, y, subject);
                expect((await oci.referrers(repository, subject)).map((each) => each.digest)).toContain(
                  digestOf(y.bytes),
                );
              },
            }
          : undefined,
      async (front) => {
        await client(front.host).pushReferrer(repository, x, subject);
      },
    );
    expect(interleaved).toBe(true);
    const found = async (artifactType?: string) =>
      (await oci.referrers(repository, subject, artifactType)).map((each) => each.digest).sort();
    expect(await found()).toEqual([a, x, y].map((each) => digestOf(each.bytes)).sort());
    // The descriptors carry the artifact type whichever way they were found (the filter uses it).
    expect(await found('application/vnd.test.y')).toEqual([digestOf(y.bytes)]);
    // Whatever the index says: a writer that read it before both (another tool, or an earlier mlci) puts back
    // an index with `a` only; x and y are found through their own tags.
    const stale = { schemaVersion: 2, mediaType: ociMediaTypes.index, manifests: [descriptorOf(a)] };
    await oci.putManifest(
      repository,
      referrersTag(subject),
      Buffer.from(JSON.stringify(stale)),
      ociMediaTypes.index,
    );
    expect(await found()).toEqual([a, x, y].map((each) => digestOf(each.bytes)).sort());
    expect(await found('application/vnd.test.x')).toEqual([digestOf(x.bytes)]);
    // Their tags are `sha256-<subject hex>.<48 hex digits of their digest>`, within the OCI tag rules.
    const tags = (await oci.listTags(repository)).filter((tag) =>
      tag.startsWith(`${referrersTag(subject)}.`),
    );
    expect(tags.sort()).toEqual([a, x, y].map((each) => referrerTag(subject, digestOf(each.bytes))).sort());
    for (const tag of tags) expect(tag).toMatch(/^sha256-[0-9a-f]{64}\.[0-9a-f]{48}$/);

    // The next writer puts every referrer of the subject back into the index other tools read.
    await oci.pushReferrer(repository, z, subject);
    const index = JSON.parse((await skopeoRaw(registry.host, repository, referrersTag(subject))).toString());
    expect(index.manifests.map((each: { digest: string }) => each.digest).sort()).toEqual(
      [a, x, y, z].map((each) => digestOf(each.bytes)).sort(),
    );
  });

  test('ten writers at once: every referrer is found', async () => {
    const repository = 'referrers/many';
    const types = Array.from({ length: 10 }, (_, index) => `application/vnd.test.w${index}`);
    const { subject, referrers } = await subjectWithReferrers(repository, types);
    // Each writer its own client, as separate jobs would be.
    await Promise.all(referrers.map((each) => client(registry.host).pushReferrer(repository, each, subject)));
    expect(
      (await client(registry.host).referrers(repository, subject)).map((each) => each.artifactType).sort(),
    ).toEqual([...types].sort());
  });
});

describe('failures', () => {
  test('a stopped registry is retried, then a ServiceError (exit 3) names the host and the repository', async () => {
    const logger = recordingLogger();
    const oci = client(registry.host, { logger });
    await registry.stop();
    try {
      const failure = await oci.listTags('failures/stopped').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ServiceError);
      expect((failure as ServiceError).exitCode).toBe(3);
      expect((failure as Error).message).toContain(`registry ${registry.host}, repository failures/stopped`);
      expect((failure as Error).message).toMatch(/after 3 attempts: ECONNREFUSED/);
      expect(logger.debugs.filter((line) => line.includes('retry'))).toHaveLength(2);
    } finally {
      await registry.restart();
    }
    expect(await oci.listTags('failures/stopped')).toEqual([]);
  });

  test('a registry that takes the connection and never answers times out, is retried, then a ServiceError', async () => {
    // A TCP server that accepts and stays silent: what a hung registry or a black-holing proxy looks like.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => {
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const oci = client(`127.0.0.1:${port}`, { responseTimeoutMs: 200 });
      const failure = await oci.listTags('failures/silent').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ServiceError);
      expect((failure as Error).message).toMatch(/after 3 attempts: no answer within 0\.2 s$/);
      expect(sockets.length).toBeGreaterThanOrEqual(3);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  test('a chunk the registry reads but never answers times out, is resumed from its offset, then a ServiceError', async () => {
    // A registry that starts uploads and answers status queries, but takes PATCH bodies and stays silent.
    const requests: string[] = [];
    const server = createHttpServer((request, response) => {
      requests.push(request.method as string);
      request.resume();
      if (request.method === 'POST')
        return response.writeHead(202, { location: '/v2/x/blobs/uploads/1', range: '0-0' }).end();
      if (request.method === 'GET')
        return response.writeHead(204, { location: '/v2/x/blobs/uploads/1', range: '0-0' }).end();
      // PATCH: no answer.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const oci = client(`127.0.0.1:${port}`, { responseTimeoutMs: 200, chunkSize: 1024 });
      const failure = await oci
        .pushBlobStream(
          'x',
          (async function* () {
            yield patternedBytes(4096);
          })(),
          () => 'sha256:00',
        )
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ServiceError);
      expect((failure as Error).message).toMatch(
        /cannot push a blob while it is made: no answer within 0\.2 s$/,
      );
      // Each failed PATCH is followed by a status query, and the chunk is sent again from the offset it gives.
      expect(requests).toEqual(['POST', 'PATCH', 'GET', 'PATCH', 'GET', 'PATCH']);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('5xx answers are retried and pass when the registry recovers', async () => {
    let failures = 0;
    await withFront(
      (request) =>
        request.url.includes('/tags/list') && ++failures <= 2 ? { kind: 'answer', status: 503 } : undefined,
      async (front) => {
        expect(await client(front.host).listTags('failures/flaky')).toEqual([]);
        expect(failures).toBe(3);
      },
    );
  });

  test('plain HTTP is not used for a host that is not loopback, unless insecure', async () => {
    // 127.0.0.2 is loopback to the kernel but not one of the names mlci trusts with plain HTTP.
    const front = await startRegistryFront(registry, { listenHost: '127.0.0.2' });
    try {
      const failure = await client(front.host)
        .ping()
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ServiceError);
      expect((failure as Error).message).toContain(`registry ${front.host}`);
      expect((failure as Error).message).toContain(
        'plain HTTP is used only for localhost or with the insecure registry option',
      );
      expect(front.requests).toEqual([]);
      await client(front.host, { insecure: true }).ping();
      expect(front.requests.map((request) => request.url)).toEqual(['/v2/']);
    } finally {
      await front.close();
    }
  });
});
