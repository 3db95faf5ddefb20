// A process that moves an alias of a file: registry with the CLI's interrupt handling (handleInterrupts, exit
// 128 + signal after the cleanup), for tests/hardening/signals.test.ts. Bundled with esbuild by the test and run
// as `node worker.mjs DIR`: it registers version 1 of model churn in DIR/reg, prints `ready`, waits for its stdin
// to close (the test puts a FIFO where the alias file goes, so the move blocks while it holds its lock), then
// moves alias production to version 1.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSetOf } from '../../packages/core/src/io/file-set';
import { handleInterrupts } from '../../packages/core/src/process/interrupt';
import { openFileRegistry } from '../../packages/core/src/registry/file';

handleInterrupts({
  what: () => 'promote',
  exit: (code, line) => {
    process.stderr.write(`${line}\n`);
    process.exit(code);
  },
});
const dir = process.argv[2] as string;
const logger = { info() {}, warn() {}, debug() {} };
const registry = await openFileRegistry('file:reg', { cwd: dir, env: {}, logger });
await mkdir(join(dir, 'out'), { recursive: true });
await writeFile(join(dir, 'out', 'model.bin'), 'weights');
const digest = 'sha256:9a129038d9a00aed0cf6a7ea059ca50a813449061ab87848cf1a13eafdf33b2c';
await registry.register({
  model: 'churn',
  directory: join(dir, 'out'),
  fileSet: fileSetOf([{ path: 'model.bin', size: 7, digest, executable: false }]),
  labels: {},
  attachments: [],
});
process.stdout.write('ready\n');
process.stdin.resume();
await new Promise((resolve) => process.stdin.on('end', resolve));
await registry.moveAlias({
  model: 'churn',
  alias: 'production',
  version: '1',
  previous: null,
  action: 'promote',
  time: '2026-12-01T10:00:00.000Z',
  evidence: [],
});
process.stdout.write('moved\n');
