import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InputError, ServiceError } from '../errors';
import { bodyLimits, readBodyJson } from '../io/bounded-body';
import { parseJson } from '../io/json';
import type { Logger } from '../platform/platform';
import { RegistryStatusError, statusError } from './http';
import { isLoopbackHost } from './reference';

/** A user name and secret for one registry, and where they came from (named in errors, unlike the secret). */
export interface RegistryCredentials {
  username: string;
  /** A password or token; an OAuth2 refresh token when username is `<token>` (docker's identity tokens). */
  secret: string;
  source: string;
}

export interface CredentialLookup {
  env: NodeJS.ProcessEnv;
  logger?: Logger;
}

/** docker's marker for an identity (refresh) token in a helper's answer or a config's `identitytoken`. */
const identityTokenUser = '<token>';

/**
 * The credentials for host (and repository, for podman's per-namespace entries), first found wins:
 * MLCI_REGISTRY_USERNAME/PASSWORD; GitLab CI's job registry credentials for CI_REGISTRY; GITHUB_TOKEN for
 * ghcr.io; docker's config.json (credHelpers, auths, credsStore); podman/skopeo's auth.json.
 */
export async function findCredentials(
  host: string,
  repository: string,
  { env, logger }: CredentialLookup,
): Promise<RegistryCredentials | undefined> {
  const user = env.MLCI_REGISTRY_USERNAME;
  const password = env.MLCI_REGISTRY_PASSWORD;
  if (user && password)
    return { username: user, secret: password, source: 'MLCI_REGISTRY_USERNAME/PASSWORD' };
  if (user || password) {
    throw new InputError(
      `${user ? 'MLCI_REGISTRY_USERNAME' : 'MLCI_REGISTRY_PASSWORD'} is set but ${
        user ? 'MLCI_REGISTRY_PASSWORD' : 'MLCI_REGISTRY_USERNAME'
      } is not: set both, or neither`,
    );
  }
  const lowerHost = host.toLowerCase();
  if (env.CI_REGISTRY?.toLowerCase() === lowerHost && env.CI_REGISTRY_USER && env.CI_REGISTRY_PASSWORD) {
    return {
      username: env.CI_REGISTRY_USER,
      secret: env.CI_REGISTRY_PASSWORD,
      source: 'CI_REGISTRY_USER/PASSWORD',
    };
  }
  if (lowerHost === 'ghcr.io' && env.GITHUB_TOKEN) {
    return { username: env.GITHUB_ACTOR || 'token', secret: env.GITHUB_TOKEN, source: 'GITHUB_TOKEN' };
  }
  const home = env.HOME || homedir();
  const dockerConfig = join(env.DOCKER_CONFIG || join(home, '.docker'), 'config.json');
  const fromDocker = await fromAuthFile(dockerConfig, lowerHost, repository, env, logger);
  if (fromDocker) return fromDocker;
  const podmanFile =
    env.REGISTRY_AUTH_FILE ||
    (env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json') : '');
  return podmanFile ? fromAuthFile(podmanFile, lowerHost, repository, env, logger) : undefined;
}

interface AuthFile {
  auths?: Record<string, { auth?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** docker's config.json and containers' auth.json share this format. */
async function fromAuthFile(
  path: string,
  host: string,
  repository: string,
  env: NodeJS.ProcessEnv,
  logger: Logger | undefined,
): Promise<RegistryCredentials | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  let config: AuthFile;
  try {
    config = parseJson(text, path) as AuthFile;
  } catch {
    logger?.warn(`${path} is not JSON: its registry credentials are ignored`);
    return undefined;
  }
  const helper = entryFor(config.credHelpers, host, repository);
  if (typeof helper?.value === 'string') {
    return fromHelper(
      helper.value,
      helper.key,
      `${path} (credHelpers: docker-credential-${helper.value})`,
      env,
      logger,
    );
  }
  const auth = entryFor(config.auths, host, repository);
  if (auth?.value.identitytoken) {
    return {
      username: identityTokenUser,
      secret: auth.value.identitytoken,
      source: `${path} (auths identitytoken)`,
    };
  }
  if (auth?.value.auth) {
    const decoded = Buffer.from(auth.value.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      return {
        username: decoded.slice(0, colon),
        secret: decoded.slice(colon + 1),
        source: `${path} (auths)`,
      };
    }
    logger?.warn(`${path}: auths["${auth.key}"].auth is not base64 of user:password; ignored`);
  }
  if (config.credsStore) {
    return fromHelper(
      config.credsStore,
      host,
      `${path} (credsStore: docker-credential-${config.credsStore})`,
      env,
      logger,
    );
  }
  return undefined;
}

/**
 * The entry for host: keys may carry a scheme and a path (`https://host/v1/`); podman's may name a namespace
 * (`host/team`), and the longest one that contains the repository wins.
 */
function entryFor<T>(
  entries: Record<string, T> | undefined,
  host: string,
  repository: string,
): { key: string; value: T } | undefined {
  if (!entries) return undefined;
  const target = `${host}/${repository}`;
  let best: { key: string; value: T; length: number } | undefined;
  for (const [key, value] of Object.entries(entries)) {
    const normalized = key
      .toLowerCase()
      .replace(/^[a-z]+:\/\//, '')
      .replace(/\/v[12]\/?$/, '')
      .replace(/\/+$/, '');
    const slash = normalized.indexOf('/');
    const keyHost = slash < 0 ? normalized : normalized.slice(0, slash);
    if (keyHost !== host) continue;
    if (slash >= 0 && target !== normalized && !target.startsWith(`${normalized}/`)) continue;
    if (!best || normalized.length > best.length) best = { key, value, length: normalized.length };
  }
  return best && { key: best.key, value: best.value };
}

/** Runs `docker-credential-<name> get` (docker-credential-helpers' protocol: host on stdin, JSON out). */
async function fromHelper(
  name: string,
  server: string,
  source: string,
  env: NodeJS.ProcessEnv,
  logger: Logger | undefined,
): Promise<RegistryCredentials | undefined> {
  const program = `docker-credential-${name}`;
  const outcome = await new Promise<{ status: number | null; stdout: string; error?: Error }>((resolve) => {
    const child = spawn(program, ['get'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    // A helper waiting for a keyring unlock that never comes must not hang the run.
    const timer = setTimeout(() => child.kill(), 30_000);
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.resume();
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: null, stdout, error });
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(server);
  });
  if (outcome.error || outcome.status !== 0) {
    // "credentials not found in native keychain" is a normal miss; anything else is worth a warning.
    if (!/not found/i.test(outcome.stdout)) {
      logger?.warn(
        `${program} get failed for ${server} (${outcome.error?.message ?? `exit ${outcome.status}`}): ignored`,
      );
    }
    return undefined;
  }
  try {
    const answer = parseJson(outcome.stdout, program) as { Username?: string; Secret?: string };
    if (!answer.Secret) return undefined;
    return { username: answer.Username ?? '', secret: answer.Secret, source };
  } catch {
    logger?.warn(`${program} get answered something that is not JSON for ${server}: ignored`);
    return undefined;
  }
}

/** One authentication challenge (`WWW-Authenticate`), scheme lower-cased. */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `Bearer realm="…",service="…",scope="a b"` (quoted values may hold commas). */
export function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  const tokens = /\s*([A-Za-z][A-Za-z0-9._~+/-]*)\s*(=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*)))?\s*,?/gy;
  let current: Challenge | undefined;
  while (tokens.lastIndex < header.length) {
    const start = tokens.lastIndex;
    const match = tokens.exec(header);
    if (!match || tokens.lastIndex === start) break;
    const [, name, assignment, quoted, bare] = match;
    if (assignment === undefined) {
      // A bare word starts a new challenge (the scheme).
      current = { scheme: (name as string).toLowerCase(), params: {} };
      challenges.push(current);
    } else if (current) {
      current.params[(name as string).toLowerCase()] =
        quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '');
    }
  }
  return challenges;
}

