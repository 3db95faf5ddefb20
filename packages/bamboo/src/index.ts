export {
  type BambooRepository,
  bambooContext,
  isBamboo,
  pullRequestUrl,
  repositoryOfCloneUrl,
} from './context';
