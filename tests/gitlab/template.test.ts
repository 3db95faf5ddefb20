import { optionsOf, validateDataStep } from '@mlci/core';
import { type Component, interpolate } from './component';
import { componentUnderTest, jobInputs, testInputContract, testJobContract } from './component-contract';

const subject = componentUnderTest('validate-data');
const { errorsOf } = subject;

function job(document: Record<string, unknown>, name = 'validate-data'): Record<string, unknown> {
  return document[name] as Record<string, unknown>;
}

describe('validate-data component inputs', () => {
  testInputContract(subject, {
    input: validateDataStep.input,
    platformInputs: jobInputs,
  });

  test('each reach the CLI as their flag, text through a job variable', () => {
    const body = interpolate(subject.component, { data: 'data/train.csv' });
    const { variables, script } = job(body) as { variables: Record<string, string>; script: string[] };
    const text = script.join('\n');
    for (const option of [...optionsOf(validateDataStep.input).map((o) => o.name), 'config']) {
      expect(text).toContain(`--${option}`);
      // Booleans are typed by GitLab and go into the script as text.
      if (subject.component.header.spec.inputs[option]?.type !== 'string') continue;
      const variable = `MLCI_INPUT_${option.toUpperCase().replace(/-/g, '_')}`;
      expect(Object.keys(variables)).toContain(variable);
      // A list is split by the shell at newlines on purpose (globbing off); every other text stays quoted.
      expect(text).toContain(option === 'merge-profiles' ? `in $${variable};` : `"$${variable}"`);
    }
    expect(text).not.toMatch(/\$\[\[/);
  });
});

describe('validate-data component job', () => {
  testJobContract(subject, {
    input: validateDataStep.input,
    required: {},
    everything: {
      'job-name': 'validate-features',
      data: 'data/features.parquet',
      'merge-profiles': '',
      'drift-share': '0.3',
    },
    everythingJob: { stage: 'test' },
  });
});

describe('validate-data component against GitLab CI JSON schema', () => {
  test('the header is a valid spec', () => {
    expect(errorsOf(subject.component.header)).toEqual([]);
  });

  test('the job is valid once inputs are filled in, with defaults and with every input set', () => {
    expect(errorsOf(interpolate(subject.component, { data: 'data/train.csv' }))).toEqual([]);
    const everything = interpolate(subject.component, {
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
    const body = interpolate(subject.component, { data: 'data/train.csv' });
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
      spec: { inputs: { ...subject.component.header.spec.inputs, force: { type: 'flag', default: false } } },
    };
    expect(errorsOf(header).length).toBeGreaterThan(0);
  });

  test('interpolation refuses an unknown input and a missing required one, as GitLab does', () => {
    const required: Component = {
      header: { spec: { inputs: { data: { type: 'string' } } } },
      body: { job: { script: ['mlci validate-data --data "$[[ inputs.data ]]"'] } },
    };
    expect(() => interpolate(required, {})).toThrow('`data` input: required value has not been provided');
    const typo = { ...subject.component, body: { job: { script: ['echo $[[ inputs.dta ]]'] } } };
    expect(() => interpolate(typo, { data: 'x.csv' })).toThrow('unknown interpolation key: dta');
  });
});
