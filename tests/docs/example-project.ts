import { cp, mkdtemp } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { repoRoot } from '../support/cli';

/** The project every docs example runs in: data/train.csv, data/test.csv and schema.yaml at its root. */
export const exampleProject = join(repoRoot, 'examples/breast-cancer');

/** A fresh copy of the example project under `parent`, without reports of earlier runs. */
export async function copyExample(parent: string, name: string): Promise<string> {
  const dir = await mkdtemp(join(parent, `${name.replace(/[^\w.-]+/g, '-')}-`));
  await cp(exampleProject, dir, {
    recursive: true,
    filter: (source) => !['.mlci', '.gitlab-ci-local'].includes(basename(source)),
  });
  return dir;
}
