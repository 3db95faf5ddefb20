import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { openChangeRequest } from '../../packages/core/src/deploy/change-request';
import { ExitCode, type MlciError, ServiceError } from '../../packages/core/src/errors';
import type { ResolvedBase } from '../../packages/core/src/image/base';
import { imageMediaTypes } from '../../packages/core/src/image/config';
import { checkStartProgram } from '../../packages/core/src/image/entrypoint';
import { MlflowClient } from '../../packages/core/src/mlflow/client';
import { RegistryClient } from '../../packages/core/src/oci/client';
import { GitHubArtifacts } from '../../packages/github/src/artifacts';
import { PullRequestComments } from '../../packages/github/src/comments';
import { startFakeGitHub } from '../github/fake-github';
import { FakeGitLab } from '../gitlab/fake-gitlab';
import { cleanEnv, recordingLogger } from '../oci/helpers';
import { cliBundle, localEnv } from '../support/cli';
import { worseCandidate } from '../support/evaluation-predictions';

/**
 * Bounded reads (docs/security.md): hostile servers on loopback that answer with a huge Content-Length, an
 * endless chunked body, a body that trickles, endless tag pages; and a CI artifact whose entry inflates to
 * 1 GiB, served as the GitLab and GitHub artifact APIs serve it and read by the real CLI. Each case must end
 * in a one-line error naming what was read, with the bytes the server got to send (or the CLI's peak
 * memory) far below what the server offered.
 */

const mebibyte = 1024 * 1024;
/** What a hostile server sends at most: enough to show that a reader without a limit takes it all. */
const offered = 256 * mebibyte;
/** Loopback socket buffers hold a few MiB the client never read: counted in what the server "sent". */
const socketSlack = 28 * mebibyte;

interface Hostile {
  url: string;
  host: string;
  /** Body bytes written, over every request. */
  sent(): number;
  requests(): number;
  close(): Promise<void>;
}

