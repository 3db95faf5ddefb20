import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/cli';

/** Debian's groovy 2.4 runs on Java 17 (the default JRE of Debian 12). */
export const javaHome = '/usr/lib/jvm/java-17-openjdk-amd64';

/**
 * Runs a harness script of tests/ with Debian's groovy, the shared library's loader (tests/jenkins) on its
 * class path, in a clean environment: the vars must see Jenkins, not the CI that runs these tests.
 * Async, so a loopback server in this process can answer while the script runs. Returns its stdout as JSON.
 */
export async function runGroovyHarness<T>(script: string, args: string[], home: string): Promise<T> {
  const child = spawn('groovy', ['-cp', join(repoRoot, 'tests/jenkins'), join(repoRoot, script), ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, JAVA_HOME: javaHome, LANG: 'C.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
