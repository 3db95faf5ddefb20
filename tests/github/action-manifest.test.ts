import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { findStep, optionsOf, type StepDefinition } from '@mlci/core';
import { parse } from 'yaml';
import { parseActionManifest, repoRoot } from './action-manifest';

const actionNames = readdirSync(join(repoRoot, 'actions'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(repoRoot, 'actions', entry.name, 'action.yml')))
  .map((entry) => entry.name);
const manifestText = (name: string) => readFileSync(join(repoRoot, 'actions', name, 'action.yml'), 'utf8');

// biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JavaScript template
const githubToken = '${{ github.token }}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JavaScript template
const secretsToken = '${{ secrets.GITHUB_TOKEN }}';

/** Inputs an mlci action has besides its step's options: every action's, and promote's deploy repository token. */
const platformInputs = (step: string) => ['token', 'config', ...(step === 'promote' ? ['deploy-token'] : [])];

interface ManifestInput {
  description?: string;
  required?: boolean;
  default?: unknown;
}

/** Differences between a manifest's inputs and the step's options (the single source); empty when in sync. */
function inputDrift(step: StepDefinition, manifest: { inputs?: Record<string, ManifestInput> }): string[] {
  const inputs = manifest.inputs ?? {};
  const problems: string[] = [];
  const options = optionsOf(step.input);
  for (const option of options) {
    const input = inputs[option.name];
    if (!input) {
      problems.push(`${option.name}: option has no input`);
      continue;
    }
    // A list input says how to give several items: one per line, as runAction splits them. Then what empty means.
    const description = option.kind === 'list' ? `${option.description} One per line.` : option.description;
    if (!input.description?.startsWith(description)) {
      problems.push(
        `${option.name}: description "${input.description}" does not start with "${description}"`,
      );
    }
    if (!input.description?.includes(`mlci.yaml's \`${step.name}.${option.name}\``)) {
      problems.push(
        `${option.name}: description does not say that mlci.yaml's ${step.name}.${option.name} applies`,
      );
    }
    // mlci.yaml may give any option: an input left out must leave it alone, so none is required or defaulted.
    if (input.required === true) problems.push(`${option.name}: required, but mlci.yaml may give it`);
    if (input.default !== undefined)
      problems.push(`${option.name}: default ${String(input.default)} would override mlci.yaml`);
  }
  const known = new Set([...options.map((option) => option.name), ...platformInputs(step.name)]);
  for (const name of Object.keys(inputs)) if (!known.has(name)) problems.push(`${name}: input has no option`);
  return problems;
}

describe('action.yml files', () => {
  it('are found', () => {
    expect(actionNames).toContain('validate-data');
  });

  it.each(actionNames)('actions/%s/action.yml passes GitHub’s action schema', async (name) => {
    const { errors, template } = await parseActionManifest(`actions/${name}/action.yml`, manifestText(name));
    expect(errors).toEqual([]);
    expect(template?.runs).toEqual({ using: 'node24', main: 'dist/index.mjs' });
    // The bundle named by `main` is built from this source by scripts/build.mjs.
    expect(existsSync(join(repoRoot, 'actions', name, 'src/main.ts'))).toBe(true);
    expect(template?.inputs?.find((input) => input.id === 'token')?.default?.toString()).toBe(githubToken);
    // The deploy repository's token: the workflow's own unless the workflow gives one for another repository.
    const deployToken = template?.inputs?.find((input) => input.id === 'deploy-token');
    expect(deployToken?.default?.toString()).toBe(name === 'promote' ? githubToken : undefined);
  });

  it.each(actionNames)('actions/%s/action.yml inputs mirror the step’s options', (name) => {
    const step = findStep(name);
    expect(step).toBeDefined();
    expect(inputDrift(step as StepDefinition, parse(manifestText(name)))).toEqual([]);
  });
});

describe('the checks catch broken manifests', () => {
  const valid = manifestText('validate-data');

  it.each([
    ['an unknown top-level key', valid.replace(/^inputs:/m, 'input:')],
    ['an unknown runtime', valid.replace('using: node24', 'using: node99')],
    ['a node action without main', valid.replace(/^ {2}main: .*$/m, '')],
    ['no description', valid.replace(/^description: .*$/m, '')],
    ['a branding icon GitHub does not offer', valid.replace(/icon: .*$/m, 'icon: tool')],
    ['a default reading secrets', valid.replace(githubToken, secretsToken)],
    ['invalid YAML', `${valid}\n  : [unclosed\n`],
  ])('schema rejects %s', async (_, content) => {
    expect(content).not.toBe(valid);
    const { errors } = await parseActionManifest('action.yml', content);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('drift check reports a renamed, a re-described, a required and a defaulted input', () => {
    const step = findStep('validate-data') as StepDefinition;
    const manifest = parse(valid) as { inputs: Record<string, ManifestInput> };
    const { out = {}, ...rest } = manifest.inputs;
    const changed = {
      inputs: {
        ...rest,
        'out-dir': out,
        force: { ...rest.force, default: 'false' },
        schema: { ...rest.schema, required: true },
        data: { ...rest.data, description: 'The data.' },
      },
    };
    const data = optionsOf(step.input).find((o) => o.name === 'data')?.description;
    expect(inputDrift(step, changed)).toEqual([
      `data: description "The data." does not start with "${data}"`,
      "data: description does not say that mlci.yaml's validate-data.data applies",
      'schema: required, but mlci.yaml may give it',
      'force: default false would override mlci.yaml',
      'out: option has no input',
      'out-dir: input has no option',
    ]);
  });
});