async function hostileServer(
  handle: (
    request: IncomingMessage,
    response: ServerResponse,
    write: (chunk: Buffer) => Promise<boolean>,
  ) => void,
): Promise<Hostile> {
  let sent = 0;
  let requests = 0;
  const server: Server = createServer((request, response) => {
    requests++;
    // Resolves false once the client has gone: the writer stops there.
    const write = (chunk: Buffer) =>
      new Promise<boolean>((resolve) => {
        if (response.destroyed || response.writableEnded) return resolve(false);
        sent += chunk.length;
        if (response.write(chunk)) return resolve(true);
        const done = (ok: boolean) => () => {
          response.off('drain', onDrain);
          response.off('close', onClose);
          resolve(ok);
        };
        const onDrain = done(true);
        const onClose = done(false);
        response.once('drain', onDrain);
        response.once('close', onClose);
      });
    handle(request, response, write);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    sent: () => sent,
    requests: () => requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes `filler` until `offered` bytes are out or the client has gone, then ends the answer. */
async function endless(response: ServerResponse, write: (chunk: Buffer) => Promise<boolean>, start = '') {
  if (start && !(await write(Buffer.from(start)))) return;
  const filler = Buffer.from('"x",'.repeat(16 * 1024));
  for (let total = 0; total < offered; total += filler.length) if (!(await write(filler))) return;
  response.end();
}

/** A trickle: one byte every 200 ms of a 1000-byte body (about 200 s in all). */
async function trickle(response: ServerResponse, write: (chunk: Buffer) => Promise<boolean>) {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
  for (let index = 0; index < 1000; index++) {
    if (!(await write(Buffer.from(' ')))) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  response.end();
}

function expectOneLine(error: unknown, pattern: RegExp): void {
  expect(error).toBeInstanceOf(ServiceError);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  expect(message).toMatch(pattern);
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure, got an answer');
}

const manifestPath = '/v2/models/manifests/latest';

describe('registries', () => {
  const client = (server: Hostile, tuning: { responseTimeoutMs?: number } = {}) =>
    new RegistryClient({
      host: server.host,
      env: cleanEnv(),
      logger: recordingLogger(),
      retry: { retries: 0 },
      ...tuning,
    });

  test('a manifest declaring 10 GiB is refused before its body is read', async () => {
    const server = await hostileServer((_request, response, write) => {
      response.writeHead(200, {
        'content-type': 'application/vnd.oci.image.manifest.v1+json',
        'content-length': String(10 * 1024 * mebibyte),
      });
      void endless(response, write);
    });
    try {
      const error = await failure(client(server).getManifest('models', 'latest'));
      expectOneLine(
        error,
        new RegExp(
          `^registry ${server.host}, repository models: manifest latest: the answer declares 10737418240 bytes, more than the limit of 4 MiB$`,
        ),
      );
      expect(server.sent()).toBeLessThan(4 * mebibyte + socketSlack);
    } finally {
      await server.close();
    }
  });

  test('an endless chunked manifest is cut off at 4 MiB', async () => {
    const server = await hostileServer((_request, response, write) => {
      response.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
      void endless(response, write, '{"schemaVersion":2,"layers":[');
    });
    try {
      const error = await failure(client(server).getManifest('models', 'latest'));
      expectOneLine(
        error,
        new RegExp(
          `^registry ${server.host}, repository models: manifest latest: the answer is over the limit of 4 MiB$`,
        ),
      );
      expect(server.sent()).toBeLessThan(4 * mebibyte + socketSlack);
    } finally {
      await server.close();
    }
  });

  test('a manifest that trickles ends at the response deadline, not when the server is done', async () => {
    const server = await hostileServer((request, response, write) => {
      if (request.url?.startsWith(manifestPath)) void trickle(response, write);
      else response.writeHead(404).end();
    });
    try {
      const started = Date.now();
      const error = await failure(
        client(server, { responseTimeoutMs: 1500 }).getManifest('models', 'latest'),
      );
      expectOneLine(
        error,
        new RegExp(
          `^registry ${server.host}, repository models: manifest latest: the answer did not end within 1\\.5 s \\(\\d+ bytes came\\)$`,
        ),
      );
      expect(Date.now() - started).toBeLessThan(6000);
    } finally {
      await server.close();
    }
  }, 20_000);

  test('endless tag pages stop at 100,000 tags', async () => {
    // Each page 1,000 new tags and a Link to the next; a page 2,000 ends it so that a reader without a bound
    // finishes (with two million tags) instead of running forever.
    const server = await hostileServer((request, response) => {
      const page = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('page') ?? '0');
      const tags = Array.from({ length: 1000 }, (_, index) => `p${page}-${index}`);
      response.writeHead(200, {
        'content-type': 'application/json',
        ...(page < 2000 && { link: `</v2/models/tags/list?n=1000&page=${page + 1}>; rel="next"` }),
      });
      response.end(JSON.stringify({ name: 'models', tags }));
    });
    try {
      const error = await failure(client(server).listTags('models'));
      expectOneLine(
        error,
        new RegExp(
          `^registry ${server.host}, repository models: tag list: more than 100000 names; refused rather than read without end$`,
        ),
      );
      expect(server.requests()).toBeLessThanOrEqual(101);
    } finally {
      await server.close();
    }
  }, 60_000);

  test('a Link chain that goes back to a page already read is refused', async () => {
    const server = await hostileServer((request, response) => {
      const page = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('page') ?? '0');
      response.writeHead(200, {
        'content-type': 'application/json',
        // Pages 0 and 1 point at each other; after 5,000 requests the chain ends so an unbounded reader stops.
        ...(page < 5000 && {
          link: `</v2/models/tags/list?n=1000&page=${(page + 1) % 2}>; rel="next"`,
        }),
      });
      response.end(JSON.stringify({ name: 'models', tags: [] }));
    });
    try {
      const error = await failure(client(server).listTags('models'));
      expectOneLine(
        error,
        new RegExp(
          `^registry ${server.host}, repository models: tag list: the Link pages go back to http://${server.host}/v2/models/tags/list\\?n=1000&page=1$`,
        ),
      );
      // The first page (no page parameter), page 1, page 0, then page 1 again.
      expect(server.requests()).toBe(3);
    } finally {
      await server.close();
    }
  }, 60_000);

  test('an endless tag page is cut off at 16 MiB', async () => {
    const server = await hostileServer((_request, response, write) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      void endless(response, write, '{"name":"models","tags":[');
    });
    try {
      const error = await failure(client(server).listTags('models'));
      expectOneLine(
        error,
        new RegExp(
          `^registry ${server.host}, repository models: tag list page 1: the answer is over the limit of 16 MiB$`,
        ),
      );
      expect(server.sent()).toBeLessThan(16 * mebibyte + socketSlack);
    } finally {
      await server.close();
    }
  });
});

describe('MLflow, GitHub and GitLab API answers', () => {
  test('an endless MLflow answer is cut off at 16 MiB; a trickling one ends at the timeout', async () => {
    const server = await hostileServer((request, response, write) => {
      if (request.url?.includes('trickle')) return void trickle(response, write);
      response.writeHead(200, { 'content-type': 'application/json' });
      void endless(response, write, '{"registered_models":[');
    });
    try {
      const mlflow = new MlflowClient(`mlflow+${server.url}`, {
        env: {},
        logger: recordingLogger(),
        retry: { retries: 0 },
        timeoutMs: 1500,
      });
      const { z } = await import('zod');
      const error = await failure(mlflow.call('GET', 'registered-models/search', {}, z.unknown()));
      expectOneLine(
        error,
        new RegExp(
          `^MLflow at ${server.host}: GET /api/2.0/mlflow/registered-models/search: the answer is over the limit of 16 MiB$`,
        ),
      );
      expect(server.sent()).toBeLessThan(16 * mebibyte + socketSlack);
      const started = Date.now();
      const slow = await failure(mlflow.call('GET', 'trickle', {}, z.unknown()));
      expect(slow).toBeInstanceOf(ServiceError);
      expect((slow as Error).message).toMatch(
        new RegExp(
          `^MLflow at ${server.host}: GET /api/2.0/mlflow/trickle.* (within|no answer within) 1\\.5 s`,
        ),
      );
      expect(Date.now() - started).toBeLessThan(6000);
    } finally {
      await server.close();
    }
  }, 20_000);

  test('an endless GitHub artifact list is cut off at 16 MiB, naming the URL without its query', async () => {
    const server = await hostileServer((_request, response, write) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      void endless(response, write, '{"total_count":1,"artifacts":[');
    });
    try {
      const artifacts = new GitHubArtifacts({
        apiUrl: server.url,
        serverUrl: 'https://github.example',
        repository: 'octo-org/churn',
        token: 'ghs_test',
        logger: recordingLogger(),
        retry: { retries: 0 },
      });
      const error = await failure(artifacts.latest('main', 'evaluate'));
      expectOneLine(
        error,
        new RegExp(
          `^GitHub: ${server.url}/repos/octo-org/churn/actions/artifacts: the answer is over the limit of 16 MiB$`,
        ),
      );
      expect(server.sent()).toBeLessThan(16 * mebibyte + socketSlack);
    } finally {
      await server.close();
    }
  });

  test('an endless answer to the pull request comment list (Octokit) is cut off at 16 MiB', async () => {
    const server = await hostileServer((request, response, write) => {
      // Who the token is comes first (only its own comment is ever edited): an honest answer, then the list.
      if (request.url === '/user') {
        response.writeHead(200, { 'content-type': 'application/json' });
        void write(Buffer.from(JSON.stringify({ login: 'mlci-bot', id: 7 }))).then(() => response.end());
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      void endless(response, write, '[');
    });
    try {
      const comments = new PullRequestComments(
        { apiUrl: server.url, token: 'ghs_test', owner: 'octo-org', repo: 'churn', number: 7 },
        { retries: 0 },
      );
      const error = await failure(comments.find('<!-- mlci:evaluate -->'));
      expect((error as Error).message).toBe(
        `GitHub: ${server.url}/repos/octo-org/churn/issues/7/comments: the answer is over the limit of 16 MiB`,
      );
      expect(server.sent()).toBeLessThan(16 * mebibyte + socketSlack);
    } finally {
      await server.close();
    }
  });

  test("an endless answer to the deploy repository's pull request look-up is cut off at 16 MiB: exit 3", async () => {
    const server = await hostileServer((_request, response, write) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      void endless(response, write, '[');
    });
    try {
      const error = await failure(
        openChangeRequest(
          {
            repoUrl: 'https://github.com/acme/deploy.git',
            apiUrl: server.url,
            token: 'ghp_deploy',
            sourceBranch: 'mlci/churn-production',
            targetBranch: 'main',
            title: 'Deploy churn 7',
            body: 'churn 7',
          },
          { logger: recordingLogger() },
        ),
      );
      expectOneLine(
        error,
        /^GitHub: http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/deploy\/pulls: the answer is over the limit of 16 MiB$/,
      );
      expect((error as MlciError).exitCode).toBe(ExitCode.service);
      // Not retried: a body over its limit is the server's fault and would be again.
      expect(server.requests()).toBe(1);
      expect(server.sent()).toBeLessThan(16 * mebibyte + socketSlack);
    } finally {
      await server.close();
    }
  });
});