export interface RegistryAuthOptions extends CredentialLookup {
  host: string;
  /** The repository (or prefix) the client works on, for per-namespace credentials. */
  repository: string;
  insecure?: boolean;
}

/**
 * Answers a registry's challenges: Basic with the credentials, or Bearer with a token fetched from the
 * challenge's realm for the request's scopes (with the credentials, or anonymously without). Tokens are
 * cached per scope set until they expire.
 */
export class RegistryAuth {
  private credentials: Promise<RegistryCredentials | undefined> | undefined;
  private challenge: Challenge | undefined;
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(private readonly options: RegistryAuthOptions) {}

  /** Where the credentials come from, for messages: never the secret. */
  async credentialSource(): Promise<string> {
    const credentials = await this.loadCredentials();
    return credentials ? `credentials from ${credentials.source}` : 'no credentials (anonymous)';
  }

  /** The Authorization header for a request with these scopes, as far as earlier challenges tell. */
  async authorization(scopes: readonly string[]): Promise<string | undefined> {
    if (!this.challenge) return undefined;
    if (this.challenge.scheme === 'basic') {
      const credentials = await this.loadCredentials();
      return credentials && basic(credentials);
    }
    const key = scopeKey(scopes);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > Date.now()) return `Bearer ${cached.token}`;
    return `Bearer ${await this.fetchToken(scopes)}`;
  }

  /**
   * Learns from a 401: true when the request is worth one more try (a new scheme, or a fresh token for the
   * scopes the challenge asks for), false when the credentials were already tried.
   */
  async answer(response: Response, scopes: readonly string[], sent: string | undefined): Promise<boolean> {
    const header = response.headers.get('www-authenticate');
    const challenge = header
      ? parseChallenges(header).find((each) => each.scheme === 'bearer' || each.scheme === 'basic')
      : undefined;
    if (!challenge) return false;
    if (challenge.scheme === 'basic') {
      const credentials = await this.loadCredentials();
      this.challenge = challenge;
      return credentials !== undefined && sent === undefined;
    }
    if (!challenge.params.realm) return false;
    this.challenge = challenge;
    const asked = challenge.params.scope ? challenge.params.scope.split(' ') : [];
    const wanted = [...new Set([...scopes, ...asked])];
    // A token was sent and refused for scopes it already had: a new one would not reach further,
    // unless the old one expired.
    if (
      sent !== undefined &&
      wanted.length === new Set(scopes).size &&
      challenge.params.error !== 'invalid_token'
    ) {
      return false;
    }
    const token = await this.fetchToken(wanted);
    this.tokens.set(scopeKey(scopes), {
      token,
      expiresAt: this.tokens.get(scopeKey(wanted))?.expiresAt ?? 0,
    });
    return true;
  }

  private loadCredentials(): Promise<RegistryCredentials | undefined> {
    this.credentials ??= findCredentials(this.options.host, this.options.repository, this.options);
    return this.credentials;
  }

  private async fetchToken(scopes: readonly string[]): Promise<string> {
    const challenge = this.challenge as Challenge;
    const realm = new URL(challenge.params.realm as string);
    if (
      realm.protocol !== 'https:' &&
      !(realm.protocol === 'http:' && (isLoopbackHost(realm.host) || this.options.insecure))
    ) {
      throw new ServiceError(
        `registry ${this.options.host} sends credentials to ${realm.origin}, which is not HTTPS: refused (allow it with the insecure registry option)`,
      );
    }
    const credentials = await this.loadCredentials();
    const unique = [...new Set(scopes)].sort();
    const service = challenge.params.service;
    let response: Response;
    if (credentials?.username === identityTokenUser) {
      // docker's OAuth2 flow for identity tokens: a POST with the refresh token.
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: credentials.secret,
        client_id: 'mlci',
      });
      if (service) form.set('service', service);
      if (unique.length > 0) form.set('scope', unique.join(' '));
      response = await fetch(realm, {
        method: 'POST',
        body: form,
        signal: AbortSignal.timeout(tokenTimeoutMs),
      });
    } else {
      if (service) realm.searchParams.set('service', service);
      for (const scope of unique) realm.searchParams.append('scope', scope);
      response = await fetch(realm, {
        ...(credentials && { headers: { authorization: basic(credentials) } }),
        signal: AbortSignal.timeout(tokenTimeoutMs),
      });
    }
    if (!response.ok) {
      throw await statusError(
        response,
        `token service ${realm.origin}${realm.pathname} for ${this.options.host}`,
      );
    }
    const body = (await readBodyJson(response, {
      maxBytes: bodyLimits.token,
      deadlineMs: tokenTimeoutMs,
      what: `token service ${realm.origin}${realm.pathname} for ${this.options.host}`,
    })) as { token?: string; access_token?: string; expires_in?: number } | null;
    if (body === null || typeof body !== 'object')
      throw new RegistryStatusError(502, undefined, `token service ${realm.origin} answered without a token`);
    const token = body.token || body.access_token;
    if (!token) {
      throw new RegistryStatusError(502, undefined, `token service ${realm.origin} answered without a token`);
    }
    // Renew a little early; the spec's default lifetime is 60 s.
    const lifetime = Math.max((body.expires_in ?? 60) - 10, 5) * 1000;
    this.tokens.set(scopeKey(unique), { token, expiresAt: Date.now() + lifetime });
    return token;
  }
}

/** A token service's whole answer (it is small, and a job must not hang on it). */
const tokenTimeoutMs = 60_000;

function basic(credentials: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.secret}`).toString('base64')}`;
}

function scopeKey(scopes: readonly string[]): string {
  return [...new Set(scopes)].sort().join(' ');
}
