import { InputError } from '../../errors';
import { aliasForTag, defaultTagRules, parseTagRule } from './rules';

const defaults = defaultTagRules.map(parseTagRule);

test('by default releases go to production and pre-releases to staging; other tags match nothing', () => {
  expect(aliasForTag('v1.4.0', defaults)).toEqual({ alias: 'production', rule: 'release=production' });
  expect(aliasForTag('1.4.0', defaults).alias).toBe('production');
  expect(aliasForTag('v1.4.0-rc.1', defaults)).toEqual({ alias: 'staging', rule: 'prerelease=staging' });
  expect(() => aliasForTag('nightly', defaults)).toThrow(
    new InputError(
      "tag 'nightly' matches no promote rule (release=production, prerelease=staging): add one, or give to",
    ),
  );
  expect(() => aliasForTag('v1.4', defaults)).toThrow(InputError);
});

test('semver ranges, globs, and the first match wins', () => {
  const rules = ['>=2.0.0 <3.0.0=v2', 'glob:model-*=lab', 'release=production'].map(parseTagRule);
  expect(aliasForTag('v2.1.0', rules).alias).toBe('v2');
  expect(aliasForTag('v1.9.9', rules).alias).toBe('production');
  expect(aliasForTag('model-7', rules).alias).toBe('lab');
  // A range leaves pre-releases out unless it names one (npm's rule).
  expect(() => aliasForTag('v2.1.0-rc.1', rules)).toThrow(InputError);
});

test('malformed rules are one-line input errors', () => {
  expect(() => parseTagRule('production')).toThrow(/^rule 'production': expected SELECTOR=ALIAS/);
  expect(() => parseTagRule('release=Prod')).toThrow(/expected SELECTOR=ALIAS/);
  expect(() => parseTagRule('release=123')).toThrow(/expected SELECTOR=ALIAS/);
  expect(() => parseTagRule('>>2=x')).toThrow(
    "rule '>>2=x': '>>2' is not release, prerelease, glob:PATTERN or a semver range",
  );
});
