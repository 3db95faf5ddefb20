import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { localEnv, runCli } from './cli';

/**
 * Two small projects of a scikit-learn team, not the bundled breast-cancer example, whose every step the browser
 * test runs through the CLI: `diabetes` (scikit-learn's diabetes data: a regression whose target is whole
 * numbers, with a patient id key and a string column) and `wine` (scikit-learn's wine data: three cultivars, a
 * multiclass task). Data and predictions come from Debian's scikit-learn; trainers are Python scripts as such a
 * team writes them. And `hostile`: text in the data that a markdown table, a code span, HTML or a Mermaid label
 * could take for syntax.
 */
const run = promisify(execFile);
const python = '/usr/bin/python3';

/** Writes both projects' data: diabetes/{data/train,test,reference}.csv and wine/data/{train,test}.csv with a baseline's predictions. */
const dataGenerator = String.raw`
import csv, os, sys
import numpy as np
from sklearn.datasets import load_diabetes, load_wine
from sklearn.tree import DecisionTreeClassifier

root = sys.argv[1]
rng = np.random.RandomState(7)

def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='') as f:
        out = csv.writer(f, lineterminator='\n')
        out.writerow(header)
        out.writerows(rows)

d = load_diabetes(scaled=False)
features = ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6']
clinics = ['north', 'south', 'east', 'west']
rows = []
for n, i in enumerate(rng.permutation(len(d.target))):
    x = d.data[i]
    rows.append([1001 + n, int(x[0]), int(x[1])] + [round(float(v), 4) for v in x[2:]] + [clinics[i % 4], int(d.target[i])])
header = ['patient_id'] + features + ['clinic', 'progression']
write(f'{root}/diabetes/data/train.csv', header, rows[:330])
write(f'{root}/diabetes/data/test.csv', header, rows[330:])
# Last release's training data: the same patients measured lighter and with lower s5, so bmi and s5 drift.
bmi, s5 = header.index('bmi'), header.index('s5')
reference = [r[:bmi] + [round(r[bmi] / 1.15, 4)] + r[bmi + 1:s5] + [round(r[s5] - 0.35, 4)] + r[s5 + 1:] for r in rows[:330]]
write(f'{root}/diabetes/data/reference.csv', header, reference)

w = load_wine()
cultivars = ['barolo', 'grignolino', 'barbera']
regions = ['langhe', 'roero', 'monferrato']
names = [n.replace('/', '_') for n in w.feature_names]
rows = []
# Ids in the shuffled order: scikit-learn's wine rows are sorted by cultivar, so its row numbers would leak it.
for n, i in enumerate(rng.permutation(len(w.target))):
    rows.append([n + 1] + [round(float(v), 4) for v in w.data[i]] + [regions[i % 3], cultivars[w.target[i]]])
header = ['sample_id'] + names + ['region', 'cultivar']
write(f'{root}/wine/data/train.csv', header, rows[:120])
write(f'{root}/wine/data/test.csv', header, rows[120:])
# The model in production: a one-split tree, weaker than the team's new model.
x = lambda part: np.array([r[1:-2] for r in part])
tree = DecisionTreeClassifier(max_depth=1, random_state=0).fit(x(rows[:120]), [r[-1] for r in rows[:120]])
write(f'{root}/wine/data/baseline-predictions.csv', ['sample_id', 'label', 'prediction', 'region'],
      [[r[0], r[-1], p, r[-2]] for r, p in zip(rows[120:], tree.predict(x(rows[120:])))])
`;

/** Ridge regression of the diabetes progression; writes the model, the test set's predictions and metrics. */
const diabetesTrainer = `"""Trains the diabetes progression model; run by mlci train (MLCI_PARAMS_FILE, MLCI_OUTPUTS, MLCI_METRICS_FILE)."""
import csv, json, os, pickle
import numpy as np
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error, r2_score

features = ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6']
def read(path):
    with open(path, newline='') as f:
        rows = list(csv.DictReader(f))
    return rows, np.array([[float(r[c]) for c in features] for r in rows]), np.array([int(r['progression']) for r in rows])

with open(os.environ['MLCI_PARAMS_FILE']) as f:
    params = json.load(f)
train, x_train, y_train = read('data/train.csv')
test, x_test, y_test = read('data/test.csv')
model = Ridge(alpha=float(params['alpha'])).fit(x_train, y_train)
predicted = model.predict(x_test)
outputs = os.environ['MLCI_OUTPUTS']
os.makedirs(outputs, exist_ok=True)
with open(os.path.join(outputs, 'model.pkl'), 'wb') as f:
    pickle.dump(model, f, protocol=4)
with open(os.path.join(outputs, 'predictions.csv'), 'w', newline='') as f:
    out = csv.writer(f, lineterminator='\\n')
    out.writerow(['patient_id', 'label', 'prediction', 'sex', 'age', 'clinic'])
    for row, y, p in zip(test, y_test, predicted):
        out.writerow([row['patient_id'], y, round(float(p), 2), row['sex'], row['age'], row['clinic']])
with open(os.environ['MLCI_METRICS_FILE'], 'w') as f:
    json.dump({'rmse': mean_squared_error(y_test, predicted) ** 0.5, 'r2': r2_score(y_test, predicted)}, f)
`;

