export {
  type BambooRepository,
  bambooContext,
  pullRequestUrl,
  repositoryOfCloneUrl,
} from './context';
export { BambooPlatform, type BambooPlatformOptions } from './platform';
export { bambooFullReportHint, bambooTokenAdvice } from './report';
