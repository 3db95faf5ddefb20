import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BuildImageStepResult } from '@mlci/core';
import { writeBaseLayout } from '../image/support';
import { localEnv, runCli, withTempDir } from '../support/cli';

/**
 * The build-image report says what a container of the image runs, as the image's config has it (the base's
 * settings where the build set none), so a reviewer sees the program, its user and environment without pulling
 * the image; values of variables whose names look secret are masked in the report and the JSON result, while the
 * image (read back by skopeo, not mlci) holds them, as the report warns.
 */
const run = promisify(execFile);

test('entrypoint, cmd, workdir, user and env as the image has them; secret-looking values masked', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'serve.py'), 'print("serving")\n');
    // A python:3.12-slim-like base: python on PATH, a Cmd, a GPG_KEY (a public key id, masked all the same).
    await writeBaseLayout(join(dir, 'base'), 'python', [
      {
        os: 'linux',
        architecture: 'amd64',
        files: { 'usr/local/bin/python': '#!\n' },
        env: [
          'PATH=/usr/local/bin:/usr/bin:/bin',
          'GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305',
          'PYTHON_VERSION=3.12.7',
        ],
        cmd: ['python3'],
      },
    ]);
    const built = await runCli(
      [
        'build-image',
        '--base',
        'oci:base:python',
        '--add',
        'serve.py:/app/serve.py',
        '--entrypoint',
        '["python", "/app/serve.py"]',
        '--env',
        'HF_TOKEN=hf_s3cret',
        '--env',
        'MODE=prod',
        '--workdir',
        '/app',
        '--user',
        '1000:1000',
        '--oci-layout',
        'image',
        '--tag',
        '1',
        '--out',
        'reports',
      ],
      { cwd: dir, env: localEnv() },
    );
    expect(built.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(built.status).toBe(0);
    const json = await readFile(join(dir, 'reports/build-image.json'), 'utf8');
    const markdown = await readFile(join(dir, 'reports/build-image.md'), 'utf8');
    // docker's rule: an entrypoint set without a cmd clears the base's Cmd.
    expect((JSON.parse(json) as BuildImageStepResult).container).toEqual({
      entrypoint: ['python', '/app/serve.py'],
      cmd: null,
      env: {
        PATH: '/usr/local/bin:/usr/bin:/bin',
        GPG_KEY: null,
        PYTHON_VERSION: '3.12.7',
        HF_TOKEN: null,
        MODE: 'prod',
      },
      workdir: '/app',
      user: '1000:1000',
    });
    expect(markdown).toContain('### What the container runs');
    expect(markdown).toContain('| entrypoint | `["python","/app/serve.py"]` |');
    expect(markdown).toContain('| cmd | none |');
    expect(markdown).toContain('| workdir | `/app` |');
    expect(markdown).toContain('| user | `1000:1000` |');
    expect(markdown).toContain('| `MODE` | `prod` |');
    expect(markdown).toContain('| `HF_TOKEN` | (masked) |');
    expect(markdown).toContain(
      '`GPG_KEY`, `HF_TOKEN`: masked here because the name looks secret; the value is in the image',
    );
    for (const text of [json, markdown, built.stdout, built.stderr]) {
      expect(text).not.toContain('hf_s3cret');
      expect(text).not.toContain('7169605F62C751356D054A26A821E680E5FA6305');
    }
    // The image itself holds the value: what the report's warning says.
    const config = JSON.parse(
      (await run('skopeo', ['inspect', '--config', `oci:${join(dir, 'image')}:1`])).stdout,
    ) as { config: { Env: string[]; Entrypoint: string[]; WorkingDir: string; User: string } };
    expect(config.config.Env).toContain('HF_TOKEN=hf_s3cret');
    expect(config.config.Entrypoint).toEqual(['python', '/app/serve.py']);
    expect([config.config.WorkingDir, config.config.User]).toEqual(['/app', '1000:1000']);
  });
}, 60_000);

test('scratch with nothing set: each setting says it is not set, and what a container then gets', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'server'), '#!/bin/sh\n');
    const built = await runCli(
      [
        'build-image',
        '--add',
        'server:/server',
        '--entrypoint',
        '/server',
        '--oci-layout',
        'image',
        '--out',
        'r',
      ],
      { cwd: dir, env: localEnv() },
    );
    expect(built.status).toBe(0);
    const markdown = await readFile(join(dir, 'r/build-image.md'), 'utf8');
    expect(markdown).toContain('| entrypoint | `["/server"]` |');
    expect(markdown).toContain('| workdir | not set: / |');
    expect(markdown).toContain('| user | not set: root |');
    expect(markdown).toContain('| env | none |');
  });
}, 60_000);
