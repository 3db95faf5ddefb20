import { isAbsolute, relative, sep } from 'node:path';

/**
 * What a Bamboo plan changes so that mlci may comment on the pull request (docs/bamboo.md): the token reaches mlci
 * as MLCI_TOKEN through the Script task's environment, from a plan variable Bamboo masks.
 */
export const bambooTokenAdvice =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Bamboo variable reference, as a plan writes it
  'give the Script task `environment: MLCI_TOKEN=${bamboo.mlci.secret.token}`, from a plan variable whose name contains "secret" (Bamboo masks it)';

/**
 * Where a shortened comment's reader finds the whole report: the file in the artifacts of this job's result
 * (`bamboo_resultsUrl`; the plan keeps `.mlci/*` as an artifact, docs/bamboo.md). The path is relative to the
 * job's working directory, `bamboo_build_working_directory`.
 */
export function bambooFullReportHint(env: NodeJS.ProcessEnv, reportFile: string): string {
  const workingDirectory = env.bamboo_build_working_directory;
  let file = reportFile;
  if (isAbsolute(file) && workingDirectory) file = relative(workingDirectory, file);
  file = file.split(sep).join('/');
  const resultsUrl = env.bamboo_resultsUrl || env.bamboo_buildResultsUrl;
  const build = resultsUrl ? `[this build](${resultsUrl})` : 'this build';
  return isAbsolute(file) || file.startsWith('../')
    ? `The full report is in the artifacts of ${build}.`
    : `The full report is \`${file}\`, kept in the artifacts of ${build}.`;
}
