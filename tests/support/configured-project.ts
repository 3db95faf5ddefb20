import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A project whose settings live in mlci.yaml, for the adapter tests of "adapters never override mlci.yaml": the
 * registry and the model name said once at the top (train registers there, evaluate attaches there), a label and
 * a prediction column that are not the defaults, and a gate. A pipeline that sets none of them must get all of
 * them: a default passed by an adapter (`--registry file:.mlci/registry`, `--label-column label`) would register
 * into the wrong place, or fail evaluate on a missing `label` column.
 *
 * The predictions are a regression's whole-number target read as classes (it does not matter here): 10 rows, 8
 * right, so accuracy is 0.8 and passes the gate `accuracy>=0.75`.
 */
export const configuredMlciYaml = `version: 1
# Said once for every step that has the option.
registry: file:team-models
model: houses
train:
  command: mkdir -p model && printf 'weights\\n' > model/weights.txt
  outputs: model
evaluate:
  candidate: predictions.csv
  label-column: rooms
  prediction-column: rooms_predicted
  gate:
    - accuracy>=0.75
  attach-to: houses@1
`;

const predictionsCsv = `id,rooms,rooms_predicted
1,3,3
2,4,4
3,2,2
4,5,4
5,3,3
6,1,1
7,4,4
8,2,3
9,3,3
10,6,6
`;

/** Writes mlci.yaml and the evaluation's predictions into `dir`. */
export function writeConfiguredProject(dir: string): void {
  writeFileSync(join(dir, 'mlci.yaml'), configuredMlciYaml);
  writeFileSync(join(dir, 'predictions.csv'), predictionsCsv);
}

/** What train and evaluate wrote in `out` of `dir`, with the parts the tests check. */
export function configuredResults(
  dir: string,
  out = '.mlci',
): {
  train: { status: string; registered?: { registry: string; model: string; version: string } };
  evaluate: {
    status: string;
    attachedTo?: string;
    gates: { metric: string; rule: string; status: string }[];
  };
} {
  const read = (file: string) => JSON.parse(readFileSync(join(dir, out, file), 'utf8'));
  return { train: read('train.json'), evaluate: read('evaluate.json') };
}

/** What every adapter must get from configuredMlciYaml, whatever runs it. */
export const configuredExpectations = {
  train: { status: 'passed', registered: { registry: 'file:team-models', model: 'houses', version: '1' } },
  evaluate: {
    status: 'passed',
    attachedTo: 'houses version 1 in file:team-models',
    gates: [expect.objectContaining({ metric: 'accuracy', status: 'passed' })],
  },
};
