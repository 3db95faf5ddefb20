import { defineStep } from '../../step';
import { trainInput } from './input';

export const trainStep = defineStep({
  name: 'train',
  summary: 'Run the training command with lineage, a run cache, model registration and experiment tracking.',
  input: trainInput,
  outputs: {
    'run-id': 'Id of this run (run.json, provenance, MLflow tag mlci.run.id).',
    'cache-status': 'hit (outputs restored, command not run), miss, off (no-cache) or corrupt.',
    'outputs-digest': 'sha256 digest of the outputs (their sorted sha256sum listing).',
    'model-version': 'Version of the registered model, when register is given.',
    'tracking-url': 'Link to the MLflow run, when tracking is given.',
    'run-record': 'Path of run.json.',
  },
  // The implementation is loaded when the step runs: `mlci --help` and the other steps do not pay for it.
  run: async (input, environment) => (await import('./run')).runTrain(input, environment),
});
