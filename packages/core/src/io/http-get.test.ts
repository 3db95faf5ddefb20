import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from '@jest/globals';
import { ServiceError } from '../errors';
import { httpGet } from './http-get';

/** Two loopback servers on two origins: `api` redirects, `storage` serves; both record what they were sent. */
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(
  handle: (
    path: string,
    headers: IncomingHttpHeaders,
  ) => { status: number; headers?: Record<string, string>; body?: string },
) {
  const seen: { path: string; token: string | undefined }[] = [];
  const server = createServer((request, response) => {
    seen.push({ path: request.url ?? '', token: request.headers['private-token'] as string | undefined });
    const answer = handle(request.url ?? '', request.headers);
    response.writeHead(answer.status, answer.headers ?? {});
    response.end(answer.body ?? '');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const options = { service: 'Test CI', credentials: { 'private-token': 'secret' }, retry: { delayMs: 5 } };

test('credentials follow a redirect on the same origin but never to another one', async () => {
  const storage = await serve(() => ({ status: 200, body: 'the archive' }));
  const api = await serve((path) =>
    path === '/first'
      ? { status: 301, headers: { location: '/second' } }
      : { status: 302, headers: { location: `${storage.url}/blob?sig=abc` } },
  );
  const answer = await httpGet(`${api.url}/first`, options);
  expect(answer.body.toString()).toBe('the archive');
  expect(answer.url).toBe(`${storage.url}/blob?sig=abc`);
  expect(api.seen).toEqual([
    { path: '/first', token: 'secret' },
    { path: '/second', token: 'secret' },
  ]);
  expect(storage.seen).toEqual([{ path: '/blob?sig=abc', token: undefined }]);
});

test('4xx answers are returned, not retried', async () => {
  const api = await serve(() => ({ status: 404, body: '{"message":"404 Not found"}' }));
  const answer = await httpGet(`${api.url}/x`, options);
  expect([answer.status, answer.statusText, answer.body.toString()]).toEqual([
    404,
    'Not Found',
    '{"message":"404 Not found"}',
  ]);
  expect(api.seen).toHaveLength(1);
});

test('a redirect loop, a body over the limit, persistent 5xx: service errors without the query', async () => {
  const loop = await serve(() => ({ status: 302, headers: { location: '/again?token=x' } }));
  await expect(httpGet(`${loop.url}/start`, options)).rejects.toThrow(
    new ServiceError(`Test CI: more than 5 redirects from ${loop.url}/start`),
  );
  const big = await serve((path) => ({
    status: 200,
    headers: (path.startsWith('/sized') ? { 'content-length': '2000' } : {}) as Record<string, string>,
    body: 'x'.repeat(2000),
  }));
  await expect(httpGet(`${big.url}/sized?sig=secret`, { ...options, maxBytes: 1000 })).rejects.toThrow(
    `Test CI: ${big.url}/sized: the answer declares 2000 bytes, more than the limit of 1000 bytes`,
  );
  // Chunked, without a length: the limit is checked while reading.
  await expect(httpGet(`${big.url}/chunked`, { ...options, maxBytes: 1000 })).rejects.toThrow(
    `Test CI: ${big.url}/chunked: the answer is over the limit of 1000 bytes`,
  );
  expect((await httpGet(`${big.url}/chunked`, { ...options, maxBytes: 2000 })).body.length).toBe(2000);
  const down = await serve(() => ({ status: 500 }));
  await expect(httpGet(`${down.url}/x?sig=secret`, options)).rejects.toThrow(
    `Test CI answered 500 Internal Server Error for ${down.url}/x (after 3 attempts)`,
  );
  expect(down.seen).toHaveLength(3);
});
