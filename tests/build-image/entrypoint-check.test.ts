import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skopeoPush, writeBaseLayout } from '../image/support';
import { localEnv, runCli } from '../support/cli';
import { startRegistry, type TestRegistry } from '../support/registry';

/**
 * build-image refuses an image that cannot start: its entrypoint's program is in neither the base's layers
 * nor the added files. Bases are local images written by Python's tarfile (tests/image/support.ts).
 */

let dir: string;
let registry: TestRegistry;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlci-entrypoint-'));
  await mkdir(join(dir, 'model'));
  await writeFile(join(dir, 'model/model.json'), '{}');
  await writeFile(join(dir, 'serve.py'), 'print("serving")\n');
  // A slim-like base without Python, and one with it where python:3.12-slim has it, PATH in its config.
  await writeBaseLayout(join(dir, 'bases'), 'debian', [
    { os: 'linux', architecture: 'amd64', files: { 'bin/sh': '#!\n', 'etc/os-release': 'debian\n' } },
  ]);
  await writeBaseLayout(join(dir, 'python-base'), 'python', [
    {
      os: 'linux',
      architecture: 'amd64',
      files: { 'bin/sh': '#!\n', 'usr/local/bin/python': '#!\n' },
      env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'PYTHON_VERSION=3.12.7'],
    },
  ]);
  registry = await startRegistry();
  await skopeoPush(join(dir, 'python-base'), 'python', `${registry.host}/library/python:3.12-slim`);
  await skopeoPush(join(dir, 'bases'), 'debian', `${registry.host}/library/debian:12-slim`);
}, 60_000);

afterAll(async () => {
  await registry?.close();
  await rm(dir, { recursive: true, force: true });
});

const build = (...args: string[]) =>
  runCli(
    [
      'build-image',
      '--model',
      'model',
      '--add',
      'serve.py:/app/serve.py',
      '--tag',
      't',
      '--insecure-registry',
      ...args,
    ],
    { cwd: dir, env: localEnv() },
  );

test('python on scratch is refused with the base to use', async () => {
  const result = await build('--entrypoint', '["python", "/app/serve.py"]');
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(
    /entrypoint 'python' is not in the image \(looked for in PATH: .*\/usr\/local\/bin.*\): the base is scratch, .*use a base with Python, e\.g\. --base python:3\.12-slim/,
  );
});

test('a base without python is refused, from a layout and from a registry; cmd counts without entrypoint', async () => {
  const fromLayout = await build('--base', 'oci:bases:debian', '--entrypoint', 'python /app/serve.py');
  expect(fromLayout.status).toBe(2);
  expect(fromLayout.stderr).toMatch(
    /entrypoint 'python' is not in the image .*the base oci:bases:debian does not have it/,
  );
  const fromRegistry = await build(
    '--base',
    `${registry.host}/library/debian:12-slim`,
    '--cmd',
    '/usr/bin/python3 /app/serve.py',
  );
  expect(fromRegistry.status).toBe(2);
  expect(fromRegistry.stderr).toMatch(
    /cmd '\/usr\/bin\/python3' is not in the image: the base .*debian:12-slim does not have it/,
  );
});

test('python in a base layer on its PATH passes; so does a program the build adds', async () => {
  const layout = await build(
    '--base',
    'oci:python-base:python',
    '--entrypoint',
    '["python", "/app/serve.py"]',
  );
  expect({ status: layout.status, stderr: layout.stderr }).toMatchObject({ status: 0 });
  const pushed = await build(
    '--base',
    `${registry.host}/library/python:3.12-slim`,
    '--entrypoint',
    '["python", "/app/serve.py"]',
    '--oci-layout',
    'image2',
  );
  expect({ status: pushed.status, stderr: pushed.stderr }).toMatchObject({ status: 0 });
  // An absolute program that only the added files hold: on scratch, still fine.
  const own = await build('--entrypoint', '["/app/serve.py"]', '--oci-layout', 'image3');
  expect({ status: own.status, stderr: own.stderr }).toMatchObject({ status: 0 });
});
