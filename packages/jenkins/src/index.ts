export { type ApiOverrides, type ChangeTarget, parseChangeUrl, repositoryFromGitUrl } from './change-url';
export { JenkinsPlatform, type JenkinsPlatformOptions } from './platform';
