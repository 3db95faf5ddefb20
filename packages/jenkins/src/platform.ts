import { isAbsolute, relative, sep } from 'node:path';
import {
  apiOverridesFromEnv,
  ChangeRequestCi,
  type ChangeRequestCiOptions,
  type ChangeTarget,
  type CiContext,
  changeTargetRepository,
  definedField,
  parseChangeUrl,
  positiveInteger,
  repositoryFromGitUrl,
  type StepReport,
} from '@mlci/core';

export type JenkinsPlatformOptions = ChangeRequestCiOptions;

/**
 * Jenkins, a CI without a review host of its own. The JUnit file and the reports are recorded by the pipeline step
 * (jenkins/vars: junit and archiveArtifacts); from Node, a build of a GitHub, GitLab or Bitbucket pull or merge
 * request (multibranch CHANGE_ID + CHANGE_URL) also gets the report as a sticky comment, when a token is given
 * (the var's credentialsId binds it to MLCI_TOKEN).
 *
 * The review host and its API come from CHANGE_URL (parseChangeUrl); MLCI_GITHUB_API_URL, MLCI_GITLAB_URL,
 * MLCI_BITBUCKET_URL and MLCI_BITBUCKET_API_URL override them for setups the URL cannot tell.
 */
export class JenkinsPlatform extends ChangeRequestCi {
  readonly name = 'jenkins' as const;
  protected readonly displayName = 'Jenkins';
  protected readonly tokenAdvice =
    'give the pipeline step credentialsId: a "secret text" credential holding a token that may comment there (it reaches mlci as MLCI_TOKEN)';

  context(): CiContext {
    const env = this.env;
    const target = this.changeTarget();
    const changeNumber = positiveInteger(env.CHANGE_ID);
    const tag = env.TAG_NAME || undefined;
    // On a change build BRANCH_NAME is `PR-12` / `MR-12`: the source branch is CHANGE_BRANCH. On a tag
    // build BRANCH_NAME is the tag. Outside multibranch, the Git plugin's GIT_BRANCH is `origin/main`.
    const branch = changeNumber
      ? env.CHANGE_BRANCH || undefined
      : tag
        ? undefined
        : env.BRANCH_NAME || env.GIT_BRANCH?.replace(/^(refs\/remotes\/)?origin\//, '') || undefined;
    const repository = target
      ? changeTargetRepository(target)
      : env.GIT_URL
        ? repositoryFromGitUrl(env.GIT_URL)
        : undefined;
    const context: CiContext = {
      platform: 'jenkins',
      ...definedField('repository', repository),
      ...definedField('repositoryUrl', httpsRepositoryUrl(env.GIT_URL)),
      ...definedField('commit', env.GIT_COMMIT || undefined),
      ...definedField('branch', branch),
      ...definedField('tag', tag),
      ...definedField('runUrl', env.BUILD_URL || undefined),
      ...definedField('pipeline', env.JOB_NAME || undefined),
      ...definedField('job', env.BUILD_NUMBER || undefined),
      // Declarative pipelines set STAGE_NAME inside a stage; two stages running one step differ by it.
      ...definedField('jobName', env.STAGE_NAME || undefined),
      ...definedField('actor', env.CHANGE_AUTHOR || undefined),
    };
    if (changeNumber) {
      context.changeRequest = {
        number: changeNumber,
        ...definedField('url', env.CHANGE_URL || undefined),
        ...definedField('targetBranch', env.CHANGE_TARGET || undefined),
        // The GitHub branch source sets CHANGE_FORK only for pull requests from forks.
        ...(env.CHANGE_FORK ? { fromFork: true } : {}),
      };
      context.event =
        target === undefined
          ? 'change_request'
          : target.host === 'gitlab'
            ? 'merge_request_event'
            : 'pull_request';
    }
    return context;
  }

  private changeTarget(): ChangeTarget | undefined {
    const changeUrl = this.env.CHANGE_URL;
    return changeUrl ? parseChangeUrl(changeUrl, apiOverridesFromEnv(this.env)) : undefined;
  }

  /** Where the whole report is: the build's archived artifacts (the pipeline step archives `<out>/<step>.*`). */
  protected fullReportHint(report: StepReport): string {
    const workspace = this.env.WORKSPACE;
    let file = report.files.markdown;
    if (isAbsolute(file)) file = workspace ? relative(workspace, file) : file;
    file = file.split(sep).join('/');
    const buildUrl = this.env.BUILD_URL?.replace(/\/*$/, '/');
    if (!buildUrl) return `The full report is ${file} in the build's artifacts.`;
    if (isAbsolute(file) || file.startsWith('../'))
      return `The full report is in the build's artifacts: ${buildUrl}`;
    return `The full report is [${file}](${buildUrl}artifact/${file.split('/').map(encodeURIComponent).join('/')}) in the build's artifacts.`;
  }
}

/** The web address of an https Git remote (`https://host/group/project.git`), without credentials or `.git`. */
function httpsRepositoryUrl(gitUrl: string | undefined): string | undefined {
  if (!gitUrl?.startsWith('https://')) return undefined;
  try {
    const url = new URL(gitUrl);
    return `${url.origin}${url.pathname.replace(/\.git$/, '').replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}
