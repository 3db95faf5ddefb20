// The library entry of @mlci/cli (`import { main } from '@mlci/cli'`): importing it runs nothing.
import { runMlci } from './run-mlci';

/**
 * Runs the mlci command line in this process, as `mlci ...argv` would, and resolves to its exit code
 * (0 passed, 1 a gate failed, 2 usage or input error, 3 an outside service failed, 4 internal error; see
 * docs/exit-codes.md). Reports and messages go to this process's stdout and stderr, as the program's do.
 * It never calls process.exit and installs no signal handlers.
 *
 * @example
 *   const code = await main(['validate-data', '--data', 'data/train.csv', '--schema', 'schema.yaml']);
 */
export function main(argv: readonly string[]): Promise<number> {
  return runMlci(argv);
}
