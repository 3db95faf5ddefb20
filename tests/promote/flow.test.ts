import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PromoteResult } from '@mlci/core';
import { withTempDir } from '../support/cli';
import { startRegistry, type TestRegistry } from '../support/registry';
import {
  buildImage,
  evaluateAndBuild,
  exampleRepository,
  imageDigest,
  type PromotableProject,
  registerVersion,
} from './tag-pipeline';

/**
 * Issue 7's whole flow through the CLI, once with the embedded file: registry (images in an OCI layout) and once
 * with Debian's docker-registry on 127.0.0.1 holding both the models and the images: validate, train with the
 * validation as evidence, evaluate, build the image, promote on a release tag (the image retagged), a second
 * model that fails its gate and is refused, the same model passing and promoted, and a rollback.
 */
const run = promisify(execFile);
let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry.close();
});

const promote = async (f: PromotableProject, args: string[], expectedStatus = 0) =>
  JSON.parse(
    (await f.mlci(['promote', '--model', 'breast-cancer', '--json', ...args], expectedStatus)).stdout,
  ) as PromoteResult;

/** Outside any CI: the actor a GitHub runner would set must not matter. */
const outsideCi = { GITHUB_ACTOR: 'unused-outside-ci' };

async function wholeFlow(
  modelRegistry: string,
  imageTag: (version: string) => string,
  imageFlags: string[],
  imageRef: (tag: string) => string,
) {
  await withTempDir(async (parent) => {
    const f = await exampleRepository(parent, modelRegistry, outsideCi);
    // Version 1: nothing holds production yet, so its evaluation needs no baseline.
    const first = await registerVersion(f, 'model');
    expect(first).toBe('1');
    await evaluateAndBuild(f, 'model', first, imageTag(first), imageFlags);
    await f.git('tag', 'v1.0.0');
    const released = await promote(f, ['--tag', 'v1.0.0']);
    expect(released).toMatchObject({
      status: 'passed',
      outcome: 'moved',
      alias: 'production',
      aliasFrom: 'tag v1.0.0 by rule release=production',
      version: '1',
      previous: null,
    });
    expect(released.evidence.map((check) => [check.kind, check.status])).toEqual([
      ['validation', 'passed'],
      ['evaluation', 'passed'],
      ['image', 'passed'],
    ]);
    expect(released.images[0]?.to).toEqual([imageRef('v1.0.0'), imageRef('production')]);
    const [digestOf1] = await Promise.all([imageDigest(imageRef('production'))]);
    expect(digestOf1).toBe(await imageDigest(imageRef('1')));

    // Version 2: a faster learning rate, committed and tagged; overconfident, so its gate fails.
    await writeFile(join(f.dir, 'params.yaml'), 'learning_rate: 0.2\nnum_steps: 2000\n');
    await f.git('commit', '-q', '-am', 'faster learning rate');
    const second = await registerVersion(f, 'candidate');
    expect(second).toBe('2');
    const gate = [
      '--candidate',
      'candidate/predictions.csv',
      '--score-column',
      'score',
      '--baseline',
      'registry:breast-cancer@production',
    ];
    await f.mlci(
      ['evaluate', ...gate, '--gate', 'log_loss:max_drop=0.1', '--attach-to', 'breast-cancer@2'],
      1,
    );
    await buildImage(f, 'candidate', second, imageTag(second), imageFlags);
    await f.git('tag', 'v1.1.0');
    const refused = await promote(f, ['--tag', 'v1.1.0'], 1);
    expect(refused).toMatchObject({ status: 'failed', outcome: 'refused', version: '2', previous: '1' });
    expect(refused.evidence.find((check) => check.kind === 'evaluation')).toMatchObject({
      status: 'failed',
      message: 'the evaluation of breast-cancer version 2 did not pass its gates',
    });
    expect(refused.images).toEqual([]);

    // A dry run, then the promotion once its evaluation against production passes (no log_loss gate).
    await f.mlci(['evaluate', ...gate, '--gate', 'f1:max_drop=0.02', '--attach-to', 'breast-cancer@2']);
    expect(await promote(f, ['--tag', 'v1.1.0', '--dry-run'])).toMatchObject({
      outcome: 'planned',
      version: '2',
    });
    expect((await promote(f, ['--tag', 'v1.1.0'])).outcome).toBe('moved');
    expect(await imageDigest(imageRef('production'))).toBe(await imageDigest(imageRef('2')));

    // Rollback: production goes back to version 1, and its image tag with it.
    const back = await promote(f, ['--to', 'production', '--rollback']);
    expect(back).toMatchObject({ outcome: 'moved', action: 'rollback', version: '1', previous: '2' });
    expect(await imageDigest(imageRef('production'))).toBe(digestOf1);

    const show = await f.mlci(['model', 'show', 'breast-cancer']);
    expect(show.stdout).toMatch(/alias history \(newest first\)\n/);
    const history = show.stdout.slice(show.stdout.indexOf('alias history'));
    const rows = history.split('\n').slice(2, 5);
    expect(rows.map((line) => line.split(/\s{2,}/).slice(0, 3))).toEqual([
      ['production', '2 -> 1', 'rollback'],
      ['production', '1 -> 2', 'promote'],
      ['production', '- -> 1', 'promote'],
    ]);
    expect(rows.map((line) => /\bv1\.[01]\.0\b/.exec(line)?.[0] ?? null)).toEqual([null, 'v1.1.0', 'v1.0.0']);
  });
}

