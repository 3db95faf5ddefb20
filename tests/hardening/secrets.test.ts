import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { firstLine } from '../../packages/core/src/errors';
import { maskUriCredentials } from '../../packages/core/src/report/mask-uri';
import { cliBundle, localEnv, runCli, withTempDir } from '../support/cli';

/**
 * Secrets (docs/security.md): a password in a URI never reaches an error, a log or a record. URI options
 * with credentials are refused (exit 2) before anything runs, with one line that masks them and names the
 * environment variables to use instead; any other message that picks up a URI has its userinfo masked.
 */

const password = 'S3cretPW';
const user = 'alice';

const registryVariables =
  'set MLCI_REGISTRY_USERNAME and MLCI_REGISTRY_PASSWORD (or a docker or podman auth file) instead';

/** The CLI's stderr: exit 2, exactly one line, `expected`, neither the password nor the user anywhere. */
async function refused(args: string[], cwd: string, expected: string): Promise<void> {
  if (!existsSync(cliBundle)) throw new Error(`${cliBundle} is missing: run \`node scripts/build.mjs\``);
  const result = await runCli(args, { cwd, env: localEnv() });
  const lines = result.stderr.trim().split('\n');
  expect([result.status, lines.at(-1)]).toEqual([2, expected]);
  expect(`${result.stdout}${result.stderr}`).not.toContain(password);
  expect(`${result.stdout}${result.stderr}`).not.toContain(user);
}

describe('credentials in URIs are refused before anything runs', () => {
  test('promote --registry oci://USER:PASSWORD@…', () =>
    withTempDir((dir) =>
      refused(
        [
          'promote',
          '--model',
          'churn',
          '--version',
          '1',
          '--to',
          'production',
          '--registry',
          `oci://${user}:${password}@127.0.0.1:1/models`,
        ],
        dir,
        `mlci: error: --registry 'oci://***@127.0.0.1:1/models': credentials in the URI are refused, since it is printed in messages, reports and records; ${registryVariables}`,
      ),
    ));

  test('train --cache-store oci://USER:PASSWORD@…: the command never runs', () =>
    withTempDir(async (dir) => {
      await refused(
        [
          'train',
          '--command',
          'touch ran',
          '--outputs',
          'out',
          '--cache-store',
          `oci://${user}:${password}@127.0.0.1:1/cache`,
        ],
        dir,
        `mlci: error: --cache-store 'oci://***@127.0.0.1:1/cache': credentials in the URI are refused, since it is printed in messages, reports and records; ${registryVariables}`,
      );
      expect(existsSync(join(dir, 'ran'))).toBe(false);
    }));

  test("mlci.yaml's train.registry, named by its line", () =>
    withTempDir(async (dir) => {
      await writeFile(
        join(dir, 'mlci.yaml'),
        `train:\n  command: touch ran\n  outputs: out\n  registry: oci://${user}:${password}@127.0.0.1:1/models\n`,
      );
      await refused(
        ['train'],
        dir,
        `mlci: error: mlci.yaml:4: train.registry 'oci://***@127.0.0.1:1/models': credentials in the URI are refused, since it is printed in messages, reports and records; ${registryVariables}`,
      );
      expect(existsSync(join(dir, 'ran'))).toBe(false);
    }));

  test('train --tracking mlflow+https://USER:PASSWORD@… names the MLflow variables', () =>
    withTempDir((dir) =>
      refused(
        [
          'train',
          '--command',
          'touch ran',
          '--outputs',
          'out',
          '--tracking',
          `mlflow+https://${user}:${password}@mlflow.example.com`,
        ],
        dir,
        "mlci: error: --tracking 'mlflow+https://***@mlflow.example.com': credentials in the URI are refused, since it is printed in messages, reports and records; set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD instead",
      ),
    ));

  test('model list --registry with an unknown scheme: refused, not echoed', () =>
    withTempDir((dir) =>
      refused(
        ['model', 'list', '--registry', `https://${user}:${password}@registry.example/models`],
        dir,
        `mlci: error: registry 'https://***@registry.example/models': credentials in the URI are refused, since it is printed in messages, reports and records; ${registryVariables}`,
      ),
    ));

  test('build-image --base USER:PASSWORD@host/repo and an --env error never show the secret', () =>
    withTempDir(async (dir) => {
      await mkdir(join(dir, 'model'));
      await writeFile(join(dir, 'model/weights.bin'), 'w');
      await refused(
        [
          'build-image',
          '--base',
          `${user}:${password}@registry.example/app:1`,
          '--model',
          'model',
          '--tag',
          'v1',
        ],
        dir,
        `mlci: error: --base: invalid image reference "***@registry.example/app:1": credentials in a reference are refused; ${registryVariables} (or scratch, or oci:DIRECTORY[:TAG])`,
      );
      await refused(
        [
          'build-image',
          '--base',
          'scratch',
          '--env',
          `BAD ${user.toUpperCase()}=${password}`,
          '--model',
          'model',
          '--tag',
          'v1',
        ],
        dir,
        'mlci: error: --env "BAD ALICE=…": expected KEY=VALUE with a variable name as KEY',
      );
    }));
});

describe('any message that picks up a URI masks its userinfo', () => {
  test('error lines (CLI and action) and log lines', () => {
    const error = new Error(
      `cannot reach https://${user}:${password}@git.example/o/r.git and oci://token@registry.example/m@sha256:${'a'.repeat(64)}\nsecond line`,
    );
    expect(firstLine(error)).toBe(
      `cannot reach https://***@git.example/o/r.git and oci://***@registry.example/m@sha256:${'a'.repeat(64)}`,
    );
    // A digest reference's `@` comes after the repository: not userinfo.
    expect(maskUriCredentials(`oci://registry.example/m@sha256:${'b'.repeat(64)}`)).toBe(
      `oci://registry.example/m@sha256:${'b'.repeat(64)}`,
    );
    // A password holding an unescaped `@`: masked up to the authority's last one.
    expect(maskUriCredentials(`oci://${user}:p@ss@host:5000/x`)).toBe('oci://***@host:5000/x');
  });
});
