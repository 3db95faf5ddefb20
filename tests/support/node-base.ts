import { skopeoPush, writeBaseLayout } from '../image/support';
import { withTempDir } from './cli';
import type { TestRegistry } from './registry';

/**
 * The Node.js base a serving image is built on (docs/build-image.md's `--base node:22-slim`). The test machine
 * cannot pull node:22-slim, so a test's registry holds a stand-in under its name: one layer with
 * /usr/local/bin/node where the real image has it, and the real image's PATH and Cmd, which is what build-image
 * checks (the entrypoint's program is in the image). It holds no real Node.js: a test that serves from the
 * unpacked image runs its server with this machine's node.
 */
export const nodeStandIn = {
  path: 'usr/local/bin/node',
  content: '#!stand-in for node\n',
  env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'NODE_VERSION=22.12.0'],
} as const;

/** Pushes the stand-in to `registry` as library/node:22-slim; its reference there, for `--base`. */
export async function pushNodeBase(registry: Pick<TestRegistry, 'host'>): Promise<string> {
  const reference = `${registry.host}/library/node:22-slim`;
  await withTempDir(async (dir) => {
    await writeBaseLayout(dir, 'node', [
      {
        os: 'linux',
        architecture: 'amd64',
        files: { [nodeStandIn.path]: nodeStandIn.content },
        env: [...nodeStandIn.env],
        cmd: ['node'],
      },
    ]);
    await skopeoPush(dir, 'node', reference);
  });
  return reference;
}
