import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { startGitHttpServer } from '../support/git-http';
import { startRegistry, type TestRegistry } from '../support/registry';
import {
  base,
  deployRepository,
  git,
  type ModelProject,
  modelProject,
  overlay,
  preReceive,
  promoted,
  shown,
  trainArgs,
} from './gitops';

/**
 * The GitOps hand-off through the CLI as a team runs it: promote writes the promoted version's image by digest
 * into a bare git repository on disk, which `kubectl kustomize` (Debian's kubernetes-client) then renders as
 * Argo CD or Flux would.
 */
const run = promisify(execFile);
let registry: TestRegistry;
let parent: string;
let project: ModelProject;
let penguins1: Awaited<ReturnType<ModelProject['release']>>;
let penguins2: Awaited<ReturnType<ModelProject['release']>>;
let otters1: Awaited<ReturnType<ModelProject['release']>>;

beforeAll(async () => {
  registry = await startRegistry();
  parent = await mkdtemp(join(tmpdir(), 'mlci-deploy-test-'));
  project = await modelProject(join(parent, 'models'), registry.host);
  penguins1 = await project.release('penguins', { depth: 3 });
  penguins2 = await project.release('penguins', { depth: 4 });
  otters1 = await project.release('otters', { depth: 2 });
}, 120_000);
afterAll(async () => {
  await registry?.close();
  await rm(parent, { recursive: true, force: true });
});

const promote = (args: string[], env: Record<string, string> = {}) =>
  project.mlci(['promote', '--require', 'image', '--json', ...args], env);

/** The images `kubectl kustomize` renders from an overlay of the bare repository's main branch. */
async function rendered(bare: string, overlayDir: string): Promise<string[]> {
  const checkout = await mkdtemp(join(parent, 'render-'));
  await run('git', ['clone', '-q', bare, checkout]);
  const { stdout } = await run('kubectl', ['kustomize', join(checkout, overlayDir)]);
  return [...stdout.matchAll(/image: (\S+)/g)].map((match) => byDigest(match[1] as string));
}

/**
 * A reference without the tag beside its digest: kustomize 5 renders `name:tag@digest`, the kustomize 2 in
 * Debian bookworm's kubernetes-client `name@digest`; the cluster pulls the digest either way.
 */
const byDigest = (reference: string) => reference.replace(/:[^:/@]+@/, '@');

const pinned = (release: typeof penguins1, tag: string) =>
  `${release.reference.replace(/:[^:/]+$/, '')}:${tag}@${release.digest}`;
const pulled = (release: typeof penguins1) => byDigest(pinned(release, 'any'));

