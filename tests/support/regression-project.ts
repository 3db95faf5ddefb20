import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { rng } from '../../packages/core/src/test-support/seeded';

/**
 * A team's own project, independent of examples/: a regression whose target is a whole number (days to ship an
 * order), with an `id` key column, trained by a Python script with Debian's scikit-learn (python3-sklearn) and a
 * fixed random_state, so the same data and params give the same model bytes on any run. Every setting lives in
 * mlci.yaml (registry, model name, columns, gates; the task left to auto-detection); the pipelines that run it
 * set none of them. The data is generated here from a seeded generator: the same rows on every machine.
 */

export const modelName = 'days-to-ship';
export const labelColumn = 'days_to_ship';
export const predictionColumn = 'predicted_days';
/** Absolute gates (apply from the first pipeline on) and relative ones (skipped until production has a holder). */
export const gates = ['r2>=0.5', 'rmse:max_drop=0.25', 'mae:max_drop_pct=10'];

/** The hyperparameters of the first model; a team changes them in params.yaml. */
export const goodParams = { n_estimators: 60, max_depth: 3, learning_rate: 0.1 };
/** Underfits badly: the rmse gate refuses it. */
export const worseParams = { n_estimators: 4, max_depth: 1, learning_rate: 0.1 };
/** A little different from the first model, within every gate. */
export const betterParams = { n_estimators: 90, max_depth: 3, learning_rate: 0.08 };

/** Orders: distance, weight, item count, express or not; days to ship a whole number that depends on all four. */
export function ordersCsv(rows: number, firstId: number, seed: number): string {
  const random = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const lines = [`id,distance_km,weight_kg,items,express,${labelColumn}`];
  for (let i = 0; i < rows; i++) {
    const distance = Math.round((5 + random() * 1995) * 10) / 10;
    const weight = Math.round((0.1 + random() * 39.9) * 100) / 100;
    const items = 1 + Math.floor(random() * 12);
    const express = random() < 0.3 ? 1 : 0;
    const days = Math.max(
      1,
      Math.round(1 + distance / 350 + 0.25 * items + 2.5 * (1 - express) + weight / 40 + 0.6 * normal()),
    );
    lines.push(`${firstId + i},${distance.toFixed(1)},${weight.toFixed(2)},${items},${express},${days}`);
  }
  return `${lines.join('\n')}\n`;
}

export const schemaYaml = `description: Orders, one row per order
columns:
  id:
    type: integer
    unique: true
    nullable: false
  distance_km:
    type: number
    min: 0
    max: 20000
  weight_kg:
    type: number
    min: 0
  items:
    type: integer
    min: 1
  express:
    type: integer
    allowed: [0, 1]
  ${labelColumn}:
    type: integer
    min: 0
    nullable: false
table:
  columns: exact
  rows: { min: 100 }
`;

/**
 * The team's training script: scikit-learn's gradient boosting with a fixed random_state, its parameters from
 * the file mlci hands over (MLCI_PARAMS_FILE), the model pickled into MLCI_OUTPUTS and the test set's
 * predictions next to it (label and prediction as floats, as pandas would write them).
 */
export const trainPy = `import csv
import json
import os
import pickle

from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_squared_error

FEATURES = ["distance_km", "weight_kg", "items", "express"]
LABEL = "${labelColumn}"


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return rows, [[float(r[c]) for c in FEATURES] for r in rows], [float(r[LABEL]) for r in rows]


with open(os.environ["MLCI_PARAMS_FILE"]) as f:
    params = json.load(f)
_, X_train, y_train = read("data/train.csv")
test_rows, X_test, y_test = read("data/test.csv")

model = GradientBoostingRegressor(random_state=0, **params).fit(X_train, y_train)
predicted = model.predict(X_test)

out = os.environ["MLCI_OUTPUTS"]
with open(os.path.join(out, "model.pkl"), "wb") as f:
    pickle.dump(model, f, protocol=4)
with open(os.path.join(out, "predictions.csv"), "w", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(["id", LABEL, "${predictionColumn}"])
    for row, label, value in zip(test_rows, y_test, predicted):
        writer.writerow([row["id"], repr(label), repr(round(float(value), 6))])
with open(os.environ["MLCI_METRICS_FILE"], "w") as f:
    json.dump({"test_rmse": mean_squared_error(y_test, predicted) ** 0.5}, f)
print("trained on", len(y_train), "orders")
`;

