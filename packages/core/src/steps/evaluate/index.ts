import { defineStep } from '../../step';
import { evaluateInput } from './input';

export const evaluateStep = defineStep({
  name: 'evaluate',
  summary:
    'Compare the candidate model with the baseline on the same data: metrics, intervals, slices, gates.',
  input: evaluateInput,
  outputs: {
    'gates-failed': 'How many gates failed.',
    'data-digest': 'Digest of the evaluation data (the true labels in row order).',
    metrics: "The candidate's metrics as JSON (name -> value).",
  },
  // The implementation is loaded when the step runs: `mlci --help` and the other steps do not pay for it.
  run: async (input, environment) => (await import('./run')).runEvaluate(input, environment),
});
