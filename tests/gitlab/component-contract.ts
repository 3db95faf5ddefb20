import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { optionsOf } from '@mlci/core';
import AjvModule from 'ajv';
import { type Component, interpolate, loadComponent, readmeInputs, scriptArgv } from './component';

/**
 * The checks every GitLab component of this repository must pass, whatever its step: its inputs mirror the
 * step's options, each with the option's type, default and choices; the README documents each; the header and
 * the job validate against GitLab's CI JSON schema. A test file registers them with its step's specifics and
 * keeps its step-specific tests beside them.
 */

const root = join(import.meta.dirname, '..', '..');

/** Inputs about the GitLab job itself rather than the step, in every component. */
export const jobInputs = ['job-name', 'stage', 'version', 'install', 'image', 'rules', 'config'] as const;

// ajv is CommonJS: its class is the default export's `default`.
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ??
  AjvModule) as typeof AjvModule;

/** A component loaded for a test file, and GitLab's CI schema to check documents with. */
export interface ComponentUnderTest {
  /** templates/<name>.yml; also the README section and the default job name. */
  readonly name: string;
  readonly component: Component;
  /** The schema errors of a document (a header or jobs), as `<path> <message>`; none when it is valid. */
  errorsOf(document: unknown): string[];
}

/** GitLab's CI JSON schema, compiled: the errors of a document as `<path> <message>`, none when it is valid. */
export async function gitlabCiSchema(): Promise<(document: unknown) => string[]> {
  const schema = JSON.parse(
    await readFile(join(import.meta.dirname, 'fixtures', 'gitlab-ci.schema.json'), 'utf8'),
  );
  // strict: false because GitLab's schema uses keywords ajv does not know (markdownDescription); formats
  // (uri, uri-reference) need ajv-formats, which this repository does not have, and say little about a job.
  const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
  return (document) =>
    validate(document)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** Loads templates/<name>.yml and compiles GitLab's CI schema before the file's tests run. */
export function componentUnderTest(name: string): ComponentUnderTest {
  let component: Component | undefined;
  let errorsOf: ((document: unknown) => string[]) | undefined;
  beforeAll(async () => {
    component = await loadComponent(join(root, 'templates', `${name}.yml`));
    errorsOf = await gitlabCiSchema();
  });
  return {
    name,
    get component() {
      if (!component) throw new Error(`${name}: the component is read in beforeAll`);
      return component;
    },
    errorsOf(document) {
      if (!errorsOf) throw new Error(`${name}: the schema is compiled in beforeAll`);
      return errorsOf(document);
    },
  };
}

export interface InputContract {
  /** The step's input schema (its options). */
  input: Parameters<typeof optionsOf>[0];
  /** Inputs about the job rather than the step: jobInputs, plus the component's own (a `cache:`, say). */
  platformInputs: readonly string[];
  /** Step options whose input has another name (promote's --version is `model-version`). */
  renamed?: Record<string, string>;
  /**
   * Options the job itself needs when the pipeline is created (`out`, for the artifacts' paths): they keep the
   * option's default (or are required) and are always passed. Every other option input means "not set" until
   * the pipeline sets it. Default: `out`.
   */
  jobOptions?: readonly string[];
  /** Every input set to something other than its default, when the file has such a set: it must cover each. */
  everything?: Record<string, unknown>;
}

type Option = ReturnType<typeof optionsOf>[number];

/**
 * What an option's input must be. Always an explicit type: GitLab's schema reads an input without `type` as any
 * type. A job option is the option as it is; every other input says "not set" by default, so that mlci.yaml
 * applies: empty text, or false for a boolean (the CLI has no way to say false either). An empty default cannot
 * be a typed number, so numbers are text checked by a regex, as choices are (`^(a|b)?$` takes empty too).
 */
function expectedInput(option: Option, jobOption: boolean): Record<string, unknown> {
  if (jobOption)
    return { type: option.kind === 'number' ? 'number' : 'string', default: option.defaultValue };
  if (option.kind === 'boolean') return { type: 'boolean', default: false };
  return { type: 'string', default: '' };
}

/** Registers, in the enclosing describe, the tests every component's inputs must pass. */
export function testInputContract(subject: ComponentUnderTest, contract: InputContract): void {
  const inputName = (option: string) => contract.renamed?.[option] ?? option;
  const jobOptions = contract.jobOptions ?? ['out'];
  const renames = Object.entries(contract.renamed ?? {})
    .map(([option, input]) => `${option} as ${input}`)
    .join(', ');
  const inputsOf = () => subject.component.header.spec.inputs;

  test(`mirror the step options one to one${renames ? ` (${renames})` : ''}, plus the platform inputs`, () => {
    const stepOptions = optionsOf(contract.input).map((option) => inputName(option.name));
    const inputs = Object.keys(inputsOf());
    expect(inputs.filter((name) => !contract.platformInputs.includes(name)).sort()).toEqual(
      [...stepOptions].sort(),
    );
    expect(inputs).toEqual(expect.arrayContaining([...contract.platformInputs]));
    // The file's input set covers every input, so its argv test sees each flag.
    if (contract.everything) expect(Object.keys(contract.everything).sort()).toEqual([...inputs].sort());
  });

  test(`are "not set" by default, so mlci.yaml applies, except the job's own (${jobOptions.join(', ')})`, () => {
    for (const option of optionsOf(contract.input)) {
      const input = inputsOf()[inputName(option.name)];
      expect({ option: option.name, type: input?.type, default: input?.default }).toEqual({
        option: option.name,
        ...expectedInput(option, jobOptions.includes(option.name)),
      });
      if (option.choices) {
        const choices = /^\^\((.*)\)\?\$$/.exec(input?.regex ?? '')?.[1]?.split('|');
        expect({ option: option.name, choices }).toEqual({
          option: option.name,
          choices: [...option.choices],
        });
      }
      if (option.kind === 'number' && !jobOptions.includes(option.name)) {
        const regex = new RegExp(input?.regex ?? '');
        for (const good of ['', '0', '12', '0.95', '.5'])
          expect({ good, ok: regex.test(good) }).toEqual({ good, ok: true });
        for (const bad of ['x', '1 2', '1;id', '$(id)'])
          expect({ bad, ok: regex.test(bad) }).toEqual({ bad, ok: false });
      }
      expect({ option: option.name, description: input?.description }).toEqual({
        option: option.name,
        description: expect.stringContaining(option.description),
      });
    }
  });

  test(`are each documented in the README table of the ${subject.name} section`, async () => {
    const readme = await readFile(join(root, 'templates', 'README.md'), 'utf8');
    expect(readmeInputs(readme, subject.name).sort()).toEqual(Object.keys(inputsOf()).sort());
  });

  test('default to the CLI version of this repository', async () => {
    const cli = JSON.parse(await readFile(join(root, 'packages', 'cli', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(inputsOf().version?.default).toBe(cli.version);
    expect(new RegExp(inputsOf().version?.regex ?? '').test(cli.version)).toBe(true);
  });
}

export interface JobContract {
  /** The step's input schema (its options). */
  input: Parameters<typeof optionsOf>[0];
  /** As in InputContract; default `out`. */
  jobOptions?: readonly string[];
  /** The inputs a pipeline must give (the required ones), as in the file's other tests. */
  required: Record<string, unknown>;
  /** Every input set to something other than its default. */
  everything: Record<string, unknown>;
  /** What the job that `everything` names (its `job-name`) has, at least. */
  everythingJob: Record<string, unknown>;
}

/** Registers, in the enclosing describe, the schema test every component's job must pass. */
export function testJobContract(subject: ComponentUnderTest, contract: JobContract): void {
  test('is valid against GitLab’s CI schema, with defaults and with every input set', () => {
    expect(subject.errorsOf(subject.component.header)).toEqual([]);
    expect(subject.errorsOf(interpolate(subject.component, contract.required))).toEqual([]);
    const document = interpolate(subject.component, contract.everything);
    expect(subject.errorsOf(document)).toEqual([]);
    expect(document[String(contract.everything['job-name'])]).toMatchObject(contract.everythingJob);
  });

  test('passes mlci nothing the pipeline did not set: only the job’s own options (sh)', () => {
    const jobOptions = contract.jobOptions ?? ['out'];
    const scratch = mkdtempSync(join(tmpdir(), `mlci-${subject.name}-argv-`));
    try {
      const document = interpolate(subject.component, contract.required);
      const job = document[subject.name] as Parameters<typeof scriptArgv>[0];
      const { argv } = scriptArgv(job, 'sh', scratch, 'seed');
      const inputs = subject.component.header.spec.inputs;
      expect(argv).toEqual([
        subject.name,
        ...optionsOf(contract.input)
          .filter((option) => jobOptions.includes(option.name))
          .flatMap((option) => [
            `--${option.name}`,
            String(contract.required[option.name] ?? inputs[option.name]?.default),
          ]),
      ]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
}
