import { detectPlatformName } from './platforms';

test.each([
  [{ GITHUB_ACTIONS: 'true' }, 'github'],
  [{ GITHUB_ACTIONS: 'false' }, 'local'],
  [{ GITLAB_CI: 'true' }, 'gitlab'],
  [{ GITLAB_CI: '' }, 'local'],
  [{ JENKINS_URL: 'https://ci.example.com/' }, 'jenkins'],
  [{ JENKINS_URL: '' }, 'local'],
  [{ BUILD_URL: 'https://ci.example.com/job/x/1/' }, 'local'],
  [{ bamboo_buildKey: 'ML-CHURN-JOB1' }, 'bamboo'],
  [{ bamboo_buildKey: '' }, 'local'],
  [{}, 'local'],
])('%j runs on %s', (env, expected) => {
  expect(detectPlatformName(env)).toBe(expected);
});
