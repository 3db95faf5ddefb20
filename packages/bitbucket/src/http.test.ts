import { commentMarker } from '@mlci/core';
import { FakeBitbucket, type Hostility } from '../../../tests/bitbucket/fake-bitbucket';
import { authorizationOf } from './http';
import { bitbucketReviewHost } from './index';

const sticky = { marker: commentMarker('train'), markdown: 'report', fullReportHint: 'See the artifacts.' };
const token = 'secret-token-value';

let bitbucket: FakeBitbucket;
let url: string;

beforeEach(async () => {
  bitbucket = new FakeBitbucket({
    tokens: {
      [token]: {
        dataCenter: { name: 'ci-bot', id: 11 },
        cloud: { uuid: '{b0t}', display_name: 'ci', type: 'app_user' },
        write: true,
      },
    },
  });
  url = await bitbucket.start();
});

afterEach(async () => {
  await bitbucket.stop();
});

const dataCenter = () =>
  bitbucketReviewHost(
    { host: 'bitbucket-server', baseUrl: url, project: 'PROJ', repo: 'models', id: 7 },
    token,
    {
      retries: 0,
      timeoutMs: 1_000,
    },
  );
const cloud = () =>
  bitbucketReviewHost(
    { host: 'bitbucket-cloud', baseUrl: `${url}/2.0`, workspace: 'acme', repo: 'models', id: 7 },
    token,
    {
      retries: 0,
      timeoutMs: 1_000,
    },
  );

describe('hostile or broken answers are bounded', () => {
  test.each<[Hostility, RegExp]>([
    ['declares-huge', /the answer declares 1073741824 bytes, more than the limit of 16 MiB/],
    ['endless', /the answer is over the limit of 16 MiB/],
    ['stalls', /did not end within 1 s|no answer in time/],
  ])('%s: a one-line error within the deadline, no comment written', async (hostility, message) => {
    bitbucket.hostility = hostility;
    for (const host of [dataCenter(), cloud()]) {
      const started = Date.now();
      const failure = host.upsert(sticky);
      await expect(failure).rejects.toThrow(message);
      await expect(failure).rejects.not.toThrow(token);
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    expect(bitbucket.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  test('a `next` link off the API origin is refused, so the token never goes there', async () => {
    bitbucket.hostility = 'next-elsewhere';
    await expect(cloud().upsert(sticky)).rejects.toThrow(
      /refusing to send the token to http:\/\/localhost:1\/2\.0\/repositories\/acme\/models\/pullrequests\/7\/comments, off http:\/\/127\.0\.0\.1/,
    );
  });
});

describe('authorizationOf', () => {
  test('user:secret is Basic; a token without a colon is Bearer', () => {
    expect(authorizationOf('alice:app-pass')).toEqual({
      header: `Basic ${Buffer.from('alice:app-pass').toString('base64')}`,
      scheme: 'basic',
      secret: 'app-pass',
    });
    expect(authorizationOf('NjE4OTk2Mzc2ODk0OkA+')).toEqual({
      header: 'Bearer NjE4OTk2Mzc2ODk0OkA+',
      scheme: 'bearer',
      secret: 'NjE4OTk2Mzc2ODk0OkA+',
    });
  });
});