describe('promote --deploy-repo', () => {
  let bare: string;
  const prodOverlay = 'overlays/production/kustomization.yaml';
  const deployFlags = () => ['--deploy-repo', bare, '--deploy-file', `production=${prodOverlay}`];

  beforeAll(async () => {
    bare = await deployRepository(parent, 'deploy', {
      ...base,
      [prodOverlay]: overlay(registry.host, 'production'),
      'overlays/staging/kustomization.yaml': overlay(registry.host, 'staging'),
    });
  });

  it('prints the diff on a dry run and pushes nothing', async () => {
    const head = await git(bare, 'rev-parse', 'main');
    const result = await promote([
      '--model',
      'penguins',
      '--version',
      '1',
      '--tag',
      'v1.0.0',
      ...deployFlags(),
      '--dry-run',
    ]);
    expect(result.status).toBe(0);
    const { deploy } = promoted(result.stdout);
    expect(deploy).toMatchObject({
      outcome: 'planned',
      branch: 'main',
      files: [{ path: prodOverlay, kind: 'kustomization' }],
    });
    expect(result.stderr).toContain(`--- a/${prodOverlay}\n+++ b/${prodOverlay}`);
    expect(result.stderr).toContain(
      `-    newTag: bootstrap\n+    newTag: v1.0.0\n+    digest: ${penguins1.digest}`,
    );
    expect(await git(bare, 'rev-parse', 'main')).toBe(head);
    // The report (job summary, PR/MR comment) shows the same diff.
    const report = await readFile(join(project.dir, '.mlci/promote.md'), 'utf8');
    expect(report).toContain(
      `### Deployment hand-off\n\n\`${pinned(penguins1, 'v1.0.0')}\` in \`${bare}\`: dry run: nothing pushed.`,
    );
    expect(report).toContain(`\`\`\`diff\ndiff --git a/${prodOverlay} b/${prodOverlay}\n`);
  });

  it('commits the digest to the overlay, which kustomize renders; untouched lines stay byte for byte', async () => {
    const before = await shown(bare, prodOverlay);
    const result = await promote(
      ['--model', 'penguins', '--version', '1', '--tag', 'v1.0.0', ...deployFlags()],
      {
        CI_PIPELINE_URL: 'https://ci.example/pipelines/7',
      },
    );
    expect(result.status).toBe(0);
    const { deploy, outcome } = promoted(result.stdout);
    expect(outcome).toBe('moved');
    expect(deploy).toMatchObject({ outcome: 'committed', attempts: 1, image: pinned(penguins1, 'v1.0.0') });
    expect(await git(bare, 'rev-parse', 'main')).toBe(deploy?.commit);
    expect(await rendered(bare, 'overlays/production')).toEqual([
      pulled(penguins1),
      `${registry.host}/acme/otters:bootstrap`,
    ]);
    // Only the penguins entry's tag line changed and its digest line was added.
    const after = await shown(bare, prodOverlay);
    expect(after).toContain(`    newTag: v1.0.0\n    digest: ${penguins1.digest}\n  - name: otters`);
    const lines = (text: string) =>
      text.split('\n').filter((line) => !/newTag: (bootstrap|v1\.0\.0)$|digest:/.test(line));
    expect(lines(after)).toEqual(lines(before));
    expect(after.split('\n').length).toBe(before.split('\n').length + 1);
    const message = await git(bare, 'log', '-1', '--format=%B', 'main');
    expect(message).toContain('deploy penguins version 1 to production (v1.0.0)');
    for (const part of [
      'model: penguins',
      'version: 1',
      'alias: production',
      'release tag: v1.0.0',
      `image: ${pinned(penguins1, 'v1.0.0')}`,
    ])
      expect(message).toContain(part);
    expect(message).toMatch(/evidence image: sha256:[0-9a-f]{64}/);
  });

  it('makes no commit when the run is repeated (the alias and the file already hold the version)', async () => {
    const head = await git(bare, 'rev-parse', 'main');
    const result = await promote([
      '--model',
      'penguins',
      '--version',
      '1',
      '--tag',
      'v1.0.0',
      ...deployFlags(),
    ]);
    expect(result.status).toBe(0);
    expect(promoted(result.stdout)).toMatchObject({ outcome: 'unchanged', deploy: { outcome: 'unchanged' } });
    expect(await git(bare, 'rev-parse', 'main')).toBe(head);
  });

  it('writes the previous image back on rollback', async () => {
    const next = await promote([
      '--model',
      'penguins',
      '--version',
      '2',
      '--tag',
      'v1.1.0',
      ...deployFlags(),
    ]);
    expect(promoted(next.stdout).deploy?.outcome).toBe('committed');
    expect((await rendered(bare, 'overlays/production'))[0]).toBe(pulled(penguins2));
    const back = await promote(['--model', 'penguins', '--to', 'production', '--rollback', ...deployFlags()]);
    expect(back.status).toBe(0);
    expect(promoted(back.stdout)).toMatchObject({
      action: 'rollback',
      version: '1',
      // Version 1's digest under the release tag it had when it last held production.
      deploy: { outcome: 'committed', image: pinned(penguins1, 'v1.0.0') },
    });
    expect((await rendered(bare, 'overlays/production'))[0]).toBe(pulled(penguins1));
    // The overlay is again the text the v1.0.0 hand-off wrote, byte for byte.
    expect(await shown(bare, prodOverlay)).toBe(await shown(bare, prodOverlay, 'main~2'));
    expect(await git(bare, 'log', '-1', '--format=%s', 'main')).toBe(
      'roll back penguins version 1 to production',
    );
  });

  it('hands off an image kept in an OCI layout by the repository it is copied to, whose digest skopeo keeps', async () => {
    const trained = await project.mlci(trainArgs('walrus'));
    expect(trained.status).toBe(0);
    const layout = join(parent, 'walrus-layout');
    const built = await project.mlci([
      'build-image',
      '--model',
      'model',
      '--tag',
      '1',
      '--oci-layout',
      layout,
      '--train-result',
      '.mlci/train.json',
      '--attach-to',
      'walrus@1',
      '--json',
    ]);
    expect(built.status).toBe(0);
    const { digest } = (JSON.parse(built.stdout) as { image: { digest: string } }).image;
    const walrusBare = await deployRepository(parent, 'walrus-deploy', {
      'kustomization.yaml': `resources:\n  - deployment.yaml\nimages:\n  - name: walrus\n    newName: ${registry.host}/mirror/walrus\n    newTag: bootstrap\n`,
      'deployment.yaml': base['base/deployment.yaml']
        .replace(/ {8}- name: otters\n.*\n/, '')
        .replace(/penguins/g, 'walrus'),
    });
    const handoff = (extra: string[]) =>
      promote([
        '--model',
        'walrus',
        '--version',
        '1',
        '--to',
        'qa',
        '--deploy-repo',
        walrusBare,
        '--deploy-file',
        'kustomization.yaml',
        ...extra,
      ]);
    const refused = await handoff([]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      `mlci: error: deploy: the image of walrus version 1 is only in an OCI layout (oci:${layout}:1)`,
    );
    const tagged = await handoff(['--deploy-image', `${registry.host}/mirror/walrus:1`]);
    expect(tagged.status).toBe(2);
    expect(tagged.stderr).toContain('names a tag or digest: give the repository only');

    const result = await handoff(['--deploy-image', `${registry.host}/mirror/walrus`]);
    expect(result.status).toBe(0);
    expect(promoted(result.stdout).deploy).toMatchObject({
      outcome: 'committed',
      image: `${registry.host}/mirror/walrus:1@${digest}`,
    });
    // The copy a release job makes (skopeo here, crane or oras alike) keeps the manifest, so the cluster pulls
    // exactly the digest the hand-off wrote.
    await run('skopeo', [
      'copy',
      '--quiet',
      '--dest-tls-verify=false',
      `oci:${layout}:1`,
      `docker://${registry.host}/mirror/walrus:1`,
    ]);
    const [image] = await rendered(walrusBare, '.');
    const { stdout } = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${image}`]);
    const pulledDigest = `sha256:${createHash('sha256').update(stdout).digest('hex')}`;
    expect(image).toBe(`${registry.host}/mirror/walrus@${digest}`);
    expect(pulledDigest).toBe(digest);
  });

  it('takes a file per alias from mlci.yaml: an alias without one moves without a hand-off', async () => {
    await writeFile(
      join(project.dir, 'deploy-config.yaml'),
      [
        'promote:',
        `  deploy-repo: ${bare}`,
        '  deploy-file:',
        `    - production=${prodOverlay}`,
        '    - staging=overlays/staging/kustomization.yaml',
        '',
      ].join('\n'),
    );
    const head = await git(bare, 'rev-parse', 'main');
    const qa = await promote([
      '--config',
      'deploy-config.yaml',
      '--model',
      'otters',
      '--version',
      '1',
      '--to',
      'qa',
    ]);
    expect(qa.status).toBe(0);
    expect(promoted(qa.stdout).deploy).toBeUndefined();
    expect(qa.stderr).toContain(`deploy: no deploy-file for qa: nothing handed to ${bare}`);
    expect(await git(bare, 'rev-parse', 'main')).toBe(head);

    const production = await shown(bare, prodOverlay);
    const staging = await promote([
      '--config',
      'deploy-config.yaml',
      '--model',
      'otters',
      '--version',
      '1',
      '--to',
      'staging',
    ]);
    expect(promoted(staging.stdout).deploy?.files).toEqual([
      { path: 'overlays/staging/kustomization.yaml', kind: 'kustomization' },
    ]);
    expect(await rendered(bare, 'overlays/staging')).toEqual([
      `${registry.host}/acme/penguins:bootstrap`,
      pulled(otters1),
    ]);
    expect(await shown(bare, prodOverlay)).toBe(production);
  });
});

describe('Helm values and plain manifests', () => {
  const values = [
    '# values for the penguins chart',
    'replicaCount: 2',
    '',
    'image:',
    '  repository: nginx # replaced by the release',
    '  pullPolicy: IfNotPresent',
    '  # Overrides the image tag whose default is the chart appVersion.',
    '  tag: ""',
    '',
  ].join('\n');
  const cronJob = [
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata:',
    '  name: rescore',
    'spec:',
    '  schedule: "0 3 * * *"',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        spec:',
    '          restartPolicy: Never',
    '          containers:',
    '            - name: score',
    '              image: example/placeholder:0 # set by mlci',
    '',
  ].join('\n');

  it('sets the image key of Helm values, and a container of a manifest by name', async () => {
    const bare = await deployRepository(parent, 'charts', {
      'penguins/values.yaml': values,
      'jobs/rescore.yaml': cronJob,
    });
    const helm = await promote([
      '--model',
      'penguins',
      '--version',
      '1',
      '--to',
      'staging',
      '--deploy-repo',
      bare,
      '--deploy-file',
      'penguins/values.yaml',
      '--deploy-key',
      'image',
    ]);
    expect(helm.status).toBe(0);
    expect(promoted(helm.stdout).deploy?.files).toEqual([
      { path: 'penguins/values.yaml', kind: 'helm-values' },
    ]);
    const helmValues = await shown(bare, 'penguins/values.yaml');
    expect(parse(helmValues)).toEqual({
      replicaCount: 2,
      image: {
        repository: penguins1.reference.replace(/:1$/, ''),
        pullPolicy: 'IfNotPresent',
        tag: `1@${penguins1.digest}`,
      },
    });
    expect(
      helmValues.replace(/repository: \S+/, 'repository: nginx').replace(/tag: "[^"]+"/, 'tag: ""'),
    ).toBe(values);

    const manifest = await promote([
      '--model',
      'otters',
      '--version',
      '1',
      '--to',
      'canary',
      '--deploy-repo',
      bare,
      '--deploy-file',
      'jobs/rescore.yaml',
      '--deploy-container',
      'score',
    ]);
    expect(manifest.status).toBe(0);
    const job = await shown(bare, 'jobs/rescore.yaml');
    expect(job).toBe(cronJob.replace('example/placeholder:0', pinned(otters1, '1')));
  });

  it('exits 2 naming the file and what is missing, and without an image on the version', async () => {
    const bare = await deployRepository(parent, 'missing', { 'values.yaml': values });
    const noKey = await promote([
      '--model',
      'penguins',
      '--version',
      '2',
      '--to',
      'qa',
      '--deploy-repo',
      bare,
      '--deploy-file',
      'values.yaml',
      '--deploy-key',
      'model.image',
    ]);
    expect(noKey.status).toBe(2);
    expect(noKey.stderr).toContain('mlci: error: values.yaml: no key model.image in these Helm values');
    // Found before the alias moved: qa has no holder still.
    const after = await promote(['--model', 'penguins', '--version', '2', '--to', 'qa', '--dry-run']);
    expect(promoted(after.stdout)).toMatchObject({ outcome: 'planned', previous: null });
    const noFile = await promote([
      '--model',
      'penguins',
      '--version',
      '2',
      '--to',
      'qa',
      '--deploy-repo',
      bare,
      '--deploy-file',
      'nope.yaml',
    ]);
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toContain(`deploy-file nope.yaml: not in ${bare}`);

    const bareModel = await project.mlci(trainArgs('seals'));
    expect(bareModel.status).toBe(0);
    await writeFile(join(project.dir, 'no-evidence.yaml'), 'promote:\n  require: []\n');
    const noImage = await project.mlci([
      'promote',
      '--model',
      'seals',
      '--version',
      '1',
      '--to',
      'qa',
      // A policy without evidence (as a team may have for qa), so that only the missing image stops it.
      '--config',
      'no-evidence.yaml',
      '--deploy-repo',
      bare,
      '--deploy-file',
      'values.yaml',
      '--deploy-key',
      'image',
    ]);
    expect(noImage.status).toBe(2);
    expect(noImage.stderr).toContain(
      'deploy: seals version 1 has no image to deploy: run build-image with attach-to seals@1',
    );
  });
});

describe('a deploy branch that moves', () => {
  it('re-applies the change on the new head when a push is rejected', async () => {
    const bare = await deployRepository(parent, 'moving', {
      ...base,
      'overlays/production/kustomization.yaml': overlay(registry.host, 'prod'),
    });
    // Another team's commit lands while mlci pushes: the hook pushes it first (once), so mlci's push is rejected.
    const other = join(parent, 'moving-other');
    await run('git', ['clone', '-q', bare, other]);
    await preReceive(
      bare,
      [
        'grep -q refs/heads/main || exit 0',
        '[ -e "$GIT_DIR/moved" ] && exit 0',
        'touch "$GIT_DIR/moved"',
        // The hook runs in git's quarantine: the other team's push must leave it.
        'unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_DIR GIT_PUSH_OPTION_COUNT',
        `cd '${other}' && echo note >> README && git add README && git -c user.email=o@example.com -c user.name=Other commit -qm 'another change' && git push -q origin HEAD:main`,
      ].join('\n'),
    );
    const result = await promote([
      '--model',
      'penguins',
      '--version',
      '1',
      '--to',
      'production',
      '--deploy-repo',
      bare,
      '--deploy-file',
      'overlays/production/kustomization.yaml',
    ]);
    expect(result.status).toBe(0);
    expect(promoted(result.stdout).deploy).toMatchObject({ outcome: 'committed', attempts: 2 });
    expect(result.stderr).toContain("applying the change again on the branch's new head");
    expect(await readFile(join(project.dir, '.mlci/promote.md'), 'utf8')).toContain(
      `to \`main\` (after 1 rejected push).`,
    );
    expect((await git(bare, 'log', '--format=%s', 'main')).split('\n').slice(0, 2)).toEqual([
      'deploy penguins version 1 to production',
      'another change',
    ]);
    expect((await rendered(bare, 'overlays/production'))[0]).toBe(pulled(penguins1));
  });

  it('lands two models handed off at once to one repository: one retries onto the other', async () => {
    const bare = await deployRepository(parent, 'shared', {
      ...base,
      'overlays/production/kustomization.yaml': overlay(registry.host, 'prod'),
    });
    // Each push waits until the other has arrived too (5 s at most), so both start from the same head.
    await preReceive(
      bare,
      [
        'touch "$GIT_DIR/arrived-$$"',
        'n=0',
        'while [ "$(ls "$GIT_DIR" | grep -c arrived-)" -lt 2 ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n+1)); done',
      ].join('\n'),
    );
    const flags = [
      '--to',
      'production',
      '--deploy-repo',
      bare,
      '--deploy-file',
      'overlays/production/kustomization.yaml',
    ];
    const [a, b] = await Promise.all([
      promote(['--model', 'penguins', '--version', '2', ...flags]),
      promote(['--model', 'otters', '--version', '1', ...flags]),
    ]);
    expect([a.status, b.status]).toEqual([0, 0]);
    const attempts = [promoted(a.stdout).deploy?.attempts, promoted(b.stdout).deploy?.attempts].sort();
    expect(attempts).toEqual([1, 2]);
    expect(await rendered(bare, 'overlays/production')).toEqual([pulled(penguins2), pulled(otters1)]);
  });

  it('gives up with exit 3 and nothing pushed when every push is rejected', async () => {
    const bare = await deployRepository(parent, 'locked', { 'values.yaml': 'image:\n  tag: x\n' });
    await preReceive(bare, 'echo "main is frozen" >&2; exit 1');
    const head = await git(bare, 'rev-parse', 'main');
    const result = await promote([
      '--model',
      'penguins',
      '--version',
      '1',
      '--to',
      'frozen',
      '--deploy-repo',
      bare,
      '--deploy-file',
      'values.yaml',
      '--deploy-key',
      'image',
    ]);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(
      `mlci: error: deploy repository ${bare}: 4 pushes to main were rejected (the branch kept moving, or the server refuses: ! [remote rejected] HEAD -> main (pre-receive hook declined)); nothing was pushed`,
    );
    expect(await git(bare, 'rev-parse', 'main')).toBe(head);
    expect(await readFile(join(bare, 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
  });
});

describe('credentials', () => {
  const token = 'deploy-token-5c1e7f0b9a';
  const header = `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;

  it('sends MLCI_DEPLOY_TOKEN as a header only: never in output, nor in the clone’s .git/config', async () => {
    const root = await mkdtemp(join(parent, 'http-'));
    await deployRepository(root, 'deploy', { 'values.yaml': 'image:\n  repository: x\n  tag: y\n' });
    const scratch = await mkdtemp(join(parent, 'tmp-'));
    const configs: string[] = [];
    const server = await startGitHttpServer(root, {
      authorization: header,
      // While mlci pushes, its clone is on disk: what did it store?
      onPush: () => {
        for (const entry of readdirSync(scratch).filter((name) => name.startsWith('mlci-deploy-')))
          configs.push(readFileSync(join(scratch, entry, '.git', 'config'), 'utf8'));
      },
    });
    const repoUrl = `${server.url}/deploy.git`;
    try {
      const result = await promote(
        [
          '--model',
          'penguins',
          '--version',
          '1',
          '--to',
          'web',
          '--deploy-repo',
          repoUrl,
          '--deploy-file',
          'values.yaml',
          '--deploy-key',
          'image',
        ],
        { MLCI_DEPLOY_TOKEN: token, TMPDIR: scratch },
      );
      expect(result.status).toBe(0);
      expect(promoted(result.stdout).deploy?.outcome).toBe('committed');
      expect(server.authorizations).toContain(header);
      expect(configs.length).toBeGreaterThan(0);
      for (const config of configs) {
        expect(config).toContain(`url = ${repoUrl}\n`);
        expect(config).not.toContain(token);
        expect(config).not.toContain(header);
      }
      for (const text of [result.stdout, result.stderr]) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(header.slice(6));
      }
      expect(parse(await shown(join(root, 'deploy.git'), 'values.yaml')).image.tag).toBe(
        `1@${penguins1.digest}`,
      );
      // Without the token the server refuses: exit 3, and the message says what git said.
      const refused = await promote([
        '--model',
        'penguins',
        '--version',
        '1',
        '--to',
        'web2',
        '--deploy-repo',
        repoUrl,
        '--deploy-file',
        'values.yaml',
        '--deploy-key',
        'image',
      ]);
      expect(refused.status).toBe(3);
      expect(refused.stderr).toContain(`mlci: error: deploy repository ${repoUrl}: git clone failed:`);
    } finally {
      await server.close();
    }
  });

  it('refuses credentials in the URL, masked', async () => {
    const result = await promote([
      '--model',
      'penguins',
      '--version',
      '1',
      '--to',
      'web3',
      '--deploy-repo',
      `https://team:${token}@git.example/deploy.git`,
      '--deploy-file',
      'values.yaml',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      "mlci: error: --deploy-repo 'https://***@git.example/deploy.git': credentials in the URI are refused, since it is printed in messages, reports and records; set MLCI_DEPLOY_TOKEN instead",
    );
    expect(result.stderr + result.stdout).not.toContain(token);
  });
});
