import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * Runs a JavaScript action the way the GitHub runner does: `node <runs.main>` with one INPUT_<NAME> variable
 * per input (action.yml defaults filled in by us, as the runner does), the file-command files, and the
 * job's GITHUB_* variables. Nothing of the action is imported: only its committed bundle runs.
 */
export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Parsed from GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** Contents of GITHUB_STEP_SUMMARY. */
  summary: string;
}

export interface ActionRunOptions {
  /** Directory holding action.yml. */
  actionDir: string;
  /** Inputs as a workflow's `with:` gives them. */
  inputs: Record<string, string>;
  /** The job's variables (GITHUB_*, RUNNER_*). */
  env: Record<string, string>;
  /** What `${{ github.token }}` stands for. */
  githubToken: string;
  /** The workspace: the action's working directory. */
  cwd: string;
  /** Where the runner's per-step files go. */
  runnerTemp: string;
  /** The Node binary (the machine's by default). */
  node?: string;
  timeoutMs?: number;
}

interface ActionManifest {
  inputs?: Record<string, { default?: unknown }>;
  runs: { using: string; main: string };
}

/** The runner's name for an input's variable: upper-cased, spaces to underscores, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export async function runActionBundle(options: ActionRunOptions): Promise<ActionRun> {
  const manifest = parse(readFileSync(join(options.actionDir, 'action.yml'), 'utf8')) as ActionManifest;
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(manifest.inputs ?? {})) {
    if (spec.default === undefined) continue;
    // The only expression our defaults use; anything else would need the runner's evaluator.
    inputs[name] = String(spec.default).replace(/\$\{\{\s*github\.token\s*\}\}/g, options.githubToken);
    if (inputs[name].includes('${{'))
      throw new Error(`input ${name}: cannot evaluate default ${spec.default}`);
  }
  Object.assign(inputs, options.inputs);

  mkdirSync(options.runnerTemp, { recursive: true });
  const files = {
    GITHUB_OUTPUT: join(options.runnerTemp, 'set_output'),
    GITHUB_STEP_SUMMARY: join(options.runnerTemp, 'step_summary'),
    GITHUB_ENV: join(options.runnerTemp, 'set_env'),
    GITHUB_PATH: join(options.runnerTemp, 'add_path'),
    GITHUB_STATE: join(options.runnerTemp, 'save_state'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');

  // The runner passes its own network settings (proxy, extra CAs) on to every action.
  const network = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        /^(NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|https?_proxy|no_proxy)$/i.test(entry[0]) &&
        entry[1] !== undefined,
    ),
  );
  const env: Record<string, string> = {
    ...network,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? options.runnerTemp,
    RUNNER_TEMP: options.runnerTemp,
    GITHUB_WORKSPACE: options.cwd,
    GITHUB_ACTION_PATH: options.actionDir,
    ...files,
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;

  const child = spawn(options.node ?? process.execPath, [join(options.actionDir, manifest.runs.main)], {
    cwd: options.cwd,
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
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60000);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  }).finally(() => clearTimeout(timer));

  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseFileCommand(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
  };
}

/** Reads a GITHUB_OUTPUT/GITHUB_ENV file: `name=value` lines and `name<<DELIMITER` … `DELIMITER` blocks. */
export function parseFileCommand(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    const heredoc = line.match(/^([^=<]+)<<(.+)$/);
    if (heredoc) {
      const [, name, delimiter] = heredoc as [string, string, string];
      const end = lines.indexOf(delimiter, i + 1);
      if (end < 0) throw new Error(`${name}: no closing ${delimiter}`);
      values[name] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    const equals = line.indexOf('=');
    if (equals < 0) throw new Error(`not a file command line: ${line}`);
    values[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return values;
}
