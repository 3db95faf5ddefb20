import { execFile } from 'node:child_process';
import { basename } from 'node:path';
import { parseJson } from '../../io/json';

/** The Python that a training command runs, as that interpreter describes itself. */
export interface PythonEnvironment {
  /** How the command line calls it, e.g. `python3`, `.venv/bin/python`, `uv run python`. */
  invocation: string;
  /** sys.executable: the real interpreter behind a pyenv shim; a venv's own python. */
  executable?: string;
  /** sys.version's first word, e.g. `3.11.2`. */
  version?: string;
  /** sys.implementation.name: `cpython`, `pypy`. */
  implementation?: string;
  /** sys.prefix: the venv or installation the libraries come from. */
  prefix?: string;
  /** The installed distributions as `name==version`, sorted as `pip freeze --all` lists them. */
  distributions?: string[];
  /** Distributions past the cap, left out of `distributions`. */
  distributionsOmitted?: number;
  /** Why the interpreter could not describe itself (not found, too old for importlib.metadata, timed out). */
  error?: string;
}

/** At most this many distributions are recorded: run.json stays readable for a conda env of thousands. */
export const maxDistributions = 2000;
const probeTimeoutMs = 20_000;
const maxOutputBytes = 4 * 1024 * 1024;

/**
 * Run by the command's interpreter: its identity and every distribution on its sys.path with its version.
 * importlib.metadata (Python 3.8+) needs no pip; the first of a name on sys.path wins, as for an import.
 */
const probe = `
import importlib.metadata as m, json, sys
found = {}
for d in m.distributions():
    name = d.metadata['Name']
    if name and name.lower() not in found:
        found[name.lower()] = name + '==' + (d.version or '')
print(json.dumps({'executable': sys.executable, 'version': sys.version.split()[0],
    'implementation': sys.implementation.name, 'prefix': sys.prefix,
    'distributions': sorted(found.values(), key=str.lower)}))
`;

/** Programs that run the command after them in a project's environment; their Python is the one to ask. */
const wrappers = new Set([
  'uv',
  'poetry',
  'pipenv',
  'pdm',
  'hatch',
  'rye',
  'pixi',
  'conda',
  'mamba',
  'micromamba',
  'env',
  'exec',
  'nice',
  'nohup',
  'timeout',
]);
/** Commands before the Python one that change which interpreter it gets, and are safe to run again. */
const setupCommands = new Set(['cd', '.', 'source', 'export']);

interface Word {
  text: string;
  start: number;
  end: number;
}

/** The words of each simple command of a shell line (split at ;, &, |, &&, ||, newlines), quotes removed. */
function simpleCommands(line: string): Word[][] {
  const commands: Word[][] = [[]];
  let word: Word | undefined;
  let quote: string | undefined;
  const finishWord = () => {
    if (word) commands[commands.length - 1]?.push(word);
    word = undefined;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (word) word.text += c;
      if (word) word.end = i + 1;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      word ??= { text: '', start: i, end: i + 1 };
      word.end = i + 1;
    } else if (/\s/.test(c) && c !== '\n') {
      finishWord();
    } else if (c === ';' || c === '&' || c === '|' || c === '\n' || c === '(' || c === ')') {
      finishWord();
      if (commands[commands.length - 1]?.length) commands.push([]);
    } else {
      word ??= { text: '', start: i, end: i };
      word.text += c;
      word.end = i + 1;
    }
  }
  finishWord();
  return commands.filter((words) => words.length > 0);
}

const isPython = (word: string) => /^(python|pypy)(\d+(\.\d+)*)?$/.test(basename(word));
const isAssignment = (word: string) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);

/**
 * How to ask the command's own Python about itself: the line's first simple command that runs a Python
 * interpreter (`python3 train.py`, `.venv/bin/python -m train`, `uv run python train.py`), cut after the
 * interpreter, preceded by the `cd`, `.`/`source` and `export` commands before it, which may pick another one.
 * Nothing else of the line runs. Undefined for a command that names no Python interpreter.
 */
export function pythonInvocation(line: string): { script: string; invocation: string } | undefined {
  const setup: string[] = [];
  for (const words of simpleCommands(line)) {
    let first = 0;
    while (first < words.length - 1 && isAssignment((words[first] as Word).text)) first++;
    const program = words[first] as Word;
    const start = (words[0] as Word).start;
    if (setupCommands.has(program.text)) {
      setup.push(line.slice(start, (words[words.length - 1] as Word).end));
      continue;
    }
    let at = -1;
    if (isPython(program.text)) at = first;
    else if (wrappers.has(basename(program.text)))
      at = words.findIndex((word, index) => index > first && isPython(word.text));
    if (at < 0) continue;
    const invocation = line.slice(start, (words[at] as Word).end);
    return { invocation, script: [...setup, `${invocation} -c "$MLCI_PYTHON_PROBE"`].join(' && ') };
  }
  return undefined;
}

/**
 * The environment of the Python a training command runs: asked from that interpreter itself, with the
 * command's working directory and environment, so a pyenv shim, a venv or `uv run` resolve as they do for the
 * command. Undefined for a command that names no Python; bounded in time (20 s) and size (2000 distributions).
 */
export async function commandPython(
  line: string,
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<PythonEnvironment | undefined> {
  const found = pythonInvocation(line);
  if (!found) return undefined;
  const { invocation, script } = found;
  const answer = await new Promise<{ stdout: string; error?: string }>((resolve) => {
    execFile(
      '/bin/sh',
      ['-c', script],
      {
        cwd: options.cwd,
        env: { ...options.env, MLCI_PYTHON_PROBE: probe },
        timeout: probeTimeoutMs,
        maxBuffer: maxOutputBytes,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout });
        const killed = (error as { killed?: boolean }).killed;
        const reason = killed
          ? `no answer within ${probeTimeoutMs / 1000} s`
          : (stderr.trim().split('\n').pop() ?? '') || error.message.split('\n')[0] || 'failed';
        resolve({ stdout, error: reason.slice(0, 300) });
      },
    );
  });
  if (answer.error !== undefined) return { invocation, error: answer.error };
  let described: Partial<PythonEnvironment> & { distributions?: unknown };
  try {
    described = parseJson(answer.stdout.trim().split('\n').pop() ?? '', 'python') as typeof described;
  } catch {
    return { invocation, error: 'the interpreter did not describe itself (no JSON on stdout)' };
  }
  const all = Array.isArray(described.distributions)
    ? described.distributions.filter((each): each is string => typeof each === 'string')
    : [];
  return {
    invocation,
    ...(typeof described.executable === 'string' ? { executable: described.executable } : {}),
    ...(typeof described.version === 'string' ? { version: described.version } : {}),
    ...(typeof described.implementation === 'string' ? { implementation: described.implementation } : {}),
    ...(typeof described.prefix === 'string' ? { prefix: described.prefix } : {}),
    distributions: all.slice(0, maxDistributions),
    ...(all.length > maxDistributions ? { distributionsOmitted: all.length - maxDistributions } : {}),
  };
}
