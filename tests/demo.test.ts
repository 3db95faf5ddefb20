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
  expect(drifted.map((c: { column: string }) => c.column).sort()).toEqual(['mean_texture', 'worst_texture']);
  // The one `unknown` label in 475 rows is a value the reference never has: its own finding, not chi-square drift.
  const diagnosis = broken.drift.columns.find((c: { column: string }) => c.column === 'diagnosis');
  expect(diagnosis).toMatchObject({ drifted: false, newValues: { rows: 1, examples: [['unknown', 1]] } });
  const report = readFileSync(join(repoRoot, '.mlci/demo/broken/validate-data.md'), 'utf8');
  // A chart per drifted column: a mermaid block whose front matter (the series' colours) precedes its xychart line.
  expect(report.match(/```mermaid\n(?:---\n[^`]*?---\n)?xychart-beta/g)).toHaveLength(drifted.length);

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
  expect(run.stdout).toMatch(new RegExp(`\\n {2}run +${ran.runId}\\n`));

  // Version 1's evaluation, before anything held production: the absolute gate applied, the relative one skipped.
  const demo = (path: string) => JSON.parse(readFileSync(join(repoRoot, '.mlci/demo', path), 'utf8'));
  const first = demo('evaluate-v1/evaluate.json');
  expect(first.status).toBe('passed');
  expect(first.baseline).toMatchObject({ source: 'registry:breast-cancer@production', kind: 'absent' });
  expect(first.gates.map((gate: { rule: string; status: string }) => [gate.rule, gate.status])).toEqual([
    ['accuracy>=0.9', 'passed'],
    ['f1:max_drop=0.02', 'skipped'],
  ]);

  // The model image of version 1, in an OCI layout that skopeo reads: the model as its one layer, no program to
  // start (scratch has none), and the lineage of the run that made the model.
  const image = demo('build-image-v1/build-image.json');
  expect(image).toMatchObject({ status: 'passed', target: 'layout', builder: 'mlci', base: null });
  expect(image.layers.map((layer: { what: string }) => layer.what)).toEqual(['model']);
  const layout = join(repoRoot, '.mlci/demo/image');
  const inspect = (tag: string, ...args: string[]) =>
    JSON.parse(execFileSync('skopeo', ['inspect', ...args, `oci:${layout}:${tag}`], { encoding: 'utf8' }));
  const inspected = inspect('1');
  expect(inspected.Digest).toBe(image.image.digest);
  expect(inspect('1', '--config').config.Entrypoint).toBeUndefined();
  expect(inspected.Labels).toMatchObject({
    'dev.mlci.model.digest': ran.outputs.digest,
    'dev.mlci.run.id': ran.runId,
    'dev.mlci.model.version': 'breast-cancer@1',
  });

  // The gate: version 2 against production (version 1), on the same test rows, with intervals; log_loss fails it.
  const evaluation = demo('evaluate-v2-gated/evaluate.json');
  expect(evaluation.status).toBe('failed');
  expect(evaluation.data.same).toBe(true);
  expect(evaluation.baseline).toEqual({
    source: 'registry:breast-cancer@production (version 1)',
    kind: 'predictions',
    version: { model: 'breast-cancer', version: '1', registry: 'file:.mlci/registry' },
  });
  expect(evaluation.metrics.roc_auc.ci).toHaveLength(2);
  expect(evaluation.gates.filter((gate: { status: string }) => gate.status === 'failed')).toEqual([
    expect.objectContaining({ metric: 'log_loss', rule: 'log_loss:max_drop=0.1' }),
  ]);
  expect(readFileSync(join(repoRoot, '.mlci/demo/evaluate-v2-gated/evaluate.md'), 'utf8')).toContain(
    '95% interval of the delta',
  );

  // Promotion: version 1 on v1.0.0 with its three pieces of evidence; version 2 refused on v1.1.0, promoted on
  // v1.1.1 after a passing evaluation, then rolled back; the image tags follow production.
  expect(demo('promote-v1.0.0/promote.json')).toMatchObject({
    outcome: 'moved',
    version: '1',
    previous: null,
  });
  expect(
    demo('promote-v1.0.0/promote.json').evidence.map((check: { kind: string; status: string }) => [
      check.kind,
      check.status,
    ]),
  ).toEqual([
    ['validation', 'passed'],
    ['evaluation', 'passed'],
    ['image', 'passed'],
  ]);
  expect(demo('promote-v1.1.0/promote.json')).toMatchObject({ outcome: 'refused', version: '2' });
  expect(demo('promote-v1.1.1/promote.json')).toMatchObject({
    outcome: 'moved',
    version: '2',
    previous: '1',
  });
  expect(demo('promote-rollback/promote.json')).toMatchObject({
    outcome: 'moved',
    action: 'rollback',
    version: '1',
    previous: '2',
  });
  expect(inspect('production').Digest).toBe(image.image.digest);
  expect(inspect('v1.1.1').Digest).toBe(demo('build-image-v2/build-image.json').image.digest);
  // The final state of the registry, printed by `mlci model show`.
  expect(run.stdout).toContain('version 1 (production)');
  expect(run.stdout).toMatch(/production\s+2 -> 1\s+rollback/);

  // The deploy repository on disk: each move of production committed by image digest (deploy-image names the
  // registry repository the layout is copied to), the refused v1.1.0 not at all, and the rollback writes version
  // 1's image back; kubectl rendered each state.
  const digest1 = image.image.digest;
  const digest2 = demo('build-image-v2/build-image.json').image.digest;
  const deployRepo = join(repoRoot, '.mlci/demo/deploy.git');
  const deployGit = (...args: string[]) => execFileSync('git', args, { cwd: deployRepo, encoding: 'utf8' });
  expect(deployGit('log', '--format=%s', 'main')).toBe(
    [
      'roll back breast-cancer version 1 to production',
      'deploy breast-cancer version 2 to production (v1.1.1)',
      'deploy breast-cancer version 1 to production (v1.0.0)',
      'production runs the bootstrap image',
      '',
    ].join('\n'),
  );
  const overlayAt = (ref: string) => deployGit('show', `${ref}:overlays/production/kustomization.yaml`);
  expect(overlayAt('main')).toContain(`    newTag: v1.0.0\n    digest: ${digest1}\n`);
  expect(overlayAt('main~1')).toContain(`    newTag: v1.1.1\n    digest: ${digest2}\n`);
  expect(overlayAt('main')).toBe(overlayAt('main~2'));
  expect(run.stderr).toContain('      - image: registry.example.com/ml/breast-cancer:bootstrap\n');
  // kubectl renders `name:tag@digest` (the kustomize of Debian's older kubernetes-client `name@digest`).
  expect(run.stderr).toMatch(
    new RegExp(`- image: registry\\.example\\.com/ml/breast-cancer(:v1\\.1\\.1)?@${digest2}\\n`),
  );
  expect(run.stderr).toMatch(
    new RegExp(`- image: registry\\.example\\.com/ml/breast-cancer(:v1\\.0\\.0)?@${digest1}\\n`),
  );

  // The monitor against the profile train kept on production's version (1 after the rollback): the test set
  // passes, the drifted sample fails naming its drifted columns and the model version, and the alert is the report.
  const productionModel = { name: 'breast-cancer', version: '1', alias: 'production' };
  expect(result('monitor')).toMatchObject({
    status: 'passed',
    drift: { drifted: false, reference: { kind: 'profile', model: productionModel } },
  });
  const alert = result('monitor-drifted');
  expect(alert).toMatchObject({
    status: 'failed',
    drift: { drifted: true, reference: { kind: 'profile', model: productionModel } },
  });
  expect(
    alert.drift.columns
      .filter((c: { drifted: boolean }) => c.drifted)
      .map((c: { column: string }) => c.column)
      .sort(),
  ).toEqual(['mean_texture', 'worst_texture']);
  expect(run.stderr).toContain(
    `the alert is the report ${join(repoRoot, '.mlci/demo/monitor-drifted/validate-data.md')}`,
  );
});
