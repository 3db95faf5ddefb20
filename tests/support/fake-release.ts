import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A release's download server on 127.0.0.1, standing in for GitHub's `releases/download/v<version>/<asset>`:
 * for every version it serves `mlci-linux-x64` and `mlci-linux-arm64` (a tiny sh script in place of the real
 * executable, which helper tests/ship/binary.test.ts runs) and their SHA256SUMS. The fake executable prints
 * `fake-mlci:` and then its path and each argument on a line, so a test reads the exact command line.
 * `corrupt` serves a SHA256SUMS that does not match, as a tampered download would.
 */
export interface FakeRelease {
  /** MLCI_BINARY_BASE_URL for the install script. */
  baseUrl: string;
  /** The paths requested, in order. */
  requests: string[];
  corrupt: boolean;
  close(): Promise<void>;
}

export const fakeExecutable = `#!/bin/sh
echo "fake-mlci: $0"
for argument in "$@"; do echo "fake-mlci: $argument"; done
`;

/** The command line the fake executable printed in `output` (its path first), or [] when it did not run. */
export function fakeCommandLine(output: string): string[] {
  return [...output.matchAll(/fake-mlci: (.*)$/gm)].map((match) => match[1] as string);
}

export async function startFakeRelease({ corrupt = false } = {}): Promise<FakeRelease> {
  const digest = createHash('sha256').update(fakeExecutable).digest('hex');
  const assets = ['mlci-linux-x64', 'mlci-linux-arm64'];
  const requests: string[] = [];
  let server: Server | undefined;
  const release: FakeRelease = {
    baseUrl: '',
    requests,
    corrupt,
    close: () => new Promise((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
  server = createServer((request, response) => {
    const path = request.url ?? '';
    requests.push(path);
    const file = /^\/v[^/]+\/([^/]+)$/.exec(path)?.[1];
    if (file && assets.includes(file)) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(fakeExecutable);
    } else if (file === 'SHA256SUMS') {
      const sum = release.corrupt ? '0'.repeat(64) : digest;
      response.writeHead(200).end(assets.map((asset) => `${sum}  ${asset}\n`).join(''));
    } else {
      response.writeHead(404).end('Not Found');
    }
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  release.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return release;
}
