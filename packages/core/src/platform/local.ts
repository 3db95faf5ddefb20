import { reportFileAlert } from '../report/alert';
import type { StepReport } from '../report/model';
import type { PublishOptions } from '../report/report-id';
import type { CiContext, Logger, Platform } from './platform';

/** No CI (a laptop, Bamboo, any other CI): the report files and the console are the whole output. */
export class LocalPlatform implements Platform {
  readonly name = 'local' as const;
  constructor(private readonly logger: Logger) {}

  context(): CiContext {
    return { platform: 'local' };
  }

  async publish(report: StepReport, options: PublishOptions = {}): Promise<void> {
    this.logger.info(`report: ${report.files.markdown} (also ${report.files.json}, ${report.files.junit})`);
    reportFileAlert(report, options.alert, this.logger, 'outside GitHub Actions and GitLab CI');
  }
}