/**
 * mlci.yaml with every setting of the project: the registry and the model said once at the top (shared by the
 * steps that take them), the columns, the gates, the evidence.
 */
export function mlciYaml(registry: string, deployRepo?: string): string {
  const config = {
    version: 1,
    registry,
    model: modelName,
    'validate-data': {
      data: 'data/train.csv',
      schema: 'schema.yaml',
      test: 'data/test.csv',
      label: labelColumn,
    },
    train: {
      command: 'python3 train.py',
      inputs: ['data', 'train.py', 'params.yaml'],
      params: 'params.yaml',
      outputs: 'model',
      metrics: 'metrics.json',
      evidence: ['.mlci/validate-data.json'],
    },
    evaluate: {
      candidate: 'model/predictions.csv',
      'label-column': labelColumn,
      'prediction-column': predictionColumn,
      baseline: `registry:${modelName}@production`,
      gate: gates,
      'attach-to': modelName,
    },
    'build-image': {
      model: 'model',
      'attach-to': modelName,
    },
    // The GitOps hand-off: each move of production is committed to the deploy repository's overlay.
    ...(deployRepo !== undefined
      ? { promote: { 'deploy-repo': deployRepo, 'deploy-file': [`production=${productionOverlay}`] } }
      : {}),
  };
  return stringify(config);
}

/** The deploy repository's production overlay, which promote's hand-off sets the image in. */
export const productionOverlay = 'overlays/production/kustomization.yaml';

export const paramsYaml = (params: Record<string, number>) => stringify(params);

const run = promisify(execFile);

export interface RegressionRepository {
  dir: string;
  git(...args: string[]): Promise<string>;
  /** Commits everything with this message; returns the new commit. */
  commit(message: string): Promise<string>;
  /** A change the model does not depend on. */
  editReadme(line: string): Promise<string>;
  /** New hyperparameters in params.yaml, committed. */
  setParams(params: Record<string, number>, message: string): Promise<string>;
}

/**
 * The project as a git repository (branch main, one commit) in `dir`. `registry` is where its models go, as the
 * team writes it into mlci.yaml; `extraFiles` adds the team's CI files (a .gitlab-ci.yml…) to the first commit;
 * `deployRepo`, the GitOps repository mlci.yaml hands production to.
 */
export async function regressionRepository(
  dir: string,
  registry: string,
  extraFiles: Record<string, string> = {},
  deployRepo?: string,
): Promise<RegressionRepository> {
  await mkdir(join(dir, 'data'), { recursive: true });
  const files: Record<string, string> = {
    'README.md': '# days to ship\n\nPredicts how many days an order takes to ship.\n',
    '.gitignore': '.mlci/\nmodel/\nmetrics.json\n.gitlab-ci-local/\n',
    'data/train.csv': ordersCsv(300, 100001, 7),
    'data/test.csv': ordersCsv(120, 200001, 11),
    'schema.yaml': schemaYaml,
    'train.py': trainPy,
    'params.yaml': paramsYaml(goodParams),
    'mlci.yaml': mlciYaml(registry, deployRepo),
    ...extraFiles,
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  const git = async (...args: string[]) =>
    (
      await run('git', ['-c', 'user.email=team@example.com', '-c', 'user.name=Team', ...args], { cwd: dir })
    ).stdout.trim();
  const commit = async (message: string) => {
    await git('add', '-A');
    await git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  await git('init', '-q', '-b', 'main');
  await commit('days to ship: first model');
  return {
    dir,
    git,
    commit,
    editReadme: async (line) => {
      await writeFile(join(dir, 'README.md'), `${files['README.md']}\n${line}\n`);
      return commit('README: say how to run it');
    },
    setParams: async (params, message) => {
      await writeFile(join(dir, 'params.yaml'), paramsYaml(params));
      return commit(message);
    },
  };
}

/** PATH with Debian's python3 (and its scikit-learn) first, as on a runner image with python3-sklearn. */
export function debianPythonPath(): string {
  return `/usr/bin:${process.env.PATH ?? '/bin'}`;
}
