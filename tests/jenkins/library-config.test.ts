// The library configuration docs/jenkins.md gives (Configuration as Code YAML and the dynamic `library` step),
// which no Jenkins runs here: their keys are read and checked against what Jenkins needs of this repository. The
// library path must hold the library (vars/, src/, resources/, what Jenkins copies), the version must be this
// release's tag, the remote the repository's.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readBlocks } from '../docs/markdown';
import { cliVersion } from '../docs/shell';
import { repoRoot } from '../support/cli';

const remote = 'https://github.com/mlci-dev/mlci.git';
const blocks = readBlocks(repoRoot, 'docs/jenkins.md');

interface Library {
  name: string;
  defaultVersion: string;
  retriever: { modernSCM: { libraryPath: string; scm: { git: { remote: string } } } };
}

test('the Configuration as Code block defines library mlci at this release, from jenkins/ of this repository', () => {
  const casc = blocks.filter((block) => block.lang === 'yaml' && block.text.includes('globalLibraries'));
  expect(casc).toHaveLength(1);
  const config = parse(casc[0]?.text ?? '') as {
    unclassified: { globalLibraries: { libraries: Library[] } };
  };
  const [library] = config.unclassified.globalLibraries.libraries;
  expect(library).toMatchObject({
    name: 'mlci',
    defaultVersion: `v${cliVersion}`,
    retriever: { modernSCM: { libraryPath: 'jenkins/', scm: { git: { remote } } } },
  });
  const root = join(repoRoot, library?.retriever.modernSCM.libraryPath ?? '');
  // What Jenkins copies from the library path (src/**/*.groovy, vars/*.groovy, resources/).
  expect(readdirSync(join(root, 'vars')).filter((file) => file.endsWith('.groovy'))).toContain('mlci.groovy');
  expect(existsSync(join(root, 'src/dev/mlci/Steps.groovy'))).toBe(true);
  expect(existsSync(join(root, 'resources/dev/mlci/install-binary.sh'))).toBe(true);
});

test('the dynamic `library` step loads the same release from the same path', () => {
  const dynamic = blocks.filter(
    (block) => block.lang === 'groovy' && /^library identifier:/m.test(block.text),
  );
  expect(dynamic).toHaveLength(1);
  const text = dynamic[0]?.text ?? '';
  expect(text).toContain(`identifier: 'mlci@v${cliVersion}'`);
  expect(text).toContain("libraryPath: 'jenkins/'");
  expect(text).toContain(`remote: '${remote}'`);
});
