import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localEnv, repoRoot } from './support/cli';

test('npm run demo passes the good example files and stops the broken one', () => {
  const run = spawnSync(process.execPath, [join(repoRoot, 'scripts/demo.mjs')], {
    cwd: repoRoot,
    env: localEnv(),
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
  expect(run.stderr).toContain('Demo passed');
  const result = (part: string) =>
    JSON.parse(readFileSync(join(repoRoot, '.mlci/demo', part, 'validate-data.json'), 'utf8'));
  expect(result('train')).toMatchObject({ status: 'passed', data: { rows: 455 } });
  expect(result('test')).toMatchObject({ status: 'passed', data: { rows: 114 } });
  expect(result('drift')).toMatchObject({ status: 'passed', drift: { drifted: false } });
  expect(result('hygiene')).toMatchObject({ status: 'passed' });
  const broken = result('broken');
  expect(broken.status).toBe('failed');
  const failed = broken.checks.filter((c: { status: string }) => c.status === 'failed');
  expect(failed.map((c: { column?: string; name: string }) => c.column ?? c.name)).toEqual([
    'diagnosis',
    'overlap(train, test)',
  ]);
  const drifted = broken.drift.columns.filter((c: { drifted: boolean }) => c.drifted);
  expect(drifted.map((c: { column: string }) => c.column).sort()).toEqual([
    'diagnosis',
    'mean_texture',
    'worst_texture',
  ]);
  const report = readFileSync(join(repoRoot, '.mlci/demo/broken/validate-data.md'), 'utf8');
  expect(report.match(/```mermaid\nxychart-beta/g)).toHaveLength(3);

  const train = (part: string) =>
    JSON.parse(readFileSync(join(repoRoot, '.mlci/demo', part, 'train.json'), 'utf8'));
  const ran = train('train-run');
  const hit = train('train-hit');
  expect(ran).toMatchObject({
    status: 'passed',
    cache: { status: 'off' },
    registered: { model: 'breast-cancer', version: '1', created: true },
  });
  expect(ran.command.exitCode).toBe(0);
  expect(hit).toMatchObject({
    status: 'passed',
    cache: { status: 'hit', producedBy: ran.runId },
    command: null,
  });
  expect(hit.outputs.digest).toBe(ran.outputs.digest);
  expect(hit.registered.version).toBe(ran.registered.version);
  expect(ran.metrics.accuracy).toBeGreaterThan(0.9);
  // `mlci model show` printed the version with its lineage.
  expect(run.stdout).toContain(`run       ${ran.runId}`);

  // The image of version 1, in an OCI layout that skopeo reads, with the lineage of the run that made the model.
  const image = JSON.parse(readFileSync(join(repoRoot, '.mlci/demo/build-image/build-image.json'), 'utf8'));
  expect(image).toMatchObject({ status: 'passed', target: 'layout', builder: 'mlci' });
  expect(image.layers.map((layer: { what: string }) => layer.what)).toEqual(['model', 'app']);
  const inspected = JSON.parse(
    execFileSync('skopeo', ['inspect', `oci:${join(repoRoot, '.mlci/demo/image')}:1`], { encoding: 'utf8' }),
  );
  expect(inspected.Digest).toBe(image.image.digest);
  expect(inspected.Labels).toMatchObject({
    'dev.mlci.model.digest': ran.outputs.digest,
    'dev.mlci.run.id': ran.runId,
    'dev.mlci.model.version': 'breast-cancer@1',
  });

  // The gate: the candidate against version 1, on the same test rows, with intervals; log_loss fails it.
  const evaluation = JSON.parse(
    readFileSync(join(repoRoot, '.mlci/demo/evaluate-candidate/evaluate.json'), 'utf8'),
  );
  expect(evaluation.status).toBe('failed');
  expect(evaluation.data.same).toBe(true);
  expect(evaluation.baseline).toEqual({ source: 'registry:breast-cancer@1', kind: 'predictions' });
  expect(evaluation.metrics.roc_auc.ci).toHaveLength(2);
  expect(evaluation.gates.filter((gate: { status: string }) => gate.status === 'failed')).toEqual([
    expect.objectContaining({ metric: 'log_loss', rule: 'log_loss:max_drop=0.1' }),
  ]);
  expect(readFileSync(join(repoRoot, '.mlci/demo/evaluate-candidate/evaluate.md'), 'utf8')).toContain(
    '95% interval of the delta',
  );
});
