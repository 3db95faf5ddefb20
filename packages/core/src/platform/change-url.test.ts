import { parseChangeUrl, repositoryFromGitUrl } from './change-url';

describe('parseChangeUrl', () => {
  it('maps Bitbucket Data Center pull requests (project or personal repository, any tab) to the server', () => {
    expect(parseChangeUrl('https://bitbucket.acme.com/projects/ML/repos/churn/pull-requests/4')).toEqual({
      host: 'bitbucket-server',
      baseUrl: 'https://bitbucket.acme.com',
      projectKey: 'ML',
      repo: 'churn',
      number: 4,
    });
    expect(
      parseChangeUrl('https://acme.com/bitbucket/users/jdoe/repos/churn/pull-requests/12/overview'),
    ).toEqual({
      host: 'bitbucket-server',
      baseUrl: 'https://acme.com/bitbucket',
      projectKey: '~jdoe',
      repo: 'churn',
      number: 12,
    });
    expect(
      parseChangeUrl('https://proxy.acme.com/projects/ML/repos/churn/pull-requests/4', {
        bitbucketUrl: 'http://127.0.0.1:7990/bitbucket/',
      }),
    ).toMatchObject({ baseUrl: 'http://127.0.0.1:7990/bitbucket' });
  });

  it('maps Bitbucket Cloud pull requests to api.bitbucket.org/2.0, or MLCI_BITBUCKET_API_URL', () => {
    expect(parseChangeUrl('https://bitbucket.org/acme/churn/pull-requests/9')).toEqual({
      host: 'bitbucket-cloud',
      apiUrl: 'https://api.bitbucket.org/2.0',
      workspace: 'acme',
      repo: 'churn',
      number: 9,
    });
    expect(
      parseChangeUrl('https://bitbucket.org/acme/churn/pull-requests/9/diff', {
        bitbucketApiUrl: 'http://127.0.0.1:9/2.0/',
      }),
    ).toMatchObject({ apiUrl: 'http://127.0.0.1:9/2.0', number: 9 });
    expect(parseChangeUrl('https://bitbucket.org/acme/churn/src/main')).toBeUndefined();
  });

  it('maps a github.com pull request to api.github.com', () => {
    expect(parseChangeUrl('https://github.com/acme/churn-model/pull/42')).toEqual({
      host: 'github',
      apiUrl: 'https://api.github.com',
      owner: 'acme',
      repo: 'churn-model',
      number: 42,
    });
  });

  it('maps a GitHub Enterprise pull request to its /api/v3', () => {
    expect(parseChangeUrl('https://ghe.example.com/data/models/pull/7/')).toEqual({
      host: 'github',
      apiUrl: 'https://ghe.example.com/api/v3',
      owner: 'data',
      repo: 'models',
      number: 7,
    });
  });

  it('takes the GitHub API root from the override', () => {
    expect(
      parseChangeUrl('https://github.com/acme/churn/pull/3', { githubApiUrl: 'http://127.0.0.1:8080/' }),
    ).toMatchObject({
      host: 'github',
      apiUrl: 'http://127.0.0.1:8080',
      owner: 'acme',
      repo: 'churn',
      number: 3,
    });
  });

  it('maps a GitLab merge request in nested groups to its project path', () => {
    expect(parseChangeUrl('https://gitlab.example.com/ml/team/sub/churn/-/merge_requests/15')).toEqual({
      host: 'gitlab',
      url: 'https://gitlab.example.com',
      projectPath: 'ml/team/sub/churn',
      iid: 15,
    });
  });

  it('accepts the old GitLab merge request path without /-/', () => {
    expect(parseChangeUrl('https://gitlab.com/group/project/merge_requests/2')).toMatchObject({
      host: 'gitlab',
      projectPath: 'group/project',
      iid: 2,
    });
  });

  it('strips the path prefix of a GitLab instance given by MLCI_GITLAB_URL', () => {
    expect(
      parseChangeUrl('https://example.com/gitlab/ml/churn/-/merge_requests/9', {
        gitlabUrl: 'https://example.com/gitlab/',
      }),
    ).toEqual({ host: 'gitlab', url: 'https://example.com/gitlab', projectPath: 'ml/churn', iid: 9 });
  });

  it('keeps the project path when the GitLab override is another URL (a proxy or test server)', () => {
    expect(
      parseChangeUrl('https://gitlab.com/ml/churn/-/merge_requests/9', {
        gitlabUrl: 'http://127.0.0.1:9000',
      }),
    ).toEqual({ host: 'gitlab', url: 'http://127.0.0.1:9000', projectPath: 'ml/churn', iid: 9 });
  });

  it.each([
    'https://github.com/acme/churn/pull/0',
    'https://github.com/acme/churn/pull/12/files',
    'https://github.com/acme/pull/12',
    'https://gitlab.com/-/merge_requests/3',
    'ftp://github.com/acme/churn/pull/1',
    'not a url',
    'https://gitlab.com/group/%E0%A4%A/-/merge_requests/1',
  ])('rejects %s', (url) => {
    expect(parseChangeUrl(url)).toBeUndefined();
  });
});

describe('repositoryFromGitUrl', () => {
  it.each([
    ['https://github.com/acme/churn-model.git', 'acme/churn-model'],
    ['https://gitlab.example.com/ml/team/churn', 'ml/team/churn'],
    ['git@github.com:acme/churn-model.git', 'acme/churn-model'],
    ['ssh://git@gitlab.example.com:2222/ml/team/churn.git', 'ml/team/churn'],
  ])('reads %s as %s', (url, repository) => {
    expect(repositoryFromGitUrl(url)).toBe(repository);
  });

  it.each(['https://example.com/', 'file-name', '/srv/git/repo.git'])('has no repository for %s', (url) => {
    expect(repositoryFromGitUrl(url)).toBeUndefined();
  });
});
