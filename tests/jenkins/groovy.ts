import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/cli';

/** Debian's groovy 2.4 runs on Java 17 (the default JRE of Debian 12). */
export const javaHome = '/usr/lib/jvm/java-17-openjdk-amd64';

/**
 * Starts a harness script of tests/ with Debian's groovy, the shared library's loader (tests/jenkins) on its
 * class path, in a clean environment: the vars must see Jenkins, not the CI that runs these tests.
 */
function spawnGroovy(script: string, args: string[], home: string) {
  return spawn('groovy', ['-cp', join(repoRoot, 'tests/jenkins'), join(repoRoot, script), ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, JAVA_HOME: javaHome, LANG: 'C.UTF-8' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/**
 * Runs a harness script once. Async, so a loopback server in this process can answer while the script runs.
 * Returns its stdout as JSON.
 */
export async function runGroovyHarness<T>(script: string, args: string[], home: string): Promise<T> {
  const child = spawnGroovy(script, args, home);
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (status !== 0) throw new Error(`groovy ${script} failed (${status}): ${stderr}`);
  return JSON.parse(stdout) as T;
}

/** A harness script that answers each JSON line written to it with a JSON line (starting groovy takes seconds). */
export interface GroovyServer {
  request<T>(input: unknown): Promise<T>;
  close(): Promise<void>;
}

export function startGroovyServer(script: string, args: string[], home: string): GroovyServer {
  const child = spawnGroovy(script, args, home);
  const waiting: { resolve(line: string): void; reject(error: Error): void }[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      waiting.shift()?.resolve(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const closed = new Promise<void>((resolve) => {
    const fail = (why: string) => {
      for (const request of waiting.splice(0))
        request.reject(new Error(`groovy ${script} ${why}: ${stderr}`));
      resolve();
    };
    child.on('error', (error) => fail(`did not start (${error.message})`));
    child.on('close', (status) => fail(`exited (${status})`));
  });
  return {
    request: <T>(input: unknown) =>
      new Promise<T>((resolve, reject) => {
        waiting.push({ resolve: (line) => resolve(JSON.parse(line) as T), reject });
        child.stdin.write(`${JSON.stringify(input)}\n`);
      }),
    close: async () => {
      child.stdin.end();
      await closed;
    },
  };
}