/** Logistic regression of the wine cultivar. */
const wineTrainer = `"""Trains the wine cultivar classifier; run by mlci train."""
import csv, json, os, pickle
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

def read(path):
    with open(path, newline='') as f:
        rows = list(csv.DictReader(f))
    features = [c for c in rows[0] if c not in ('sample_id', 'region', 'cultivar')]
    return rows, np.array([[float(r[c]) for c in features] for r in rows]), [r['cultivar'] for r in rows]

with open(os.environ['MLCI_PARAMS_FILE']) as f:
    params = json.load(f)
train, x_train, y_train = read('data/train.csv')
test, x_test, y_test = read('data/test.csv')
model = make_pipeline(StandardScaler(), LogisticRegression(C=float(params['C']), max_iter=2000)).fit(x_train, y_train)
predicted = model.predict(x_test)
outputs = os.environ['MLCI_OUTPUTS']
os.makedirs(outputs, exist_ok=True)
with open(os.path.join(outputs, 'model.pkl'), 'wb') as f:
    pickle.dump(model, f, protocol=4)
with open(os.path.join(outputs, 'predictions.csv'), 'w', newline='') as f:
    out = csv.writer(f, lineterminator='\\n')
    out.writerow(['sample_id', 'label', 'prediction', 'region'])
    for row, y, p in zip(test, y_test, predicted):
        out.writerow([row['sample_id'], y, p, row['region']])
with open(os.environ['MLCI_METRICS_FILE'], 'w') as f:
    json.dump({'accuracy': accuracy_score(y_test, predicted), 'f1_macro': f1_score(y_test, predicted, average='macro')}, f)
`;

const diabetesSchema = `# The diabetes progression data's contract.
version: 1
columns:
  patient_id: { type: integer, unique: true, nullable: false }
  age: { type: integer, min: 18, max: 90 }
  sex: { type: integer, min: 1, max: 2 }
  bmi: { type: number, min: 10, max: 60 }
  bp: { type: number, min: 40, max: 160 }
  s1: { type: number }
  s2: { type: number }
  s3: { type: number }
  s4: { type: number }
  s5: { type: number }
  s6: { type: number }
  clinic: { type: string, allowed: [north, south, east, west] }
  progression: { type: integer, min: 0 }
`;

const wineSchema = (columns: string[]) =>
  `version: 1\ncolumns:\n${columns
    .map((column) =>
      column === 'sample_id'
        ? '  sample_id: { type: integer, unique: true }'
        : column === 'region' || column === 'cultivar'
          ? `  ${column}: { type: string }`
          : `  ${column}: { type: number, min: 0 }`,
    )
    .join('\n')}\n`;

export interface Project {
  dir: string;
  /** The CLI in the project, outside any CI; throws on another exit status than `expected`. */
  mlci(args: string[], expected?: number): Promise<string>;
}

/** A git repository (train records the commit, build-image dates the image by it) holding `files`. */
async function project(dir: string, files: Record<string, string>): Promise<Project> {
  await mkdir(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  const git = (...args: string[]) =>
    run('git', ['-c', 'user.email=team@example.com', '-c', 'user.name=Team', ...args], { cwd: dir });
  await writeFile(join(dir, '.gitignore'), '.mlci/\nmodel/\nimage/\nreports/\nmetrics.json\n');
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'the team project');
  const env = localEnv();
  return {
    dir,
    async mlci(args, expected = 0) {
      const result = await runCli(args, { cwd: dir, env });
      if (result.status !== expected)
        throw new Error(
          `mlci ${args.join(' ')}: exit ${result.status}, expected ${expected}\n${result.stderr}`,
        );
      return result.stdout;
    },
  };
}

