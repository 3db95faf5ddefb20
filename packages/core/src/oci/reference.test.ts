import { expect, test } from '@jest/globals';
import { InputError } from '../errors';
import { formatReference, isLoopbackHost, parseOciUri, parseReference } from './reference';

const digest = `sha256:${'a'.repeat(64)}`;

test('references: host with or without port, nested repository, tag, digest or both', () => {
  expect(parseReference('registry.example/team/model')).toEqual({
    host: 'registry.example',
    repository: 'team/model',
  });
  expect(parseReference('127.0.0.1:5000/models/churn:3')).toEqual({
    host: '127.0.0.1:5000',
    repository: 'models/churn',
    tag: '3',
  });
  expect(parseReference(`localhost/m@${digest}`)).toEqual({ host: 'localhost', repository: 'm', digest });
  expect(parseReference(`[::1]:5000/a/b:v1.0@${digest}`)).toEqual({
    host: '[::1]:5000',
    repository: 'a/b',
    tag: 'v1.0',
    digest,
  });
  for (const value of ['registry.example/team/model:1', `localhost:5000/m@${digest}`]) {
    expect(formatReference(parseReference(value))).toBe(value);
  }
});

test('garbage is an InputError naming the value and what is wrong', () => {
  const cases: [string, RegExp][] = [
    ['model', /invalid image reference "model": expected host\[:port\]\/repository/],
    ['registry.example/Team/model', /"Team\/model" is not a repository name/],
    ['registry.example/model:bad tag', /"bad tag" is not a valid tag/],
    ['registry.example/model@sha256:xyz', /"sha256:xyz" is not a digest/],
    ['regis try/model', /"regis try" is not a host/],
    ['registry.example:99999/model', /"registry.example:99999" is not a host/],
    ['registry.example//model', /is not a repository name/],
  ];
  for (const [value, message] of cases) {
    expect(() => parseReference(value)).toThrow(InputError);
    expect(() => parseReference(value)).toThrow(message);
  }
});

test('oci:// URIs: host, optional port, optional path; anything else is an InputError', () => {
  expect(parseOciUri('oci://127.0.0.1:5000/models')).toEqual({ host: '127.0.0.1:5000', path: 'models' });
  expect(parseOciUri('oci://ghcr.io/acme/ml/models/')).toEqual({ host: 'ghcr.io', path: 'acme/ml/models' });
  expect(parseOciUri('oci://registry.example')).toEqual({ host: 'registry.example', path: '' });
  for (const uri of [
    'oci:/registry/x',
    'http://registry/x',
    'oci://',
    'oci://host/UPPER',
    'oci://host/x?insecure=1',
    'oci://a b/x',
  ]) {
    expect(() => parseOciUri(uri)).toThrow(InputError);
    expect(() => parseOciUri(uri)).toThrow(`invalid OCI URI "${uri}"`);
  }
});

test('plain HTTP hosts: localhost, 127.0.0.1 and ::1 only, with any port', () => {
  for (const host of ['localhost', 'localhost:5000', '127.0.0.1:5000', '[::1]:5000', '[::1]']) {
    expect(isLoopbackHost(host)).toBe(true);
  }
  for (const host of ['127.0.0.2:5000', 'localhost.example', 'registry.example:5000', '[::2]:5000']) {
    expect(isLoopbackHost(host)).toBe(false);
  }
});
