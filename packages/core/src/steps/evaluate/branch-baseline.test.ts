import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../errors';
import type { BranchArtifacts, CiContext, Logger } from '../../platform/platform';
import { noProgress } from '../../platform/progress';
import { scratchDirectory } from '../validate-data/test-support';
import { evaluateStep } from '.';
import { evaluateInput } from './input';

const quiet: Logger = { info() {}, warn() {}, debug() {} };
const scratch = scratchDirectory('mlci-branch-baseline-');

/** 100 rows; the first `wrong` of them predicted wrong. */
function predictions(wrong: number): string {
  const rows = ['label,prediction,score'];
  for (let i = 0; i < 100; i++) {
    const label = i % 2;
    const prediction = i < wrong ? 1 - label : label;
    rows.push(`${label},${prediction},${prediction === 1 ? 0.7 : 0.3}`);
  }
  return `${rows.join('\n')}\n`;
}

/** A zip archive written by Python's zipfile (deflated, with the directory entries an artifact has). */
function zipOf(files: Record<string, string>): Buffer {
  const script = [
    'import io, json, sys, zipfile',
    'files = json.load(sys.stdin)',
    'buffer = io.BytesIO()',
    'with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:',
    '    for d in sorted({n.rsplit("/", 1)[0] + "/" for n in files if "/" in n}): z.writestr(d, "")',
    '    for name, text in files.items(): z.writestr(name, text)',
    'sys.stdout.buffer.write(buffer.getvalue())',
  ].join('\n');
  return execFileSync('python3', ['-c', script], { input: JSON.stringify(files) });
}

/** A CI's artifacts held in memory: archives by branch and name, and every lookup recorded. */
function artifactsOf(stored: Record<string, Buffer>): BranchArtifacts & { asked: string[] } {
  const asked: string[] = [];
  return {
    description: 'test artifacts',
    asked,
    async latest(branch, name) {
      asked.push(`${branch}/${name}`);
      const archive = stored[`${branch}/${name}`];
      return archive ? { archive, origin: `https://ci.example/${branch}/runs/7` } : undefined;
    },
  };
}

const pullRequest: CiContext = {
  platform: 'github',
  branch: 'model/lr-0.3',
  defaultBranch: 'main',
  changeRequest: { number: 5, targetBranch: 'release' },
};

async function run(
  options: Record<string, unknown>,
  context: CiContext,
  artifacts?: BranchArtifacts,
  logger = quiet,
) {
  return evaluateStep.run(
    evaluateInput.parse({ scoreColumn: 'score', candidate: 'candidate.csv', ...options }),
    {
      cwd: scratch(),
      logger,
      progress: noProgress,
      context,
      ...(artifacts ? { artifacts } : {}),
    },
  );
}

/** evaluate.json as the target branch's run left it: the step run on the baseline's predictions. */
async function evaluateJsonOf(csv: string): Promise<string> {
  await writeFile(join(scratch(), 'main.csv'), csv);
  await run({ candidate: 'main.csv', out: 'main-out' }, { platform: 'local' });
  return readFile(join(scratch(), 'main-out/evaluate.json'), 'utf8');
}

