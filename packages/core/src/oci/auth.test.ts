import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { InputError } from '../errors';
import { findCredentials, parseChallenges } from './auth';

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mlci-oci-auth-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const base64 = (text: string) => Buffer.from(text).toString('base64');

/** A directory holding a config.json (docker) or auth.json (podman) with this content. */
async function configDirectory(name: string, content: unknown, file = 'config.json'): Promise<string> {
  const directory = join(scratch, name);
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, file), JSON.stringify(content));
  return directory;
}

const noHome = { HOME: '/nonexistent-mlci-home' };

describe('findCredentials', () => {
  test('MLCI_REGISTRY_USERNAME/PASSWORD come first, for any host', async () => {
    const dockerConfig = await configDirectory('first', {
      auths: { 'registry.example': { auth: base64('docker:pw') } },
    });
    const found = await findCredentials('registry.example', 'team/models', {
      env: {
        ...noHome,
        DOCKER_CONFIG: dockerConfig,
        MLCI_REGISTRY_USERNAME: 'robot',
        MLCI_REGISTRY_PASSWORD: 'pw',
      },
    });
    expect(found).toEqual({ username: 'robot', secret: 'pw', source: 'MLCI_REGISTRY_USERNAME/PASSWORD' });
  });

  test('one of the two MLCI variables alone is an input error naming the missing one', async () => {
    await expect(
      findCredentials('registry.example', 'x', { env: { ...noHome, MLCI_REGISTRY_USERNAME: 'robot' } }),
    ).rejects.toThrow(
      new InputError('MLCI_REGISTRY_USERNAME is set but MLCI_REGISTRY_PASSWORD is not: set both, or neither'),
    );
  });

  test("GitLab CI's job credentials for its own registry only, GITHUB_TOKEN for ghcr.io only", async () => {
    const gitlab = {
      CI_REGISTRY: 'gitlab.example:5050',
      CI_REGISTRY_USER: 'gitlab-ci-token',
      CI_REGISTRY_PASSWORD: 'job-token',
    };
    expect(
      await findCredentials('gitlab.example:5050', 'group/project/models', { env: { ...noHome, ...gitlab } }),
    ).toEqual({
      username: 'gitlab-ci-token',
      secret: 'job-token',
      source: 'CI_REGISTRY_USER/PASSWORD',
    });
    expect(
      await findCredentials('other.example', 'models', { env: { ...noHome, ...gitlab } }),
    ).toBeUndefined();

    const github = { GITHUB_TOKEN: 'ghs_token', GITHUB_ACTOR: 'octocat' };
    expect(await findCredentials('ghcr.io', 'octocat/models', { env: { ...noHome, ...github } })).toEqual({
      username: 'octocat',
      secret: 'ghs_token',
      source: 'GITHUB_TOKEN',
    });
    expect(
      (await findCredentials('ghcr.io', 'o/m', { env: { ...noHome, GITHUB_TOKEN: 't' } }))?.username,
    ).toBe('token');
    expect(
      await findCredentials('registry.example', 'o/m', { env: { ...noHome, ...github } }),
    ).toBeUndefined();
  });

  test("docker's config.json: auths keyed by host or by URL, DOCKER_CONFIG or ~/.docker", async () => {
    const dockerConfig = await configDirectory('docker', {
      auths: {
        'https://registry.example/v1/': { auth: base64('url-user:url-pw') },
        'localhost:5000': { auth: base64('local:pw:with:colons') },
        'token.example': { identitytoken: 'refresh-token' },
      },
    });
    const env = { ...noHome, DOCKER_CONFIG: dockerConfig };
    expect(await findCredentials('registry.example', 'm', { env })).toEqual({
      username: 'url-user',
      secret: 'url-pw',
      source: `${join(dockerConfig, 'config.json')} (auths)`,
    });
    expect((await findCredentials('localhost:5000', 'm', { env }))?.secret).toBe('pw:with:colons');
    expect(await findCredentials('token.example', 'm', { env })).toMatchObject({
      username: '<token>',
      secret: 'refresh-token',
    });
    expect(await findCredentials('localhost:5001', 'm', { env })).toBeUndefined();

    const home = join(scratch, 'home');
    await configDirectory(join('home', '.docker'), { auths: { 'home.example': { auth: base64('h:p') } } });
    expect((await findCredentials('home.example', 'm', { env: { HOME: home } }))?.source).toBe(
      `${join(home, '.docker', 'config.json')} (auths)`,
    );
  });

  test("podman's auth.json (REGISTRY_AUTH_FILE or XDG_RUNTIME_DIR): the most specific namespace wins", async () => {
    const directory = await configDirectory(
      'podman',
      {
        auths: {
          'registry.example': { auth: base64('host:pw') },
          'registry.example/team': { auth: base64('team:pw') },
          'registry.example/team/models/special': { auth: base64('special:pw') },
        },
      },
      'auth.json',
    );
    const env = { ...noHome, REGISTRY_AUTH_FILE: join(directory, 'auth.json') };
    expect((await findCredentials('registry.example', 'team/models', { env }))?.username).toBe('team');
    expect((await findCredentials('registry.example', 'team/models/special', { env }))?.username).toBe(
      'special',
    );
    expect((await findCredentials('registry.example', 'teamwork/models', { env }))?.username).toBe('host');

    const runtime = join(scratch, 'runtime');
    await configDirectory(
      join('runtime', 'containers'),
      { auths: { 'xdg.example': { auth: base64('xdg:pw') } } },
      'auth.json',
    );
    expect(
      (await findCredentials('xdg.example', 'm', { env: { ...noHome, XDG_RUNTIME_DIR: runtime } }))?.username,
    ).toBe('xdg');
  });

  test('credHelpers and credsStore run docker-credential-<name> get with the host on stdin', async () => {
    // A credential helper is any program that speaks docker-credential-helpers' protocol: this one is a user's own.
    const bin = join(scratch, 'bin');
    await mkdir(bin, { recursive: true });
    const helper = join(bin, 'docker-credential-mlcitest');
    await writeFile(
      helper,
      [
        '#!/bin/sh',
        '[ "$1" = get ] || exit 2',
        'read -r server',
        'case "$server" in',
        '  helper.example) printf \'{"ServerURL":"%s","Username":"helped","Secret":"from-helper"}\' "$server" ;;',
        '  store.example) printf \'{"ServerURL":"%s","Username":"stored","Secret":"from-store"}\' "$server" ;;',
        '  *) echo "credentials not found in native keychain"; exit 1 ;;',
        'esac',
      ].join('\n'),
    );
    await chmod(helper, 0o755);
    const dockerConfig = await configDirectory('helpers', {
      credHelpers: { 'helper.example': 'mlcitest', 'missing.example': 'not-installed' },
      credsStore: 'mlcitest',
    });
    const env = { ...noHome, DOCKER_CONFIG: dockerConfig, PATH: `${bin}:${process.env.PATH}` };
    const warnings: string[] = [];
    const logger = { info: () => {}, debug: () => {}, warn: (message: string) => warnings.push(message) };
    expect(await findCredentials('helper.example', 'm', { env, logger })).toEqual({
      username: 'helped',
      secret: 'from-helper',
      source: `${join(dockerConfig, 'config.json')} (credHelpers: docker-credential-mlcitest)`,
    });
    expect((await findCredentials('store.example', 'm', { env, logger }))?.source).toContain(
      '(credsStore: docker-credential-mlcitest)',
    );
    expect(await findCredentials('nothing.example', 'm', { env, logger })).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(await findCredentials('missing.example', 'm', { env, logger })).toBeUndefined();
    expect(warnings).toEqual([
      expect.stringContaining('docker-credential-not-installed get failed for missing.example'),
    ]);
  });
});

describe('parseChallenges', () => {
  test('Bearer with quoted values holding commas and spaces; Basic', () => {
    expect(
      parseChallenges(
        'Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push repository:c:pull",error="insufficient_scope"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.example/token',
          service: 'registry.example',
          scope: 'repository:a/b:pull,push repository:c:pull',
          error: 'insufficient_scope',
        },
      },
    ]);
    expect(parseChallenges('Basic realm="Registry Realm"')).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
    ]);
  });
});
