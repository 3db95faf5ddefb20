import { detectPlatformName } from './platforms';

test.each([
  [{ GITHUB_ACTIONS: 'true' }, 'github'],
  [{ GITHUB_ACTIONS: 'false' }, 'local'],
  [{ GITLAB_CI: 'true' }, 'gitlab'],
  [{ GITLAB_CI: '' }, 'local'],
  [{ JENKINS_URL: 'https://ci.example.com/' }, 'jenkins'],
  [{ JENKINS_URL: '' }, 'local'],
  [{ BUILD_URL: 'https://ci.example.com/job/x/1/' }, 'local'],
  [{}, 'local'],
])('%j runs on %s', (env, expected) => {
  expect(detectPlatformName(env)).toBe(expected);
});
