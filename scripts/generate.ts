// Writes the files derived from the step schemas under the root given as argv[2]; prints their paths as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { configJsonSchema, steps } from '@mlci/core';

const root = process.argv[2] ?? '.';
const files: Record<string, string> = {};
const schema = `${JSON.stringify(configJsonSchema(steps), null, 2)}\n`;
files['docs/mlci.schema.json'] = schema;
files['packages/cli/mlci.schema.json'] = schema;

for (const [file, content] of Object.entries(files)) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
}
process.stdout.write(JSON.stringify(Object.keys(files)));
