import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PromoteResult } from '@mlci/core';
import {
  evaluateAndBuild,
  exampleRepository,
  imageDigest,
  imageTags,
  modelName,
  type PromotableProject,
  registerVersion,
} from '../promote/tag-pipeline';
import { startRegistry, type TestRegistry } from '../support/registry';
import { repoRoot } from './action-manifest';
import { pushTag } from './payloads';
import { type ActionRun, runActionBundle } from './run-action';

/**
 * End to end: the release workflow's job on a pushed tag, as GitHub runs it — the committed promote action's
 * bundle on a `push` event for refs/tags/v1.0.0 (GITHUB_REF_TYPE tag, GITHUB_SHA the tagged commit), with no
 * version and no alias given. Before it, the earlier pipelines' work is done through the CLI: a version
 * registered from that commit in an OCI model registry (Debian's docker-registry on 127.0.0.1), evaluated, and
 * its image pushed to the same registry. skopeo (not mlci) then reads the image's tags.
 */
const actionDir = join(repoRoot, 'actions/promote');
const owner = 'acme';
const repo = 'breast-cancer';
const runId = '9300400500';

let root: string;
let registry: TestRegistry;
let project: PromotableProject;
let modelRegistry: string;
let imageRepository: string;
let runCount = 0;

beforeAll(async () => {
  if (!existsSync(join(actionDir, 'dist/index.mjs')))
    throw new Error(`${actionDir}/dist/index.mjs is missing: run \`node scripts/build.mjs\``);
  root = mkdtempSync(join(tmpdir(), 'mlci-e2e-promote-action-'));
  registry = await startRegistry();
  modelRegistry = `oci://${registry.host}/${owner}/models`;
  imageRepository = `${registry.host}/${owner}/${repo}`;
  project = await exampleRepository(root, modelRegistry);
}, 120_000);
afterAll(async () => {
  await registry?.close();
  rmSync(root, { recursive: true, force: true });
});

function runPromote(tag: string, sha: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const dir = join(root, `runner-${++runCount}`);
  mkdirSync(dir, { recursive: true });
  return runActionBundle({
    actionDir,
    inputs: { model: modelName, registry: modelRegistry, ...inputs },
    env: pushTag(
      { owner, repository: repo, sha, workflow: 'release', job: 'promote', runId, tag },
      join(dir, 'event.json'),
    ),
    githubToken: '',
    cwd: project.dir,
    runnerTemp: dir,
  });
}

const errors = (run: ActionRun) => run.stdout.match(/^::error.*$/gm);

