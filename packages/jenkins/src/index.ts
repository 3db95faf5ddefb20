export { JenkinsPlatform, type JenkinsPlatformOptions } from './platform';
