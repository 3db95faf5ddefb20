import { ChangeRequestCi, type ChangeRequestCiOptions, type CiContext, type StepReport } from '@mlci/core';
import { bambooContext } from './context';
import { bambooFullReportHint, bambooTokenAdvice } from './report';

export type BambooPlatformOptions = ChangeRequestCiOptions;

/**
 * Bamboo, a CI without a review host of its own. The plan's JUnit Parser task reads `<out>/<step>.junit.xml` and
 * its artifact keeps the reports (docs/bamboo.md); a pull request build (Bamboo's plan branches for pull requests)
 * also gets the report as a sticky comment on Bitbucket, GitHub or GitLab, when a token is given (MLCI_TOKEN, from
 * the Script task's environment).
 */
export class BambooPlatform extends ChangeRequestCi {
  readonly name = 'bamboo' as const;
  protected readonly displayName = 'Bamboo';
  protected readonly tokenAdvice = bambooTokenAdvice;

  context(): CiContext {
    return bambooContext(this.env);
  }

  protected fullReportHint(report: StepReport): string {
    return bambooFullReportHint(this.env, report.files.markdown);
  }
}