describe('promote action bundle on a tag push', () => {
  let releasedDigest: string;

  it('promotes the version registered from the tagged commit to production and tags its image v1.0.0 and production', async () => {
    const version = await registerVersion(project, 'model');
    const sha = await project.git('rev-parse', 'HEAD');
    const built = `${imageRepository}:${sha.slice(0, 7)}`;
    await evaluateAndBuild(project, 'model', version, built);
    await project.git('tag', 'v1.0.0');
    releasedDigest = await imageDigest(built);
    expect(await imageTags(imageRepository)).toEqual([sha.slice(0, 7)]);

    const run = await runPromote('v1.0.0', sha);
    expect({ exitCode: run.exitCode, errors: errors(run) }).toEqual({ exitCode: 0, errors: null });
    expect(run.outputs).toEqual({
      version,
      alias: 'production',
      previous: '',
      outcome: 'moved',
      record: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      'deploy-commit': '',
    });

    // The step summary is the report: what moved, chosen how, on which evidence, the image tags and the record.
    expect(run.summary).toBe(`${readFileSync(join(project.dir, '.mlci/promote.md'), 'utf8')}\n`);
    expect(run.summary).toContain(
      `## ✅ promote: production of ${modelName} now points at version ${version}`,
    );
    expect(run.summary).toContain(`| version | ${version} (registered from commit ${sha.slice(0, 12)}) |`);
    expect(run.summary).toContain('| alias | production (tag v1.0.0 by rule release=production) |');
    expect(run.summary).toMatch(/✅ \| validation \|[\s\S]*✅ \| evaluation \|[\s\S]*✅ \| image \|/);
    const imagesRow = run.summary.split('\n').find((line) => line.startsWith(`| \`${imageRepository}:`));
    expect(imagesRow).toContain(`| \`${built}\` |`);
    expect(imagesRow).toContain(`\`${imageRepository}:v1.0.0\``);
    expect(imagesRow).toContain(`\`${imageRepository}:production\``);
    expect(run.summary).toContain(`Promotion record \`${run.outputs.record}\`: promote at `);
    expect(run.summary).toContain(
      ` by release-manager in https://github.com/${owner}/${repo}/actions/runs/${runId}.`,
    );

    // The record keeps who, where and what from the event.
    const result = JSON.parse(readFileSync(join(project.dir, '.mlci/promote.json'), 'utf8')) as PromoteResult;
    expect(result.record).toMatchObject({
      digest: run.outputs.record,
      model: modelName,
      alias: 'production',
      version,
      previous: null,
      action: 'promote',
      tag: 'v1.0.0',
      commit: sha,
      actor: 'release-manager',
      pipelineUrl: `https://github.com/${owner}/${repo}/actions/runs/${runId}`,
    });

    // The registry, read by skopeo: the same manifest under the commit's tag, the release tag and the alias.
    expect(await imageTags(imageRepository)).toEqual([sha.slice(0, 7), 'production', 'v1.0.0'].sort());
    expect(await imageDigest(`${imageRepository}:v1.0.0`)).toBe(releasedDigest);
    expect(await imageDigest(`${imageRepository}:production`)).toBe(releasedDigest);
  }, 120_000);

  it('refuses the next tag when its version lacks evidence: exit 1, the missing evidence listed, nothing moved', async () => {
    // A new commit, registered (validated) but neither evaluated nor built into an image, then tagged.
    await writeFile(join(project.dir, 'params.yaml'), 'learning_rate: 0.2\nnum_steps: 300\n');
    await project.git('commit', '-q', '-am', 'faster learning rate');
    const version = await registerVersion(project, 'candidate');
    const sha = await project.git('rev-parse', 'HEAD');
    await project.git('tag', 'v1.1.0');
    const tagsBefore = await imageTags(imageRepository);

    const run = await runPromote('v1.1.0', sha);
    expect(run.exitCode).toBe(1);
    // One annotation per missing piece, then the verdict.
    expect(errors(run)).toEqual([
      `::error title=mlci promote%3A evaluation::${modelName} version ${version} has no evaluation evidence (evaluate with attach-to)`,
      `::error title=mlci promote%3A image::${modelName} version ${version} has no image evidence (build-image with attach-to)`,
      `::error title=mlci promote%3A alias::version ${version} of ${modelName} may not take production: its evidence does not allow it`,
      `::error::promote failed: version ${version} of ${modelName} may not take production: its evidence does not allow it`,
    ]);
    expect(run.outputs).toEqual({
      version,
      alias: 'production',
      previous: '1',
      outcome: 'refused',
      record: '',
      'deploy-commit': '',
    });
    expect(run.summary).toContain(
      `## ❌ promote refused: version ${version} of ${modelName} may not take production`,
    );
    expect(run.summary).toContain(`| ✅ | validation |`);
    expect(run.summary).toContain(
      `| ❌ | evaluation | ${modelName} version ${version} has no evaluation evidence (evaluate with attach-to) |`,
    );
    expect(run.summary).toContain(
      `| ❌ | image | ${modelName} version ${version} has no image evidence (build-image with attach-to) |`,
    );

    // Nothing moved: production is still version 1's image, and no tag was added.
    expect(await imageTags(imageRepository)).toEqual(tagsBefore);
    expect(await imageDigest(`${imageRepository}:production`)).toBe(releasedDigest);
    const shown = await project.mlci(['model', 'show', modelName]);
    expect(shown.stdout).toMatch(/production\s+- -> 1\s+promote/);
    expect(shown.stdout).not.toContain('v1.1.0');
  }, 120_000);
});