test('the whole flow with the embedded file: registry and images in an OCI layout', async () => {
  const layout = join(process.env.TMPDIR ?? '/tmp', `mlci-flow-layout-${process.pid}`);
  await wholeFlow(
    'file:.mlci/registry',
    (version) => version,
    ['--oci-layout', layout],
    (tag) => `oci:${layout}:${tag}`,
  );
  await run('rm', ['-rf', layout]);
}, 240_000);

test('the whole flow against an OCI registry: models and images in docker-registry on 127.0.0.1', async () => {
  await wholeFlow(
    `oci://${registry.host}/models`,
    (version) => `${registry.host}/images/breast-cancer:${version}`,
    ['--push'],
    (tag) => `${registry.host}/images/breast-cancer:${tag}`,
  );
}, 240_000);

test('bad input: unknown model, version or alias; a tag no rule takes; a malformed rule', async () => {
  await withTempDir(async (parent) => {
    const f = await exampleRepository(parent, 'file:.mlci/registry', outsideCi);
    await registerVersion(f, 'model');
    const error = async (args: string[], status: number) =>
      (await f.mlci(['promote', ...args], status)).stderr.trim().split('\n').at(-1);
    expect(await error(['--model', 'nope', '--to', 'production', '--version', '1'], 2)).toBe(
      "mlci: error: model 'nope' is not in file:.mlci/registry",
    );
    expect(await error(['--model', 'breast-cancer', '--to', 'production', '--version', '9'], 2)).toBe(
      "mlci: error: model 'breast-cancer' has no version 9 in file:.mlci/registry",
    );
    expect(await error(['--model', 'breast-cancer', '--tag', 'nightly', '--version', '1'], 2)).toBe(
      "mlci: error: tag 'nightly' matches no promote rule (release=production, prerelease=staging): add one, or give to",
    );
    expect(await error(['--model', 'breast-cancer', '--tag', 'v1', '--rule', 'release'], 2)).toMatch(
      /^mlci: error: rule 'release': expected SELECTOR=ALIAS/,
    );
    expect(await error(['--model', 'breast-cancer', '--to', 'production', '--rollback'], 2)).toBe(
      'mlci: error: rollback: breast-cancer has no alias production to roll back',
    );
    // Missing evidence: exit 1, the list of what is missing.
    const refused = JSON.parse(
      (
        await f.mlci(
          ['promote', '--model', 'breast-cancer', '--to', 'production', '--version', '1', '--json'],
          1,
        )
      ).stdout,
    ) as PromoteResult;
    expect(refused.evidence.map((check) => [check.kind, check.status])).toEqual([
      ['validation', 'passed'],
      ['evaluation', 'missing'],
      ['image', 'missing'],
    ]);
    expect(await readFile(join(f.dir, '.mlci/promote.md'), 'utf8')).toContain(
      'breast-cancer version 1 has no evaluation evidence (evaluate with attach-to)',
    );
  });
}, 120_000);
