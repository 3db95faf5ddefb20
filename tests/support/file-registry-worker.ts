// A separate process that registers model versions in a file: registry, for tests of concurrent and killed
// writers. Bundled with esbuild by the test (see bundleFileRegistryWorker), run as
// `node worker.mjs JOB.json`: it prints `ready`, waits for its stdin to close (so several workers start
// registering together), registers each job entry in order and prints one JSON outcome line each.
import { readFile } from 'node:fs/promises';
import { openFileRegistry } from '../../packages/core/src/registry/file';
import type { RegisterRequest } from '../../packages/core/src/registry/registry';

export interface WorkerJob {
  registry: string;
  cwd: string;
  registrations: (Omit<RegisterRequest, 'attachments'> & { lineage: string })[];
}

const job = JSON.parse(await readFile(process.argv[2] as string, 'utf8')) as WorkerJob;
const logger = { info() {}, warn() {}, debug: (message: string) => process.stderr.write(`${message}\n`) };
const registry = await openFileRegistry(job.registry, { cwd: job.cwd, env: process.env, logger });
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
  process.stdout.write(`${JSON.stringify({ version: outcome.version.version, created: outcome.created })}\n`);
}
