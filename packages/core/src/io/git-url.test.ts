import { parseGitUrl } from './git-url';

describe('parseGitUrl', () => {
  it.each([
    ['https://github.com/acme/churn.git', 'https', 'github.com', '', ['acme', 'churn']],
    [
      'https://Bitbucket.Acme.com:8443/bitbucket/scm/ML/churn.git',
      'https',
      'bitbucket.acme.com',
      '8443',
      ['bitbucket', 'scm', 'ML', 'churn'],
    ],
    ['ssh://git@bitbucket.acme.com:7999/ml/churn.git', 'ssh', 'bitbucket.acme.com', '7999', ['ml', 'churn']],
    ['git@gitlab.com:group/sub/project.git', 'ssh', 'gitlab.com', '', ['group', 'sub', 'project']],
    ['gitlab.acme.com:ops/deploy', 'ssh', 'gitlab.acme.com', '', ['ops', 'deploy']],
    ['https://gitlab.com/group/my%20project/', 'https', 'gitlab.com', '', ['group', 'my project']],
  ])('%s', (url, scheme, hostname, port, segments) => {
    expect(parseGitUrl(url)).toMatchObject({ scheme, hostname, port, segments });
  });

  it.each([
    '/srv/git/deploy.git',
    'file:///srv/git/deploy.git',
    'ftp://host/x.git',
    'https://host/%E0%A4%A',
    'https://host/',
  ])('is undefined for %s', (url) => {
    expect(parseGitUrl(url)).toBeUndefined();
  });
});