describe('branch baselines', () => {
  test("target-branch on a PR reads evaluate.json of the target branch's newest artifact: metrics and data digest", async () => {
    const evaluateJson = await evaluateJsonOf(predictions(10));
    await writeFile(join(scratch(), 'candidate.csv'), predictions(20));
    const artifacts = artifactsOf({
      'release/evaluate': zipOf({ '.mlci/evaluate.json': evaluateJson, '.mlci/evaluate.md': '# report' }),
    });
    const logged: string[] = [];
    const report = await run(
      { baseline: 'target-branch', gate: ['accuracy:max_drop=0.05'] },
      pullRequest,
      artifacts,
      { ...quiet, info: (message: string) => logged.push(message) },
    );
    expect(artifacts.asked).toEqual(['release/evaluate']);
    const { result } = report;
    expect(result.baseline).toEqual({
      source: 'target-branch (release): .mlci/evaluate.json from https://ci.example/release/runs/7',
      kind: 'metrics',
    });
    expect(result.metrics.accuracy).toMatchObject({ candidate: 0.8, baseline: 0.9 });
    expect(result.metrics.accuracy?.delta).toBeCloseTo(-0.1, 12);
    // The same labels in the same order: evaluate.json's digest matches the candidate's.
    expect(result.data.same).toBe(true);
    expect(result.status).toBe('failed');
    expect(logged).toContain(
      "baseline: .mlci/evaluate.json of the 'evaluate' artifact of branch 'release' (https://ci.example/release/runs/7)",
    );
  });

  test('a predictions file in the artifact gives paired statistics; branch:NAME and the artifact name are honoured', async () => {
    await writeFile(join(scratch(), 'candidate.csv'), predictions(4));
    const artifacts = artifactsOf({
      'main/model-eval': zipOf({
        'out/predictions/baseline.csv': predictions(10),
        'out/evaluate.json': '{}',
      }),
    });
    const { result } = await run(
      {
        baseline: 'branch:main',
        baselineArtifact: 'model-eval',
        baselineFile: 'baseline.csv',
        gate: ['mcnemar:alpha=0.05'],
      },
      pullRequest,
      artifacts,
    );
    expect(artifacts.asked).toEqual(['main/model-eval']);
    expect(result.baseline?.kind).toBe('predictions');
    expect(result.baseline?.source).toBe(
      'branch:main: out/predictions/baseline.csv from https://ci.example/main/runs/7',
    );
    expect(result.metrics.accuracy).toMatchObject({ candidate: 0.96, baseline: 0.9 });
    expect(result.metrics.accuracy?.ci).not.toBeNull();
    expect(result.mcnemar).toBeDefined();
  });

  test('outside a PR, target-branch is the default branch', async () => {
    await writeFile(join(scratch(), 'candidate.csv'), predictions(4));
    const artifacts = artifactsOf({ 'trunk/evaluate': zipOf({ 'baseline.csv': predictions(4) }) });
    const { result } = await run(
      { baseline: 'target-branch', baselineFile: 'baseline.csv' },
      { platform: 'gitlab', branch: 'trunk', defaultBranch: 'trunk' },
      artifacts,
    );
    expect(artifacts.asked).toEqual(['trunk/evaluate']);
    expect(result.metrics.accuracy).toMatchObject({ candidate: 0.96, baseline: 0.96, delta: 0 });
  });

  test('bad sources and missing artifacts are one-line input errors (exit 2)', async () => {
    await writeFile(join(scratch(), 'candidate.csv'), predictions(4));
    const artifacts = artifactsOf({
      'main/evaluate': zipOf({
        'a/evaluate.json': '{"accuracy": 0.9}',
        'b/evaluate.json': '{"accuracy": 0.8}',
        'c/broken.json': '{"accuracy": ',
        ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`many/file-${i}.txt`, 'x'])),
      }),
      'main/not-a-zip': Buffer.from('<html>sign in</html>'),
    });
    const failure = async (options: Record<string, unknown>, context: CiContext, with_?: BranchArtifacts) => {
      const error = await run(options, context, with_).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(InputError);
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      return message;
    };
    expect(await failure({ baseline: 'target-branch' }, { platform: 'local' }, artifacts)).toBe(
      'baseline: target-branch: this local run names no target or default branch; give branch:NAME',
    );
    expect(await failure({ baseline: 'branch:main' }, { platform: 'jenkins' })).toBe(
      'baseline: branch:main needs a CI whose stored artifacts mlci reads (docs/evaluate.md), not jenkins; give a file or registry:NAME@VERSION',
    );
    expect(await failure({ baseline: 'branch:' }, pullRequest, artifacts)).toBe(
      "baseline: 'branch:': expected branch:NAME",
    );
    expect(await failure({ baseline: 'branch:dev' }, pullRequest, artifacts)).toBe(
      "baseline: no 'evaluate' artifact of a successful run on branch 'dev' in the test artifacts (run evaluate on dev and keep its artifacts, see docs/evaluate.md)",
    );
    const where = "the 'evaluate' artifact of branch 'main' (https://ci.example/main/runs/7)";
    expect(await failure({ baseline: 'branch:main' }, pullRequest, artifacts)).toBe(
      `baseline-file: 'evaluate.json' matches 2 files in ${where}: a/evaluate.json, b/evaluate.json; give its path`,
    );
    expect(
      await failure({ baseline: 'branch:main', baselineFile: 'baseline.csv' }, pullRequest, artifacts),
    ).toBe(
      `baseline-file: no 'baseline.csv' in ${where}, which holds a/evaluate.json, b/evaluate.json, c/broken.json, ` +
        'many/file-0.txt, many/file-1.txt, many/file-2.txt, many/file-3.txt, many/file-4.txt, many/file-5.txt, ' +
        'many/file-6.txt and 5 more',
    );
    // The reader's error names the entry and its artifact, not the scratch file it was read through.
    expect(
      await failure({ baseline: 'branch:main', baselineFile: 'broken.json' }, pullRequest, artifacts),
    ).toMatch(new RegExp(`^c/broken\\.json of ${where.replace(/[().]/g, '\\$&')}: invalid JSON`));
    expect(
      await failure({ baseline: 'branch:main', baselineArtifact: 'not-a-zip' }, pullRequest, artifacts),
    ).toBe(
      "baseline: the 'not-a-zip' artifact of branch 'main' (https://ci.example/main/runs/7): not a zip archive (20 bytes)",
    );
  });

  test('the exact path wins over a longer path ending with it', async () => {
    await writeFile(join(scratch(), 'candidate.csv'), predictions(0));
    const artifacts = artifactsOf({
      'main/evaluate': zipOf({
        'evaluate.json': '{"accuracy": 0.5}',
        'old/evaluate.json': '{"accuracy": 0.1}',
      }),
    });
    const options = { baseline: 'branch:main', baselineFile: './evaluate.json' };
    const { result } = await run({ ...options, allowDifferentData: true }, pullRequest, artifacts);
    expect(result.metrics.accuracy).toMatchObject({ candidate: 1, baseline: 0.5 });
    // Without a data digest, the refusal names the entry and its artifact.
    await expect(run(options, pullRequest, artifacts)).rejects.toThrow(
      "evaluate.json of the 'evaluate' artifact of branch 'main' (https://ci.example/main/runs/7) does not say which data it was evaluated on",
    );
  });
});
