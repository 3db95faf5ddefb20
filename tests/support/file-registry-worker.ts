// A separate process that writes to a file: registry, for tests of concurrent and killed writers. Bundled
// with esbuild by the test, run as `node worker.mjs JOB.json`: it prints `ready`, waits for its stdin to close
// (so several workers start together), then does the job and prints one JSON outcome line per step:
// registrations (`{version, created}`), alias moves (`{moved: digest}` or `{conflict: message}`), and toggles
// (an alias moved back and forth between two versions, each move from the state the previous one left,
// `{toggled: version}` each, until the count is reached or the process is killed).
import { readFile } from 'node:fs/promises';
import { openFileRegistry } from '../../packages/core/src/registry/file';
import {
  AliasConflict,
  type PromotionRecord,
  type RegisterRequest,
} from '../../packages/core/src/registry/registry';

export interface WorkerJob {
  registry: string;
  cwd: string;
  registrations: (Omit<RegisterRequest, 'attachments'> & { lineage: string })[];
  moves?: PromotionRecord[];
  toggle?: { model: string; alias: string; versions: [string, string]; count: number };
}

const job = JSON.parse(await readFile(process.argv[2] as string, 'utf8')) as WorkerJob;
const logger = {
  info() {},
  warn: (message: string) => process.stderr.write(`${message}\n`),
  debug: (message: string) => process.stderr.write(`${message}\n`),
};
const registry = await openFileRegistry(job.registry, { cwd: job.cwd, env: process.env, logger });
const print = (outcome: unknown) => process.stdout.write(`${JSON.stringify(outcome)}\n`);
process.stdout.write('ready\n');
process.stdin.resume();
await new Promise((resolve) => process.stdin.on('end', resolve));
for (const { lineage, ...request } of job.registrations) {
  const outcome = await registry.register({
    ...request,
    attachments: [
      { kind: 'lineage', mediaType: 'application/json', content: new TextEncoder().encode(lineage) },
    ],
  });
  print({ version: outcome.version.version, created: outcome.created });
}
for (const record of job.moves ?? []) {
  try {
    print({ moved: (await registry.moveAlias(record)).digest });
  } catch (error) {
    if (!(error instanceof AliasConflict)) throw error;
    print({ conflict: error.message });
  }
}
if (job.toggle) {
  const { model, alias, versions, count } = job.toggle;
  let holder: string | null =
    (await registry.listModels()).find((each) => each.name === model)?.aliases[alias] ?? null;
  for (let done = 0; done < count; done++) {
    const version = holder === versions[0] ? versions[1] : versions[0];
    await registry.moveAlias({
      model,
      alias,
      version,
      previous: holder,
      action: 'promote',
      time: new Date().toISOString(),
      evidence: [],
    });
    print({ toggled: version });
    holder = version;
  }
}
