import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configJsonSchema, sharedSettings, steps } from '@mlci/core';
import { runCli, withTempDir } from '../support/cli';

/**
 * mlci.yaml's shared top-level settings through the CLI bundle: where a value comes from (a flag, the step's
 * section, the top level, the default), what the log says when a flag overrides the file, and the errors.
 */

const trainCommand = "mkdir -p model && printf 'w\\n' > model/w.txt";

/** Runs `mlci train --json` in a fresh repository with this mlci.yaml; the registry the version went to. */
async function registryOfTrain(
  mlciYaml: string,
  flags: string[] = [],
): Promise<{ status: number | null; registry?: string; model?: string; stderr: string }> {
  return withTempDir(async (dir) => {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    writeFileSync(join(dir, 'mlci.yaml'), mlciYaml);
    const run = await runCli(['train', '--json', ...flags], { cwd: dir });
    const result = run.status === 0 ? JSON.parse(run.stdout) : undefined;
    return {
      status: run.status,
      registry: result?.registered?.registry,
      model: result?.registered?.model,
      stderr: run.stderr,
    };
  });
}

const base = `version: 1\nmodel: houses\ntrain:\n  command: ${JSON.stringify(trainCommand)}\n  outputs: model\n`;

test('a value comes from the flag, else the step’s section, else the top level, else the default', async () => {
  const top = `${base}registry: file:top\n`;
  const section = `${top.replace('  outputs: model\n', '  outputs: model\n  registry: file:section\n')}`;
  expect(await registryOfTrain(top)).toMatchObject({ status: 0, registry: 'file:top', model: 'houses' });
  expect(await registryOfTrain(section)).toMatchObject({ status: 0, registry: 'file:section' });
  const flagged = await registryOfTrain(section, ['--registry', 'file:flag', '--register', 'flats']);
  expect(flagged).toMatchObject({ status: 0, registry: 'file:flag', model: 'flats' });
  // Never silent: each value of the file a flag replaced is named, with where it was.
  expect(flagged.stderr).toContain('--registry overrides train.registry of mlci.yaml');
  expect(flagged.stderr).toContain('--register overrides model of mlci.yaml');
  expect(await registryOfTrain(base)).toMatchObject({ status: 0, registry: 'file:.mlci/registry' });
});

test('errors name the file and line of a value from the top level, and both places of a missing option', async () => {
  const wrongType = await registryOfTrain(`${base}registry: 5\n`);
  expect(wrongType.status).toBe(2);
  expect(wrongType.stderr.trim()).toBe(
    'mlci: error: mlci.yaml:6: registry: Invalid input: expected string, received number',
  );
  const badValue = await registryOfTrain(`${base}registry: ''\n`);
  expect(badValue.status).toBe(2);
  expect(badValue.stderr).toMatch(/^mlci: error: mlci\.yaml:6: registry: /m);
  const noCommand = await registryOfTrain('version: 1\n');
  expect(noCommand.status).toBe(2);
  expect(noCommand.stderr.trim()).toBe('mlci: error: --command is required (or train.command in mlci.yaml)');
  const noModel = await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'mlci.yaml'), 'version: 1\n');
    return runCli(['promote'], { cwd: dir });
  });
  expect(noModel.stderr.trim()).toBe(
    'mlci: error: --model is required (or promote.model or model in mlci.yaml)',
  );
});

test('the JSON Schema has the shared settings at the top, typed as the options they give', () => {
  const schema = configJsonSchema(steps) as {
    properties: Record<string, { type?: string; description?: string }>;
  };
  for (const setting of sharedSettings) {
    expect({ key: setting.name, description: schema.properties[setting.name]?.description }).toEqual({
      key: setting.name,
      description: setting.description,
    });
  }
  expect(schema.properties.registry?.type).toBe('string');
  expect(schema.properties['insecure-registry']?.type).toBe('boolean');
  // The committed copy is the generated one (the stale check in npm test compares them byte for byte).
  const committed = JSON.parse(
    readFileSync(join(import.meta.dirname, '../../docs/mlci.schema.json'), 'utf8'),
  );
  expect(Object.keys(committed.properties)).toEqual(Object.keys(schema.properties));
});
