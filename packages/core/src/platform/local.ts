import type { StepReport } from '../report/model';
import type { CiContext, Logger, Platform } from './platform';

/** No CI (a laptop, Bamboo, any other CI): the report files and the console are the whole output. */
export class LocalPlatform implements Platform {
  readonly name = 'local' as const;
  constructor(private readonly logger: Logger) {}

  context(): CiContext {
    return { platform: 'local' };
  }

  async publish(report: StepReport): Promise<void> {
    this.logger.info(`report: ${report.files.markdown} (also ${report.files.json}, ${report.files.junit})`);
  }
}
