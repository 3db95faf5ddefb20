import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { optionsOf, validateDataStep } from '@mlci/core';
import AjvModule from 'ajv';
import { type Component, interpolate, loadComponent, readmeInputs } from './component';

const root = join(import.meta.dirname, '..', '..');
const templatePath = join(root, 'gitlab-templates', 'validate-data.yml');
/** Inputs about the GitLab job itself rather than the step. */
const platformInputs = ['job-name', 'stage', 'version', 'image', 'rules', 'config'];

// ajv is CommonJS: its class is the default export's `default`.
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ??
  AjvModule) as typeof AjvModule;

let component: Component;
let validate: ReturnType<InstanceType<typeof Ajv>['compile']>;

beforeAll(async () => {
  component = await loadComponent(templatePath);
  const schema = JSON.parse(
    await readFile(join(import.meta.dirname, 'fixtures', 'gitlab-ci.schema.json'), 'utf8'),
  );
  // strict: false because GitLab's schema uses keywords ajv does not know (markdownDescription); formats
  // (uri, uri-reference) need ajv-formats, which this repository does not have, and say little about a job.
  validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
});

function job(document: Record<string, unknown>, name = 'validate-data'): Record<string, unknown> {
  return document[name] as Record<string, unknown>;
}

function errorsOf(document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

describe('validate-data component inputs', () => {
  test('mirror the step options one to one, plus the platform inputs', () => {
    const stepOptions = optionsOf(validateDataStep.input).map((option) => option.name);
    const inputs = Object.keys(component.header.spec.inputs);
    expect(inputs.filter((name) => !platformInputs.includes(name)).sort()).toEqual([...stepOptions].sort());
    expect(inputs).toEqual(expect.arrayContaining(platformInputs));
  });

  test('have the type, default and allowed values of their option', () => {
    for (const option of optionsOf(validateDataStep.input)) {
      const input = component.header.spec.inputs[option.name];
      // Always explicit: GitLab's schema reads an input without `type` as every type at once.
      expect({ option: option.name, type: input?.type }).toEqual({
        option: option.name,
        // An optional number without a default is text that must read as a number, or empty.
        type:
          option.kind === 'boolean'
            ? 'boolean'
            : option.kind === 'number' && option.defaultValue !== undefined
              ? 'number'
              : 'string',
      });
      // A required option has no default, so GitLab refuses a pipeline that leaves it out.
      if (option.required)
        expect({ option: option.name, default: input?.default }).toEqual({ option: option.name });
      // A list is one text of space-separated paths or globs.
      else if (option.kind === 'list')
        expect({ option: option.name, default: input?.default }).toEqual({
          option: option.name,
          default: '',
        });
      else if (option.defaultValue !== undefined) expect(input?.default).toEqual(option.defaultValue);
      else
        expect({ option: option.name, default: input?.default }).toEqual({
          option: option.name,
          default: '',
        });
      if (option.choices) {
        const alternatives = /^\^\((.*)\)\?\$$/.exec(input?.regex ?? '')?.[1]?.split('|');
        expect({ option: option.name, choices: alternatives }).toEqual({
          option: option.name,
          choices: [...option.choices],
        });
      }
      expect(input?.description).toEqual(expect.any(String));
    }
  });

  test('each reach the CLI as their flag, text through a job variable', () => {
    const body = interpolate(component, { data: 'data/train.csv' });
    const { variables, script } = job(body) as { variables: Record<string, string>; script: string[] };
    const text = script.join('\n');
    for (const option of [...optionsOf(validateDataStep.input).map((o) => o.name), 'config']) {
      expect(text).toContain(`--${option}`);
      // Booleans and numbers with defaults are typed by GitLab and go into the script as text.
      if (component.header.spec.inputs[option]?.type !== 'string') continue;
      const variable = `MLCI_INPUT_${option.toUpperCase().replace(/-/g, '_')}`;
      expect(Object.keys(variables)).toContain(variable);
      // A list is split by the shell on purpose (space-separated paths and globs); every other text stays quoted.
      expect(text).toContain(option === 'merge-profiles' ? `in $${variable};` : `"$${variable}"`);
    }
    expect(text).not.toMatch(/\$\[\[/);
  });

  test('are each documented in the README table of the validate-data section', async () => {
    const readme = await readFile(join(root, 'gitlab-templates', 'README.md'), 'utf8');
    expect(readmeInputs(readme, 'validate-data').sort()).toEqual(
      Object.keys(component.header.spec.inputs).sort(),
    );
  });

  test('default to the CLI version of this repository', async () => {
    const cli = JSON.parse(await readFile(join(root, 'packages', 'cli', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(component.header.spec.inputs.version?.default).toBe(cli.version);
    expect(new RegExp(component.header.spec.inputs.version?.regex ?? '').test(cli.version)).toBe(true);
  });
});

describe('validate-data component against GitLab CI JSON schema', () => {
  test('the header is a valid spec', () => {
    expect(errorsOf(component.header)).toEqual([]);
  });

  test('the job is valid once inputs are filled in, with defaults and with every input set', () => {
    expect(errorsOf(interpolate(component, { data: 'data/train.csv' }))).toEqual([]);
    const everything = interpolate(component, {
      'job-name': 'validate-features',
      stage: 'validate',
      version: '1.2.3',
      image: 'registry.example.com/node:22',
      data: 'data/features.parquet',
      schema: 'data/features.schema.yaml',
      'infer-schema': 'data/inferred.yaml',
      force: true,
      format: 'parquet',
      out: 'reports/mlci',
      config: 'ci/mlci.yaml',
      rules: [{ if: '$CI_PIPELINE_SOURCE == "schedule"' }],
    });
    expect(errorsOf(everything)).toEqual([]);
    expect(job(everything, 'validate-features')).toMatchObject({
      stage: 'validate',
      rules: [{ if: '$CI_PIPELINE_SOURCE == "schedule"' }],
      artifacts: {
        when: 'always',
        paths: ['reports/mlci/'],
        reports: { dotenv: 'reports/mlci/validate-data.env' },
      },
    });
    expect((job(everything, 'validate-features').script as string[]).join('\n')).toContain(
      'if [ "true" = "true" ]',
    );
  });

  test('the schema rejects a broken job (so the checks above can fail)', () => {
    const body = interpolate(component, { data: 'data/train.csv' });
    const broken = { ...job(body), artifacts: { ...(job(body).artifacts as object), when: 'sometimes' } };
    expect(errorsOf({ 'validate-data': broken })).toContain(
      '/validate-data/artifacts/when must be equal to one of the allowed values',
    );
    expect(errorsOf({ 'validate-data': { ...job(body), artifact: { paths: ['.mlci/'] } } })).toContain(
      '/validate-data must NOT have additional properties',
    );
  });

  test('the schema rejects a malformed header', () => {
    const header = {
      spec: { inputs: { ...component.header.spec.inputs, force: { type: 'flag', default: false } } },
    };
    expect(errorsOf(header).length).toBeGreaterThan(0);
  });

  test('interpolation refuses an unknown input and a missing required one, as GitLab does', () => {
    const required: Component = {
      header: { spec: { inputs: { data: { type: 'string' } } } },
      body: { job: { script: ['mlci validate-data --data "$[[ inputs.data ]]"'] } },
    };
    expect(() => interpolate(required, {})).toThrow('`data` input: required value has not been provided');
    const typo = { ...component, body: { job: { script: ['echo $[[ inputs.dta ]]'] } } };
    expect(() => interpolate(typo, { data: 'x.csv' })).toThrow('unknown interpolation key: dta');
  });
});
