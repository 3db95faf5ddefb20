import { bambooContext, repositoryOfCloneUrl } from './context';

/** What every job of plan ML-MODELS (job TRAIN) sees, as a script task's environment has it. */
const job = {
  bamboo_buildKey: 'ML-MODELS-TRAIN',
  bamboo_planKey: 'ML-MODELS',
  bamboo_shortPlanKey: 'MODELS',
  bamboo_shortJobKey: 'TRAIN',
  bamboo_shortJobName: 'Train and evaluate',
  bamboo_buildNumber: '42',
  bamboo_buildResultKey: 'ML-MODELS-TRAIN-42',
  bamboo_resultsUrl: 'https://bamboo.example.com/browse/ML-MODELS-TRAIN-42',
  bamboo_buildResultsUrl: 'https://bamboo.example.com/browse/ML-MODELS-TRAIN-42',
  bamboo_planRepository_revision: '9f2c1e4b7a0d3c5e8f1a2b3c4d5e6f7a8b9c0d1e',
  bamboo_planRepository_1_revision: '9f2c1e4b7a0d3c5e8f1a2b3c4d5e6f7a8b9c0d1e',
  bamboo_planRepository_name: 'models',
  bamboo_planRepository_type: 'bbserver',
  bamboo_working_directory: '/var/atlassian/bamboo/xml-data/build-dir/ML-MODELS-TRAIN',
};

