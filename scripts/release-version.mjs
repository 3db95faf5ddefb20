#!/usr/bin/env node
// What a release tag means, for the release pipelines: `node scripts/release-version.mjs <tag> [existing tags…]`.
// Fails (exit 1, one line) unless the tag is `v<version>` of the root package.json and every workspace package has
// that version, so a tag cut before `npm run version:set` publishes nothing. Prints key=value lines for
// $GITHUB_OUTPUT (or a dotenv report): the version; whether it is the latest release (a stable one newer than
// every existing tag); the npm dist-tag (`latest`, `next` for a pre-release, `latest-v0` for an older line's patch);
// the major tag the release moves (`v0` for 0.x, `v1` for 1.x) and whether to move it: only for a stable release
// that is the newest of its major, so a patch of an old line cannot move it back.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [tag, ...existingTags] = process.argv.slice(2);
const fail = (message) => {
  console.error(`release: ${message}`);
  process.exit(1);
};
const manifestOf = (dir) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));

const { version, workspaces = [] } = manifestOf('.');
if (!tag) fail('usage: node scripts/release-version.mjs <tag> [existing tags...]');
if (tag !== `v${version}`)
  fail(
    `tag ${tag} is not v${version}, the version in package.json (run npm run version:set -- <x.y.z> first)`,
  );
for (const dir of workspaces) {
  const other = manifestOf(dir).version;
  if (other !== version)
    fail(`${dir}/package.json has version ${other}, not ${version} (run npm run version:set)`);
}

const stable = /^v(\d+)\.(\d+)\.(\d+)$/;
const parts = (name) => stable.exec(name)?.slice(1).map(Number);
const notOlder = (a, b) => (a[0] - b[0] || a[1] - b[1] || a[2] - b[2]) >= 0;
const own = parts(tag);
const others = existingTags.map(parts).filter((other) => other !== undefined);
// The newest stable release of all is npm's `latest` and GitHub's latest release; an older line's patch is not.
const latest = own !== undefined && others.every((other) => notOlder(own, other));
const moveMajor = own !== undefined && others.every((other) => other[0] !== own[0] || notOlder(own, other));
const major = `v${version.split('.')[0]}`;

const outputs = [
  `version=${version}`,
  `prerelease=${own === undefined}`,
  `latest=${latest}`,
  `npm-tag=${own === undefined ? 'next' : latest ? 'latest' : `latest-${major}`}`,
  `major=${major}`,
  `move-major=${moveMajor}`,
];
process.stdout.write(`${outputs.join('\n')}\n`);
