import { InputError } from '../errors';
import type { Logger } from '../platform/platform';

export interface ChangeRequestInput {
  repoUrl: string;
  sourceBranch: string;
  targetBranch: string;
  title: string;
  body: string;
  token?: string;
  apiUrl?: string;
}

export interface ChangeRequestResult {
  url: string;
  number: number;
  created: boolean;
}

/** Opens (or updates) a pull/merge request in the deploy repository: written in its own slice of issue 16. */
export async function openChangeRequest(
  _input: ChangeRequestInput,
  _options: { logger: Logger },
): Promise<ChangeRequestResult> {
  throw new InputError('--deploy-mode request is not available yet');
}
