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

// Each call's deadline: a stalled answer ends at it; a flood must hit the size limit well before it, even on a
// loaded machine.
const dataCenter = (timeoutMs = 20_000) =>
  bitbucketReviewHost(
    { host: 'bitbucket-server', baseUrl: url, projectKey: 'PROJ', repo: 'models', number: 7 },
    token,
    { retries: 0, timeoutMs },
  );
const cloud = (timeoutMs = 20_000) =>
  bitbucketReviewHost(
    { host: 'bitbucket-cloud', apiUrl: `${url}/2.0`, workspace: 'acme', repo: 'models', number: 7 },
    token,
    { retries: 0, timeoutMs },
  );

describe('hostile or broken answers are bounded', () => {
  test.each<[Hostility, number, RegExp]>([
    ['declares-huge', 20_000, /the answer declares 1073741824 bytes, more than the limit of 16 MiB/],
    ['endless', 20_000, /the answer is over the limit of 16 MiB/],
    ['stalls', 1_000, /did not end within 1 s|no answer in time/],
  ])('%s: a one-line error, no comment written', async (hostility, timeoutMs, message) => {
    bitbucket.hostility = hostility;
    for (const host of [dataCenter(timeoutMs), cloud(timeoutMs)]) {
      const started = Date.now();
      const failure = host.upsert(sticky);
      await expect(failure).rejects.toThrow(message);
      await expect(failure).rejects.not.toThrow(token);
      expect(Date.now() - started).toBeLessThan(timeoutMs + 5_000);
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
