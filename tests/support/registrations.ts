// What every registry backend must do with registrations (issue 13.1), run by each backend's own tests against
// its real store (file:, the test docker-registry, the loopback MLflow and GitLab servers).
import { expect } from '@jest/globals';
import type { FileSet } from '../../packages/core/src/io/file-set';
import type { ModelRegistry, RegisterRequest } from '../../packages/core/src/registry/registry';
import { versionRegisteredFrom } from '../../packages/core/src/registry/version-ref';

export const commits = {
  first: '1111111111111111111111111111111111111111',
  second: '2222222222222222222222222222222222222222',
  third: '3333333333333333333333333333333333333333',
  fourth: '4444444444444444444444444444444444444444',
};

function request(
  model: string,
  outputs: { directory: string; fileSet: FileSet },
  commit: string,
  runId: string,
): RegisterRequest {
  return {
    model,
    ...outputs,
    labels: { 'dev.mlci.run.id': runId, 'org.opencontainers.image.revision': commit },
    attachments: [
      {
        kind: 'lineage',
        mediaType: 'application/vnd.mlci.run.v1+json',
        content: new TextEncoder().encode(`{"runId":"${runId}"}`),
      },
    ],
    registration: {
      commit,
      runId,
      runUrl: `https://ci.example/runs/${runId}`,
      pipeline: `pipeline-${runId}`,
      time: new Date().toISOString(),
    },
  };
}

/**
 * Same content from two commits: one version with both registrations, found from either commit; a retry from
 * a commit adds nothing; two registrations at once both land; new content from a commit that registered an
 * older version too: that commit's version is the newest. `same` and `other` hold the same files, `next` others.
 */
export async function checkRegistrations(
  registry: ModelRegistry,
  model: string,
  outputs: {
    same: { directory: string; fileSet: FileSet };
    other: { directory: string; fileSet: FileSet };
    next: { directory: string; fileSet: FileSet };
  },
): Promise<void> {
  const first = await registry.register(request(model, outputs.same, commits.first, 'run-1'));
  expect(first.created).toBe(true);
  expect(first.version.registrations).toEqual([
    expect.objectContaining({
      commit: commits.first,
      runId: 'run-1',
      runUrl: 'https://ci.example/runs/run-1',
    }),
  ]);
  // The same bytes, trained again from another commit: the same version, registered twice.
  const again = await registry.register(request(model, outputs.other, commits.second, 'run-2'));
  expect(again.created).toBe(false);
  expect(again.version.version).toBe(first.version.version);
  expect(again.version.registrations.map((each) => [each.commit, each.runId, each.pipeline])).toEqual([
    [commits.first, 'run-1', 'pipeline-run-1'],
    [commits.second, 'run-2', 'pipeline-run-2'],
  ]);
  // Registrations are not evidence: the attachments are the two runs' lineage only.
  expect(again.version.attachments.map((each) => each.kind)).toEqual(['lineage', 'lineage']);
  // A retried job (the same commit again) adds no second registration.
  const retried = await registry.register(request(model, outputs.same, commits.second, 'run-2b'));
  expect(retried.version.registrations).toHaveLength(2);
  for (const commit of [commits.first, commits.second, commits.second.slice(0, 7)])
    expect((await versionRegisteredFrom(registry, model, commit))?.version).toBe(first.version.version);
  expect(await versionRegisteredFrom(registry, model, commits.third)).toBeUndefined();

  // Two registrations at the same moment: neither is lost.
  await Promise.all([
    registry.register(request(model, outputs.same, commits.third, 'run-3')),
    registry.register(request(model, outputs.other, commits.fourth, 'run-4')),
  ]);
  const read = await registry.getVersion(model, first.version.version);
  expect(read.registrations.map((each) => each.commit).sort()).toEqual(
    [commits.first, commits.second, commits.third, commits.fourth].sort(),
  );
  expect((await registry.listVersions(model))[0]?.registrations).toHaveLength(4);

  // New content from a commit that registered the first version too: "the version registered from that
  // commit" is the newest; `latest` is the newest version.
  const next = await registry.register(request(model, outputs.next, commits.second, 'run-5'));
  expect(next.created).toBe(true);
  expect(next.version.registrations.map((each) => each.commit)).toEqual([commits.second]);
  expect((await versionRegisteredFrom(registry, model, commits.second))?.version).toBe(next.version.version);
  expect((await versionRegisteredFrom(registry, model, commits.first))?.version).toBe(first.version.version);
  expect((await registry.getVersion(model, 'latest')).version).toBe(next.version.version);
}
