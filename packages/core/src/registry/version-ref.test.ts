import { InputError } from '../errors';
import { parseModelRef } from './version-ref';

test.each([
  ['houses@3', { model: 'houses', version: '3' }],
  ['houses@production', { model: 'houses', version: 'production' }],
  ['houses@latest', { model: 'houses', version: 'latest' }],
  ['houses', { model: 'houses' }],
])('%s parses where a version may be left out', (text, expected) => {
  expect(parseModelRef(text, 'attach-to', { versionOptional: true })).toEqual(expected);
});

test.each([
  ['houses', 'baseline', "baseline: 'houses': expected NAME@VERSION, NAME@ALIAS or NAME@latest"],
  ['houses@', 'baseline', "baseline: 'houses@': expected NAME@VERSION, NAME@ALIAS or NAME@latest"],
  ['@3', 'baseline', "baseline: '@3': expected NAME@VERSION, NAME@ALIAS or NAME@latest"],
  ['houses@0', 'baseline', "baseline: 'houses@0': expected NAME@VERSION, NAME@ALIAS or NAME@latest"],
  ['houses@Prod', 'baseline', "baseline: 'houses@Prod': expected NAME@VERSION, NAME@ALIAS or NAME@latest"],
  ['Houses@1', 'attach-to', "attach-to: model name 'Houses': expected lowercase letters"],
])('%s (%s) is an InputError naming the option and the forms', (text, option, message) => {
  const parse = () => parseModelRef(text, option);
  expect(parse).toThrow(InputError);
  expect(parse).toThrow(message);
});
