import { cp, mkdtemp, symlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { repoRoot } from '../support/cli';

/** The project every docs example runs in: data/train.csv, data/test.csv and schema.yaml at its root. */
export const exampleProject = join(repoRoot, 'examples/breast-cancer');

/**
 * A fresh copy of the example project under `parent`, without reports or outputs of earlier runs, with this
 * checkout's node_modules linked in: the example's JavaScript trainer imports ml-logistic-regression, as it
 * would in a project that ran `npm install`.
 */
export async function copyExample(parent: string, name: string): Promise<string> {
  const dir = await mkdtemp(join(parent, `${name.replace(/[^\w.-]+/g, '-')}-`));
  await cp(exampleProject, dir, {
    recursive: true,
    filter: (source) => !['.mlci', '.gitlab-ci-local', 'model', 'metrics.json'].includes(basename(source)),
  });
  await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}
