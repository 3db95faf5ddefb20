export {
  type BambooRepository,
  bambooContext,
  isBamboo,
  pullRequestUrl,
  repositoryOfCloneUrl,
} from './context';
export { bambooFullReportHint, bambooTokenAdvice } from './report';