/** diabetes/ and wine/ under `parent`, data written, trainer and schema in place, committed. */
export async function teamProjects(parent: string): Promise<{ diabetes: Project; wine: Project }> {
  await run(python, ['-c', dataGenerator, parent]);
  const wineHeader = (
    await run('head', ['-1', join(parent, 'wine/data/train.csv')], { encoding: 'utf8' })
  ).stdout.trim();
  const diabetes = await project(join(parent, 'diabetes'), {
    'train.py': diabetesTrainer,
    'params.yaml': 'alpha: 1000\n',
    'schema.yaml': diabetesSchema,
    // A server binary for the image: build-image wants the entrypoint's executable in the image.
    'serve/diabetes-server': '#!/bin/sh\n',
  });
  const wine = await project(join(parent, 'wine'), {
    'train.py': wineTrainer,
    'params.yaml': 'C: 1.0\n',
    'schema.yaml': wineSchema(wineHeader.split(',')),
  });
  return { diabetes, wine };
}

export const pythonTrainer = ['--command', `${python} train.py`];

/** A CSV field, quoted (the values below hold commas, quotes and newlines). */
const field = (value: string | number) => `"${String(value).replace(/"/g, '""')}"`;
const csv = (rows: (string | number)[][]) => `${rows.map((row) => row.map(field).join(',')).join('\n')}\n`;

/**
 * Category values that markdown, HTML or Mermaid could take for syntax: a table's cell separator, code spans,
 * a script tag, the end of an HTML comment (the sticky comment's marker is one), a newline (a table row ends),
 * quotes (Mermaid's label delimiter), emphasis, a javascript: link, an entity, a mention.
 */
export const hostileValues = [
  'a|b',
  '`tick`',
  '<script>alert(1)</script>',
  'x --> y',
  'two\nlines',
  '"quoted"',
  '**bold** _it_',
  '[link](javascript:alert(1))',
  '<!-- c -->',
  'AT&amp;T',
  '\\|escaped',
];

/**
 * The same project shape with `values` as its category values (hostileValues, or plain twins of them): a
 * validate-data run (contract, drift, hygiene), a train run with the values as a parameter and in a metric name,
 * and an evaluate run with them as class labels and slices. Their reports must have the same structure.
 */
export async function textProject(dir: string, values: string[]): Promise<Project> {
  const at = (i: number) => values[i % values.length] as string;
  const header = ['id', 'size', 'note', 'label'];
  const data = Array.from({ length: 44 }, (_, i) => [i + 1, (i * 7) % 13, at(i), i % 2 ? 'yes' : 'no']);
  // The reference has the first value mostly: the note column drifts and gets its chart.
  const reference = Array.from({ length: 44 }, (_, i) => [
    i + 1,
    (i * 7) % 13,
    at(i % 3 === 0 ? i : 0),
    'no',
  ]);
  const test = Array.from({ length: 12 }, (_, i) => [100 + i, i, i < 2 ? `${at(i)} new` : at(i), 'no']);
  // Three classes named by the values, sliced by them; the candidate is right more often than the baseline.
  const predictions = (wrong: number) => [
    ['label', 'prediction', 'note'],
    ...Array.from({ length: 33 }, (_, i) => [at(i % 3), at((i + (i % wrong === 0 ? 1 : 0)) % 3), at(i)]),
  ];
  const trainer = `import { mkdirSync, writeFileSync } from 'node:fs';
mkdirSync(process.env.MLCI_OUTPUTS, { recursive: true });
writeFileSync(process.env.MLCI_OUTPUTS + '/model.txt', 'a model\\n');
writeFileSync(process.env.MLCI_METRICS_FILE, JSON.stringify({ ${JSON.stringify(`f1 ${at(0)} ${at(1)}`)}: 0.5, accuracy: 0.75 }));
`;
  return project(dir, {
    'schema.yaml': `version: 1\ncolumns:\n  id: { type: integer, unique: true }\n  size: { type: integer }\n  note: { type: string, allowed: [${JSON.stringify(at(0))}] }\n  label: { type: string }\n`,
    'data/train.csv': csv([header, ...data]),
    'data/reference.csv': csv([header, ...reference]),
    'data/test.csv': csv([header, ...test]),
    'candidate.csv': csv(predictions(5)),
    'baseline.csv': csv(predictions(2)),
    'train.mjs': trainer,
    'params.yaml': `note: ${JSON.stringify(values.join(' '))}\n${JSON.stringify(at(2))}: 1\n`,
  });
}
