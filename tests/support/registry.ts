import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's CNCF distribution 2.8 (`docker-registry`), on 127.0.0.1 with its own config and storage. */
export interface TestRegistry {
  /** `127.0.0.1:PORT` */
  host: string;
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Its storage root (filesystem driver). */
  root: string;
  /** The file that holds a blob's bytes, to corrupt it behind the registry's back. */
  blobPath(digest: string): string;
  stop(): Promise<void>;
  /** Starts it again on the same port and storage. */
  restart(): Promise<void>;
  /** Stops it and removes its storage. */
  close(): Promise<void>;
}

const registryBinary = '/usr/bin/docker-registry';

export async function startRegistry(): Promise<TestRegistry> {
  const root = await mkdtemp(join(tmpdir(), 'mlci-registry-'));
  const port = await freePort('127.0.0.1');
  const host = `127.0.0.1:${port}`;
  const config = join(root, 'config.yml');
  await writeFile(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(root, 'storage')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: ${host}`,
      // Stopped (SIGTERM), it finishes the requests it is serving first, as a registry restarted for an upgrade
      // does; killed mid-request, distribution 2.8 can leave a half-written link file that answers 500 for good.
      '  draintimeout: 5s',
      '',
    ].join('\n'),
  );
  let child: ChildProcess | undefined;
  const start = async () => {
    let stderr = '';
    const started = spawn(registryBinary, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    started.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child = started;
    const exited = new Promise<never>((_, reject) =>
      started.once('exit', (code) => reject(new Error(`docker-registry exited (${code}): ${stderr.trim()}`))),
    );
    exited.catch(() => {});
    await Promise.race([waitForApi(`http://${host}/v2/`), exited]);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };
  await start();
  return {
    host,
    url: `http://${host}`,
    root,
    blobPath: (digest) => {
      const hex = digest.replace(/^sha256:/, '');
      return join(
        root,
        'storage',
        'docker',
        'registry',
        'v2',
        'blobs',
        'sha256',
        hex.slice(0, 2),
        hex,
        'data',
      );
    },
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    close: async () => {
      await stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function waitForApi(url: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A port nobody listens on now (the registry binds it right after). */
export async function freePort(host: string): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface FrontRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** `basic`, `bearer` or undefined. */
  authorization: string | undefined;
}

/**
 * What the front does with a request: forward it (the default), answer it itself without forwarding, forward
 * it and then answer an error instead of the registry's answer (the registry did the work, the client never
 * hears), or forward it, run `after`, then relay the answer.
 */
export type Intercept =
  | { kind: 'forward' }
  | { kind: 'answer'; status: number }
  | { kind: 'forward-then-fail'; status: number }
  | { kind: 'forward-then'; after: () => Promise<void> };

export interface FrontOptions {
  /** Where the front listens (default 127.0.0.1). */
  listenHost?: string;
  /** Demand credentials: Basic on every request, or Bearer tokens from the front's own token endpoint. */
  auth?: { scheme: 'basic' | 'bearer'; username: string; password: string; anonymousPull?: boolean };
  intercept?: (request: FrontRequest) => Intercept | undefined;
}

export interface RegistryFront {
  host: string;
  url: string;
  /** Every registry request that reached the front (not the token requests). */
  requests: FrontRequest[];
  /** The scope lists of the token requests, in order, and whether each carried credentials. */
  tokenRequests: { scopes: string[]; authenticated: boolean }[];
  close(): Promise<void>;
}

/**
 * A loopback front for a TestRegistry: it forwards every request to the real registry (keeping the Host
 * header, so the registry's upload Locations point back at the front), and can demand authentication the way
 * hosted registries do (Basic, or Bearer with a token endpoint that checks the credentials and grants
 * scopes), record requests, and inject faults.
 */
export async function startRegistryFront(
  registry: { host: string },
  options: FrontOptions = {},
): Promise<RegistryFront> {
  const listenHost = options.listenHost ?? '127.0.0.1';
  const [targetHost, targetPort] = registry.host.split(':') as [string, string];
  const requests: FrontRequest[] = [];
  const tokenRequests: { scopes: string[]; authenticated: boolean }[] = [];
  /** Token -> granted scopes (`repository:name:pull,push`, `registry:catalog:*`). */
  const tokens = new Map<string, Set<string>>();
  let url = '';
  const auth = options.auth;
  const expectedBasic =
    auth && `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;

  const deny = (response: ServerResponse, challenge: string) => {
    response.writeHead(401, { 'www-authenticate': challenge, 'content-type': 'application/json' });
    response.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
  };

  const serveToken = (request: IncomingMessage, response: ServerResponse) => {
    const query = new URL(request.url ?? '/', url).searchParams;
    const scopes = query
      .getAll('scope')
      .flatMap((scope) => scope.split(' '))
      .filter(Boolean);
    const authenticated = request.headers.authorization === expectedBasic;
    tokenRequests.push({ scopes, authenticated });
    if (request.headers.authorization !== undefined && !authenticated) {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] }));
      return;
    }
    const granted = new Set<string>();
    for (const scope of scopes) {
      const [type, name, actions] = scope.split(':');
      if (type === 'registry' && authenticated) granted.add(scope);
      if (type !== 'repository' || !name || !actions) continue;
      const allowed = actions
        .split(',')
        .filter((action) => authenticated || (auth?.anonymousPull && action === 'pull'));
      for (const action of allowed) granted.add(`repository:${name}:${action}`);
    }
    const token = randomBytes(12).toString('hex');
    tokens.set(token, granted);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ token, expires_in: 300 }));
  };

  /** The scopes a registry request needs (what hosted registries check). */
  const needed = (method: string, path: string, query: URLSearchParams): string[] => {
    if (path === '/v2/' || path === '/v2') return [];
    if (path === '/v2/_catalog') return ['registry:catalog:*'];
    const match = /^\/v2\/(.+?)\/(blobs|manifests|tags|referrers)\//.exec(path);
    if (!match) return ['unknown'];
    const name = match[1] as string;
    const scopes = [`repository:${name}:${method === 'GET' || method === 'HEAD' ? 'pull' : 'push'}`];
    const from = query.get('from');
    if (from) scopes.push(`repository:${from}:pull`);
    return scopes;
  };

  const authorized = (
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    query: URLSearchParams,
  ): boolean => {
    if (!auth) return true;
    const header = request.headers.authorization;
    if (auth.scheme === 'basic') {
      if (header === expectedBasic) return true;
      deny(response, 'Basic realm="mlci test registry"');
      return false;
    }
    const scopes = needed(request.method ?? 'GET', path, query);
    const granted = header?.startsWith('Bearer ') ? tokens.get(header.slice('Bearer '.length)) : undefined;
    if (granted && scopes.every((scope) => granted.has(scope))) return true;
    const scopeParam = scopes.length > 0 ? `,scope="${scopes.join(' ')}"` : '';
    const error = granted ? ',error="insufficient_scope"' : '';
    deny(response, `Bearer realm="${url}/token",service="mlci-test"${scopeParam}${error}`);
    return false;
  };

  const forward = (
    request: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers = { ...request.headers };
      delete headers.authorization;
      const upstream = httpRequest(
        { host: targetHost, port: Number(targetPort), method: request.method, path: request.url, headers },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () =>
            resolve({
              status: answer.statusCode ?? 502,
              headers: answer.headers,
              body: Buffer.concat(chunks),
            }),
          );
          answer.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const parsed = new URL(request.url ?? '/', url);
    if (parsed.pathname === '/token') {
      serveToken(request, response);
      return;
    }
    const recorded: FrontRequest = {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      authorization: request.headers.authorization?.split(' ')[0]?.toLowerCase(),
    };
    requests.push(recorded);
    if (!authorized(request, response, parsed.pathname, parsed.searchParams)) return;
    const intercept = options.intercept?.(recorded) ?? { kind: 'forward' };
    try {
      if (intercept.kind === 'answer') {
        response.writeHead(intercept.status, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ errors: [{ code: 'UNAVAILABLE', message: 'injected by the test front' }] }),
        );
        return;
      }
      const answer = await forward(request, body);
      if (intercept.kind === 'forward-then-fail') {
        response.writeHead(intercept.status, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ errors: [{ code: 'UNAVAILABLE', message: 'injected by the test front' }] }),
        );
        return;
      }
      if (intercept.kind === 'forward-then') await intercept.after();
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    } catch (error) {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, listenHost, resolve));
  const { port } = server.address() as AddressInfo;
  const host = `${listenHost}:${port}`;
  url = `http://${host}`;
  return {
    host,
    url,
    requests,
    tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
