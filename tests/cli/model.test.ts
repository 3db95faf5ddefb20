import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSetOf, openRegistry, versionLabels } from '@mlci/core';
import { runCli, withTempDir } from '../support/cli';

const digestOf = (content: string) => `sha256:${createHash('sha256').update(content).digest('hex')}`;
const hex12 = (digest: string) => digest.slice(7, 19);
const quiet = { info() {}, warn() {}, debug() {} };

/** A run.json as train writes it (the fields `show` reads), for one registered version. */
function runRecord(runId: string, accuracy: number) {
  return {
    schema: 'mlci.run/v1',
    runId,
    command: 'node train.js',
    inputs: {
      patterns: ['data'],
      digest: digestOf(`inputs of ${runId}`),
      bytes: 2048,
      files: [
        { path: 'data/train.csv', size: 1024, digest: digestOf('a'), executable: false },
        { path: 'data/test.csv', size: 1024, digest: digestOf('b'), executable: false },
      ],
    },
    params: { lr: 0.1, epochs: 10 },
    metrics: { accuracy },
    git: { commit: 'c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffe', dirty: false, source: 'git' },
  };
}

/** Registers versions 1 and 2 of `churn` (2 has the alias production) in `registry` under dir. */
async function registerTwo(dir: string, registry: string): Promise<string[]> {
  const store = await openRegistry(registry, { cwd: dir, env: {}, logger: quiet });
  const digests: string[] = [];
  for (const [index, accuracy] of [0.91, 0.94].entries()) {
    const run = `run-${index + 1}`;
    const content = `{"weights":[${index}]}`;
    const directory = join(dir, `out-${index}`);
    await mkdir(directory, { recursive: true });
    await writeFile(join(directory, 'model.json'), content);
    const fileSet = fileSetOf([
      { path: 'model.json', size: content.length, digest: digestOf(content), executable: false },
    ]);
    digests.push(fileSet.digest);
    const record = runRecord(run, accuracy);
    await store.register({
      model: 'churn',
      directory,
      fileSet,
      labels: { [versionLabels.runId]: run, [versionLabels.revision]: record.git.commit },
      attachments: [
        {
          kind: 'lineage',
          mediaType: 'application/vnd.mlci.run.v1+json',
          content: new TextEncoder().encode(JSON.stringify(record)),
        },
      ],
    });
  }
  const aliases = join(dir, registry.slice('file:'.length), 'models/churn/aliases');
  await mkdir(aliases, { recursive: true });
  await writeFile(join(aliases, 'production'), '2\n');
  return digests;
}

test('model list and show: versions newest first with digest, files, aliases, run, commit and lineage', async () => {
  await withTempDir(async (dir) => {
    const digests = await registerTwo(dir, 'file:.mlci/registry');
    const list = await runCli(['model', 'list'], { cwd: dir });
    expect(list.status).toBe(0);
    expect(list.stdout).toBe(
      'models in file:.mlci/registry\n\nMODEL  VERSIONS  LATEST  ALIASES\nchurn  2         2       production=2\n',
    );

    const show = await runCli(['model', 'show', 'churn'], { cwd: dir });
    expect(show.status).toBe(0);
    const [header, second, first] = show.stdout.split('\n\n');
    expect(header).toBe('model churn in file:.mlci/registry: 2 versions');
    expect(second).toMatch(/^version 2 \(production\)\n/);
    expect(second).toContain(`  content     ${hex12(digests[1] as string)}, 1 file, 15 B\n`);
    expect(second).toContain('  run         run-2\n');
    expect(second).toContain('  commit      c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffe\n');
    expect(second).toContain('  command     node train.js\n');
    expect(second).toContain(`  inputs      ${hex12(digestOf('inputs of run-2'))}, 2 files, 2.0 KB\n`);
    expect(second).toContain('  params      lr=0.1, epochs=10\n');
    expect(second).toContain('  metrics     accuracy=0.94\n');
    expect(second).toContain('\n  attached    lineage\n');
    expect(second).toMatch(/\n {2}registered {2}\S+ {2}commit c0ffee0c0ffe {2}run run-2$/);
    expect(first).toMatch(/^version 1\n/);
    expect(first).toContain('  metrics     accuracy=0.91\n');

    const one = await runCli(['model', 'show', 'churn', '--version', '1', '--json'], { cwd: dir });
    expect(one.status).toBe(0);
    const [version] = JSON.parse(one.stdout);
    expect(version).toMatchObject({
      model: 'churn',
      version: '1',
      contentDigest: digests[0],
      aliases: [],
      files: [expect.objectContaining({ path: 'model.json' })],
      lineage: runRecord('run-1', 0.91),
    });
    const all = JSON.parse((await runCli(['model', 'show', 'churn', '--json'], { cwd: dir })).stdout);
    expect(all.map((v: { version: string }) => v.version)).toEqual(['2', '1']);
    const listed = JSON.parse((await runCli(['model', 'list', '--json'], { cwd: dir })).stdout);
    expect(listed).toEqual([{ name: 'churn', versions: 2, latest: '2', aliases: { production: '2' } }]);
  });
});