/** Runs the CLI bundle with a hook that writes the process's peak RSS (kB) to a file as it exits. */
async function runMeasured(
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ status: number | null; stderr: string; peakRssMiB: number }> {
  const hook = join(cwd, 'peak-rss.mjs');
  const out = join(cwd, `peak-rss-${Date.now()}.txt`);
  await writeFile(
    hook,
    "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.PEAK_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
  );
  const child = spawn(process.execPath, ['--import', hook, cliBundle, ...args], {
    cwd,
    env: localEnv({ ...env, PEAK_RSS_FILE: out }),
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return { status, stderr, peakRssMiB: Number(await readFile(out, 'utf8')) / 1024 };
}

describe('CI artifacts read by the CLI', () => {
  let dir: string;
  /** A 1 MB zip whose `.mlci/evaluate.json` inflates to 1 GiB of zeros (its header says so). */
  let bomb: Buffer;
  /** The same, its central directory claiming 10 MiB: only counting what is inflated finds it out. */
  let lyingBomb: Buffer;
  /** Far below the 1 GiB the entry inflates to, well above Node, DuckDB and a 1 MB archive. */
  const peakLimitMiB = 400;

  const evaluate = [
    'evaluate',
    '--candidate',
    'candidate.csv',
    '--score-column',
    'score',
    '--baseline',
    'branch:main',
  ];

  beforeAll(async () => {
    if (!existsSync(cliBundle)) throw new Error(`${cliBundle} is missing: run \`node scripts/build.mjs\``);
    dir = await mkdtemp(join(tmpdir(), 'mlci-bounded-artifacts-'));
    await writeFile(join(dir, 'candidate.csv'), worseCandidate);
    const script = [
      'import sys, zipfile',
      'with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:',
      '    z.writestr(".mlci/evaluate.md", "# baseline")',
      '    with z.open(".mlci/evaluate.json", "w") as f:',
      '        chunk = bytes(1 << 20)',
      '        for _ in range(1024): f.write(chunk)',
    ].join('\n');
    execFileSync('/usr/bin/python3', ['-c', script, join(dir, 'bomb.zip')]);
    bomb = await readFile(join(dir, 'bomb.zip'));
    expect(bomb.length).toBeLessThan(2 * mebibyte);
    lyingBomb = Buffer.from(bomb);
    const central = lyingBomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(lyingBomb.readUInt32LE(central + 24)).toBe(1024 * mebibyte);
    lyingBomb.writeUInt32LE(10 * mebibyte, central + 24);
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('GitLab: a job artifact whose entry inflates to 1 GiB is refused unread: exit 2, one line naming the entry', async () => {
    const gitlab = new FakeGitLab({ tokens: {}, jobTokens: ['job-token'] });
    await gitlab.start();
    try {
      gitlab.setJobArtifacts('77', 'main', 'evaluate', bomb);
      const result = await runMeasured(evaluate, dir, {
        GITLAB_CI: 'true',
        CI_API_V4_URL: `${gitlab.url}/api/v4`,
        CI_PROJECT_ID: '77',
        CI_PROJECT_URL: 'https://gitlab.example/group/churn',
        CI_JOB_TOKEN: 'job-token',
      });
      expect(result.status).toBe(ExitCode.usage);
      expect(result.stderr.trim().split('\n').at(-1)).toBe(
        "mlci: error: baseline: the 'evaluate' artifact of branch 'main' (https://gitlab.example/group/churn/-/jobs/artifacts/main/browse?job=evaluate): .mlci/evaluate.json: 1073741824 bytes uncompressed, more than the limit of 64 MiB",
      );
      expect(result.peakRssMiB).toBeLessThan(peakLimitMiB);
    } finally {
      await gitlab.stop();
    }
  }, 120_000);

  test('GitHub: an entry whose header lies about its size stops inflating one byte past it: exit 2', async () => {
    const github = await startFakeGitHub({ writeTokens: ['ghs_actions_read'] });
    try {
      const { id, runId } = github.addArtifact({
        owner: 'octo-org',
        repo: 'churn',
        name: 'evaluate',
        branch: 'main',
        archive: lyingBomb,
        createdAt: '2024-06-01T10:00:00Z',
      });
      const result = await runMeasured(evaluate, dir, {
        GITHUB_ACTIONS: 'true',
        GITHUB_API_URL: github.url,
        GITHUB_SERVER_URL: 'https://github.example',
        GITHUB_REPOSITORY: 'octo-org/churn',
        GITHUB_TOKEN: 'ghs_actions_read',
      });
      expect(result.status).toBe(ExitCode.usage);
      expect(result.stderr.trim().split('\n').at(-1)).toBe(
        `mlci: error: baseline: the 'evaluate' artifact of branch 'main' (https://github.example/octo-org/churn/actions/runs/${runId}/artifacts/${id}): .mlci/evaluate.json: inflates to more than the 10485760 bytes its header declares (a zip bomb or a damaged archive); stopped there`,
      );
      expect(result.peakRssMiB).toBeLessThan(peakLimitMiB);
    } finally {
      await github.close();
    }
  }, 120_000);

  test('GitLab: an artifact download declaring 300 MiB is refused before it is read: exit 2', async () => {
    const server = await hostileServer((_request, response, write) => {
      response.writeHead(200, {
        'content-type': 'application/zip',
        'content-length': String(300 * mebibyte),
      });
      void (async () => {
        const zeros = Buffer.alloc(mebibyte);
        for (let total = 0; total < 300 * mebibyte; total += zeros.length) if (!(await write(zeros))) return;
        response.end();
      })();
    });
    try {
      const result = await runMeasured(evaluate, dir, {
        GITLAB_CI: 'true',
        CI_API_V4_URL: `${server.url}/api/v4`,
        CI_PROJECT_ID: '77',
        CI_JOB_TOKEN: 'job-token',
      });
      expect(result.status).toBe(ExitCode.usage);
      expect(result.stderr.trim().split('\n').at(-1)).toBe(
        `mlci: error: baseline: GitLab: ${server.url}/api/v4/projects/77/jobs/artifacts/main/download: the answer declares 314572800 bytes, more than the limit of 256 MiB (keep the baseline in an artifact of its own)`,
      );
      expect(server.sent()).toBeLessThan(socketSlack);
    } finally {
      await server.close();
    }
  }, 120_000);
});

describe('base image layers', () => {
  test('a pax header of 2 GiB in a base layer is refused, not gathered in memory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlci-bounded-layer-'));
    try {
      // One tar header of type 'x' (a pax header) declaring 2 GiB - 1 bytes, then 8 MiB of its "body".
      const header = Buffer.alloc(512);
      header.write('PaxHeaders/serve', 0);
      header.write('0000644\0', 100);
      header.write('17777777777\0', 124);
      header.write('x', 156);
      header.write('ustar\0', 257);
      const layer = join(dir, 'layer.tar');
      await writeFile(layer, Buffer.concat([header, Buffer.alloc(8 * mebibyte)]));
      const digest = `sha256:${'c'.repeat(64)}`;
      const base = {
        text: 'registry.example/hostile:1',
        layers: [{ mediaType: imageMediaTypes.layerTar, digest, size: 512 + 8 * mebibyte }],
      } as unknown as ResolvedBase;
      const error = await failure(
        checkStartProgram({
          config: { Entrypoint: ['/app/serve'] },
          base,
          layers: [],
          fetchLayer: async () => layer,
        }),
      );
      expectOneLine(
        error,
        new RegExp(
          `^base layer ${digest}: a pax header of 2147483647 bytes, more than the 1 MiB a tar reader takes \\(Go's archive/tar refuses it too\\)$`,
        ),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a gzip base layer whose bytes do not decompress is one line naming the layer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlci-corrupt-layer-'));
    try {
      // A gzip header, then bytes that are no deflate stream.
      const layer = join(dir, 'layer.tar.gz');
      await writeFile(
        layer,
        Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), Buffer.alloc(64, 0xff)]),
      );
      const digest = `sha256:${'d'.repeat(64)}`;
      const base = {
        text: 'registry.example/broken:1',
        layers: [{ mediaType: imageMediaTypes.layerGzip, digest, size: 74 }],
      } as unknown as ResolvedBase;
      const error = await failure(
        checkStartProgram({
          config: { Entrypoint: ['/app/serve'] },
          base,
          layers: [],
          fetchLayer: async () => layer,
        }),
      );
      expectOneLine(error, new RegExp(`^base layer ${digest}: cannot be read: .+$`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
