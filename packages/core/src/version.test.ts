import { readFileSync } from 'node:fs';
import { mlciVersion } from './version';

test('mlciVersion is the version of the published packages', () => {
  for (const pkg of ['cli', 'core']) {
    const manifest = JSON.parse(readFileSync(new URL(`../../${pkg}/package.json`, import.meta.url), 'utf8'));
    expect(mlciVersion).toBe(manifest.version);
  }
});