test('the registry comes from --registry, else train.registry in mlci.yaml, else its top-level registry', async () => {
  await withTempDir(async (dir) => {
    await registerTwo(dir, 'file:models');
    expect((await runCli(['model', 'list'], { cwd: dir })).stdout).toBe('no models in file:.mlci/registry\n');
    expect((await runCli(['model', 'list', '--registry', 'file:models'], { cwd: dir })).stdout).toContain(
      'churn  2',
    );
    await writeFile(join(dir, 'mlci.yaml'), 'train:\n  registry: file:models\n');
    expect((await runCli(['model', 'list'], { cwd: dir })).stdout).toContain('churn  2');
    await writeFile(join(dir, 'mlci.yaml'), 'registry: file:models\n');
    expect((await runCli(['model', 'list'], { cwd: dir })).stdout).toContain('churn  2');
    await writeFile(join(dir, 'mlci.yaml'), 'registry: file:models\ntrain:\n  registry: file:elsewhere\n');
    expect((await runCli(['model', 'list'], { cwd: dir })).stdout).toBe('no models in file:elsewhere\n');
  });
});

test.each([
  [['model', 'show', 'nope'], "mlci: error: model 'nope' is not in file:.mlci/registry"],
  [
    ['model', 'show', 'churn', '--version', '7'],
    "mlci: error: model 'churn' has no version 7 in file:.mlci/registry",
  ],
  [['model', 'show', 'Churn'], /^mlci: error: model name 'Churn': expected lowercase/],
  [
    ['model', 'list', '--registry', 'models'],
    "mlci: error: registry 'models': expected file:DIR, oci://HOST[:PORT]/PREFIX, mlflow+http(s)://HOST[:PORT][/PATH] or gitlab+https://HOST/GROUP/PROJECT",
  ],
])('%j: exit 2 with one line naming what is wrong', async (args, message) => {
  await withTempDir(async (dir) => {
    await registerTwo(dir, 'file:.mlci/registry');
    const run = await runCli(args, { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});

test('a corrupt registry is exit 3, naming the registry and the attachment', async () => {
  await withTempDir(async (dir) => {
    await registerTwo(dir, 'file:.mlci/registry');
    await writeFile(
      join(dir, '.mlci/registry/blobs/sha256', digestOf(JSON.stringify(runRecord('run-1', 0.91))).slice(7)),
      '{}',
    );
    const run = await runCli(['model', 'show', 'churn'], { cwd: dir });
    expect(run.status).toBe(3);
    expect(run.stderr.trim()).toBe(
      `mlci: error: file:.mlci/registry: corrupt registry: the lineage attachment of model 'churn' version 1 does not match its digest ${digestOf(JSON.stringify(runRecord('run-1', 0.91)))}`,
    );
  });
});