describe('bambooContext', () => {
  it('reads a branch build of a Bitbucket Data Center repository (https clone URL)', () => {
    const context = bambooContext({
      ...job,
      bamboo_planRepository_repositoryUrl: 'https://bitbucket.example.com/scm/ml/models.git',
      bamboo_planRepository_branch: 'main',
      bamboo_planRepository_branchName: 'main',
    });
    expect(context).toEqual({
      platform: 'bamboo',
      repository: 'ML/models',
      repositoryUrl: 'https://bitbucket.example.com/projects/ML/repos/models',
      commit: '9f2c1e4b7a0d3c5e8f1a2b3c4d5e6f7a8b9c0d1e',
      branch: 'main',
      runUrl: 'https://bamboo.example.com/browse/ML-MODELS-TRAIN-42',
      pipeline: 'ML-MODELS-42',
      job: 'ML-MODELS-TRAIN-42',
      jobName: 'Train and evaluate',
    });
  });

  it('reads a pull request build from Bitbucket Data Center under a context path, ssh clone URL', () => {
    const pr = {
      ...job,
      // A plan branch made "when pull request is created": its own key, the PR's variables.
      bamboo_planKey: 'ML-MODELS7',
      bamboo_buildResultKey: 'ML-MODELS7-TRAIN-3',
      bamboo_buildNumber: '3',
      bamboo_resultsUrl: 'https://bamboo.example.com/browse/ML-MODELS7-TRAIN-3',
      bamboo_planRepository_branchName: 'feature/new-features',
      bamboo_repository_pr_key: '17',
      bamboo_repository_pr_sourceBranch: 'feature/new-features',
      bamboo_repository_pr_targetBranch: 'main',
    };
    expect(
      bambooContext({
        ...pr,
        bamboo_planRepository_repositoryUrl: 'https://bitbucket.example.com/bitbucket/scm/ml/models.git',
      }),
    ).toMatchObject({
      repository: 'ML/models',
      repositoryUrl: 'https://bitbucket.example.com/bitbucket/projects/ML/repos/models',
      branch: 'feature/new-features',
      pipeline: 'ML-MODELS7-3',
      event: 'pull_request',
      changeRequest: {
        number: 17,
        targetBranch: 'main',
        url: 'https://bitbucket.example.com/bitbucket/projects/ML/repos/models/pull-requests/17',
      },
    });
    // ssh on Data Center's port 7999: the web pages are on https at the same host…
    expect(
      bambooContext({
        ...pr,
        bamboo_planRepository_repositoryUrl: 'ssh://git@bitbucket.example.com:7999/ml/models.git',
      }).changeRequest,
    ).toEqual({
      number: 17,
      targetBranch: 'main',
      url: 'https://bitbucket.example.com/projects/ML/repos/models/pull-requests/17',
    });
    // …unless MLCI_BITBUCKET_URL says where (a context path, another port).
    expect(
      bambooContext({
        ...pr,
        MLCI_BITBUCKET_URL: 'https://bitbucket.example.com/bitbucket/',
        bamboo_planRepository_repositoryUrl: 'ssh://git@bitbucket.example.com:7999/ml/models.git',
      }).changeRequest?.url,
    ).toBe('https://bitbucket.example.com/bitbucket/projects/ML/repos/models/pull-requests/17');
  });

  it('reads a pull request build from Bitbucket Cloud, branches given as refs', () => {
    const context = bambooContext({
      ...job,
      bamboo_planRepository_repositoryUrl: 'git@bitbucket.org:acme/churn-model.git',
      bamboo_planRepository_branchName: 'fix/leakage',
      bamboo_repository_pr_key: '5',
      bamboo_repository_pr_sourceBranch: 'refs/heads/fix/leakage',
      bamboo_repository_pr_targetBranch: 'refs/heads/main',
    });
    expect(context).toMatchObject({
      repository: 'acme/churn-model',
      repositoryUrl: 'https://bitbucket.org/acme/churn-model',
      branch: 'fix/leakage',
      event: 'pull_request',
      changeRequest: {
        number: 5,
        targetBranch: 'main',
        url: 'https://bitbucket.org/acme/churn-model/pull-requests/5',
      },
    });
    expect(context.tag).toBeUndefined();
    // An https clone URL with the user in it gives the same page, without the user.
    expect(
      bambooContext({
        ...job,
        bamboo_planRepository_repositoryUrl: 'https://jdoe@bitbucket.org/acme/churn-model.git',
        bamboo_repository_pr_key: '5',
      }).changeRequest?.url,
    ).toBe('https://bitbucket.org/acme/churn-model/pull-requests/5');
  });

  it('derives GitHub and GitLab pull and merge request pages, and none for an unknown host', () => {
    const pr = { ...job, bamboo_repository_pr_key: '8', bamboo_repository_pr_targetBranch: 'main' };
    expect(
      bambooContext({ ...pr, bamboo_planRepository_repositoryUrl: 'https://github.com/acme/models.git' }),
    ).toMatchObject({
      repository: 'acme/models',
      event: 'pull_request',
      changeRequest: { number: 8, url: 'https://github.com/acme/models/pull/8' },
    });
    expect(
      bambooContext({
        ...pr,
        MLCI_GITLAB_URL: 'https://example.com/gitlab',
        bamboo_planRepository_repositoryUrl: 'https://example.com/gitlab/data/ml/models.git',
      }),
    ).toMatchObject({
      repository: 'data/ml/models',
      repositoryUrl: 'https://example.com/gitlab/data/ml/models',
      event: 'merge_request_event',
      changeRequest: { url: 'https://example.com/gitlab/data/ml/models/-/merge_requests/8' },
    });
    const unknown = bambooContext({
      ...pr,
      bamboo_planRepository_repositoryUrl: 'https://git.example.com/ml/models.git',
    });
    expect(unknown).toMatchObject({
      repository: 'ml/models',
      repositoryUrl: 'https://git.example.com/ml/models',
      event: 'change_request',
      changeRequest: { number: 8, targetBranch: 'main' },
    });
    expect(unknown.changeRequest?.url).toBeUndefined();
  });

  it('reads a release build: a customised run of tag v1.4.0 is a tag build, a commit id or the branch is not', () => {
    const release = {
      ...job,
      bamboo_planRepository_repositoryUrl: 'https://bitbucket.example.com/scm/ml/models.git',
      bamboo_planRepository_branchName: 'main',
      bamboo_ManualBuildTriggerReason_userName: 'release-manager',
    };
    expect(bambooContext({ ...release, bamboo_customRevision: 'v1.4.0' })).toMatchObject({
      tag: 'v1.4.0',
      commit: '9f2c1e4b7a0d3c5e8f1a2b3c4d5e6f7a8b9c0d1e',
      actor: 'release-manager',
      event: 'manual',
    });
    expect(bambooContext({ ...release, bamboo_customRevision: 'v1.4.0' }).branch).toBeUndefined();
    expect(bambooContext({ ...release, bamboo_customRevision: 'refs/tags/v2.0.0-rc.1' }).tag).toBe(
      'v2.0.0-rc.1',
    );
    for (const revision of [
      '9f2c1e4',
      '9f2c1e4b7a0d3c5e8f1a2b3c4d5e6f7a8b9c0d1e',
      'main',
      'refs/heads/main',
      '',
    ]) {
      const context = bambooContext({ ...release, bamboo_customRevision: revision });
      expect([revision, context.tag, context.branch]).toEqual([revision, undefined, 'main']);
    }
  });

  it('reads a manual build of a branch: the user who ran it, no pull request', () => {
    const context = bambooContext({
      ...job,
      bamboo_planRepository_repositoryUrl: 'https://github.com/acme/models.git',
      bamboo_planRepository_branch: 'main',
      bamboo_ManualBuildTriggerReason_userName: 'jdoe',
    });
    expect(context).toMatchObject({ branch: 'main', actor: 'jdoe', event: 'manual' });
    expect(context.changeRequest).toBeUndefined();
    expect(context.tag).toBeUndefined();
  });

  it('takes bamboo_buildResultsUrl when bamboo_resultsUrl is missing, and leaves out what is not set', () => {
    expect(
      bambooContext({
        bamboo_buildKey: 'ML-MODELS-TRAIN',
        bamboo_buildResultsUrl: 'https://bamboo.example.com/browse/ML-MODELS-TRAIN-1',
        bamboo_repository_pr_key: 'not-a-number',
      }),
    ).toEqual({ platform: 'bamboo', runUrl: 'https://bamboo.example.com/browse/ML-MODELS-TRAIN-1' });
  });
});

describe('repositoryOfCloneUrl', () => {
  it('knows a personal Data Center repository and keeps unknown ssh remotes without a web page', () => {
    expect(repositoryOfCloneUrl('https://bitbucket.example.com/scm/~jdoe/sandbox.git')).toEqual({
      host: 'bitbucket-server',
      repository: '~jdoe/sandbox',
      webUrl: 'https://bitbucket.example.com/users/jdoe/repos/sandbox',
    });
    expect(repositoryOfCloneUrl('git@git.example.com:ml/models.git')).toEqual({
      host: 'other',
      repository: 'ml/models',
    });
    expect(repositoryOfCloneUrl('not a url')).toEqual({ host: 'other' });
  });

  it('tells GitHub Enterprise by MLCI_GITHUB_API_URL', () => {
    expect(
      repositoryOfCloneUrl('git@ghe.example.com:acme/models.git', {
        MLCI_GITHUB_API_URL: 'https://ghe.example.com/api/v3',
      }),
    ).toEqual({ host: 'github', repository: 'acme/models', webUrl: 'https://ghe.example.com/acme/models' });
  });
});
