import { defineStep } from '../../step';
import { promoteInput } from './input';

export const promoteStep = defineStep({
  name: 'promote',
  summary: 'Move a model alias (production, staging) to a version whose evidence allows it; retag its image.',
  input: promoteInput,
  outputs: {
    version: 'The version that holds the alias (after the move, or that would).',
    alias: 'The alias.',
    previous: 'The version that held it before (empty for none).',
    outcome: 'moved, refused, unchanged or planned (dry run).',
    record: 'Digest of the stored promotion record (empty when nothing moved).',
    'deploy-commit':
      'The commit pushed to the deploy repository (empty when none was: no hand-off, unchanged or dry run).',
  },
  // The implementation is loaded when the step runs: `mlci --help` and the other steps do not pay for it.
  run: async (input, environment) => (await import('./run')).runPromote(input, environment),
});
