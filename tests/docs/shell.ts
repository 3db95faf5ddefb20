import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliBundle, repoRoot } from '../support/cli';

/** The version this release's docs must pin: `npx --yes @mlci/cli@<version>`, `@v<version>`, `@<version>`. */
export const cliVersion = (
  JSON.parse(readFileSync(join(repoRoot, 'packages/cli/package.json'), 'utf8')) as { version: string }
).version;

/** The shell words that run the CLI bundle of this checkout instead of an installed or downloaded mlci. */
export const localMlci = `'${process.execPath}' '${cliBundle}'`;

const npmScripts = Object.keys(
  (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts,
);

/** One command of a shell example. */
export type ShellCommand =
  /** Runs mlci: `script` is the command with the mlci words replaced by `localMlci`. */
  | { kind: 'run'; text: string; script: string; expectedExit: number }
  /** Not run here, for the reason given. */
  | { kind: 'not-run'; text: string; reason: string };

/** `mlci …` or `npx --yes @mlci/cli@<version> …` at the start of a command; the version is checked. */
export function rewriteMlci(command: string, problems: string[]): string | undefined {
  const npx = /^npx\s+(?:--yes\s+|-y\s+)?@mlci\/cli(?:@(\S+))?(?=\s|$)/.exec(command);
  if (npx) {
    if (npx[1] !== cliVersion)
      problems.push(`\`${command}\`: pins @mlci/cli@${npx[1] ?? '(none)'}, this release is ${cliVersion}`);
    if (!/\s(--yes|-y)\s/.test(`${npx[0]} `))
      problems.push(`\`${command}\`: without --yes npx stops to ask before installing`);
    return `${localMlci}${command.slice(npx[0].length)}`;
  }
  if (/^mlci(?=\s|$)/.test(command)) return `${localMlci}${command.slice('mlci'.length)}`;
  return undefined;
}

/** Tools the docs' examples use besides mlci; the test machine has each (tests/setup/system-deps.sh). */
const exampleTools = ['skopeo', 'umoci', 'printf', 'head', 'mv', 'cp', 'cat', 'echo'];

/** Commands of this repository's own development, which `npm test` itself runs or which set it up. */
function notRunReason(command: string, problems: string[]): string | undefined {
  if (command === 'npm ci') return 'installs the dependencies of this repository';
  if (command === 'npm test') return 'runs this very test suite';
  const script = /^npm run ([\w:-]+)$/.exec(command);
  if (script) {
    if (!npmScripts.includes(script[1] as string))
      problems.push(`\`${command}\`: package.json has no script ${script[1]}`);
    return `an npm script of this repository (tests/ runs what it runs)`;
  }
  return undefined;
}

/**
 * The commands of a shell example. `sh`/`bash`/`shell` blocks are all commands; `console` blocks are a
 * session, where commands follow `$ ` and the other lines are output. A line continued with `\` is one
 * command. A trailing `# exit N` says the command is expected to exit with N (0 otherwise).
 */
export function shellCommands(lang: string, text: string, problems: string[]): ShellCommand[] {
  const commands: string[] = [];
  let pending: string | undefined;
  for (const raw of text.split('\n')) {
    let line = raw.trim();
    if (pending === undefined) {
      if (lang === 'console') {
        if (!line.startsWith('$ ')) continue;
        line = line.slice(2).trim();
      }
      if (line === '' || line.startsWith('#')) continue;
    }
    const joined = pending === undefined ? line : `${pending} ${line}`;
    if (joined.endsWith('\\')) pending = joined.slice(0, -1).trimEnd();
    else {
      pending = undefined;
      commands.push(joined);
    }
  }
  if (pending !== undefined) problems.push(`\`${pending}\`: continued with \\ but the block ends`);

  return commands.map((text): ShellCommand => {
    const exit = /\s+#\s*exit\s+(\d+)\s*$/.exec(text);
    const command = exit ? text.slice(0, exit.index) : text;
    const expectedExit = exit ? Number(exit[1]) : 0;
    // `VAR=value mlci …`: the variables stay, the mlci words are replaced.
    const assignments = /^((?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)+)(?=\S)/.exec(command)?.[1] ?? '';
    const script = rewriteMlci(command.slice(assignments.length), problems);
    if (script !== undefined) return { kind: 'run', text, script: `${assignments}${script}`, expectedExit };
    // Plain tools an example may use around mlci (to look at a result, to change a file), run as written, each
    // part of a `&&` chain one of them: a `;`, pipe or command substitution would run something else unchecked.
    const unquoted = command.replace(/'[^']*'|"[^"]*"/g, "''");
    const words = command.split(/&&/).map((part) => part.trim().split(/\s+/)[0] ?? '');
    if (!/[;|`]|\$\(/.test(unquoted) && words.every((word) => exampleTools.includes(word)))
      return { kind: 'run', text, script: command, expectedExit };
    // Development commands may be chained (`npm ci && npm run demo`); each part must be one of them.
    const parts = command
      .replace(/\s+#.*$/, '')
      .split(/&&|;/)
      .map((part) => part.trim());
    const reasons = parts.map((part) => notRunReason(part, problems));
    if (reasons.every((reason) => reason !== undefined))
      return { kind: 'not-run', text, reason: reasons.join('; ') };
    problems.push(
      `\`${text}\`: not a command these tests know how to run or why to leave out (tests/docs/shell.ts)`,
    );
    return { kind: 'not-run', text, reason: 'unrecognized' };
  });
}

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script with bash as a CI job would: errexit and pipefail, no profile or rc files. */
export function runBash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A one-paragraph account of a run that went wrong, for a test failure message. */
export function describeRun(what: string, run: ScriptRun, expected = 0): string {
  const tail = (text: string) => text.trim().split('\n').slice(-15).join('\n');
  return `${what}: exit ${run.status}, expected ${expected}\n--- stderr\n${tail(run.stderr)}\n--- stdout\n${tail(run.stdout)}`;
}
