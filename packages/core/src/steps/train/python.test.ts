import { pythonInvocation } from './python';

describe('pythonInvocation', () => {
  test.each([
    ['python train.py', 'python', 'python -c "$MLCI_PYTHON_PROBE"'],
    ['python3.12 -m train --epochs 3', 'python3.12', 'python3.12 -c "$MLCI_PYTHON_PROBE"'],
    ['.venv/bin/python train.py', '.venv/bin/python', '.venv/bin/python -c "$MLCI_PYTHON_PROBE"'],
    ['uv run python train.py', 'uv run python', 'uv run python -c "$MLCI_PYTHON_PROBE"'],
    [
      'OMP_NUM_THREADS=1 python3 train.py',
      'OMP_NUM_THREADS=1 python3',
      'OMP_NUM_THREADS=1 python3 -c "$MLCI_PYTHON_PROBE"',
    ],
    // Only cd, ./source and export run before the probe: they may change which python is found.
    [
      'cd src && . ../.venv/bin/activate && pip install -q -r req.txt && python train.py',
      'python',
      'cd src && . ../.venv/bin/activate && python -c "$MLCI_PYTHON_PROBE"',
    ],
    ['make data; "python3" \'train.py\'', '"python3"', '"python3" -c "$MLCI_PYTHON_PROBE"'],
  ])('%s', (line, invocation, script) => {
    expect(pythonInvocation(line)).toEqual({ invocation, script });
  });

  test.each(['node train.mjs', 'Rscript train.R', 'make train', 'echo python'])('no Python: %s', (line) => {
    expect(pythonInvocation(line)).toBeUndefined();
  });
});
