import semver from 'semver';
import { InputError } from '../../errors';
import { isAliasName } from '../../registry/alias-move';

/**
 * Which release tag moves which alias: `SELECTOR=ALIAS`, first match wins. SELECTOR is `release` (a semantic
 * version without pre-release part: v1.4.0), `prerelease` (v1.4.0-rc.1), a semver range (`>=2.0.0 <3.0.0`,
 * `1.x`; pre-releases only match a range that names one, as npm has it), or `glob:PATTERN` on the tag as
 * written (`*` any text, `?` one character). Tags are read as semver with node-semver, a leading `v` allowed.
 */
export interface TagRule {
  text: string;
  alias: string;
  matches(tag: string): boolean;
}

/** When no rule is configured: releases go to production, pre-releases to staging. */
export const defaultTagRules = ['release=production', 'prerelease=staging'];

function versionOf(tag: string): semver.SemVer | null {
  return semver.parse(tag, { loose: false });
}

export function parseTagRule(text: string): TagRule {
  const at = text.lastIndexOf('=');
  const selector = at > 0 ? text.slice(0, at).trim() : '';
  const alias = text.slice(at + 1).trim();
  if (at <= 0 || selector === '' || !isAliasName(alias))
    throw new InputError(
      `rule '${text}': expected SELECTOR=ALIAS (release, prerelease, a semver range or glob:PATTERN; the alias in lowercase letters, digits, '.', '_', '-')`,
    );
  if (selector === 'release')
    return { text, alias, matches: (tag) => versionOf(tag)?.prerelease.length === 0 };
  if (selector === 'prerelease')
    return { text, alias, matches: (tag) => (versionOf(tag)?.prerelease.length ?? 0) > 0 };
  if (selector.startsWith('glob:')) {
    const pattern = selector.slice('glob:'.length);
    const regex = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    return { text, alias, matches: (tag) => regex.test(tag) };
  }
  const range = semver.validRange(selector);
  if (range === null)
    throw new InputError(
      `rule '${text}': '${selector}' is not release, prerelease, glob:PATTERN or a semver range`,
    );
  return {
    text,
    alias,
    matches: (tag) => {
      const version = versionOf(tag);
      return version !== null && semver.satisfies(version, range);
    },
  };
}

/** The alias a tag promotes to, by the first matching rule; a tag no rule takes is an input error. */
export function aliasForTag(tag: string, rules: readonly TagRule[]): { alias: string; rule: string } {
  const rule = rules.find((each) => each.matches(tag));
  if (!rule)
    throw new InputError(
      `tag '${tag}' matches no promote rule (${rules.map((each) => each.text).join(', ')}): add one, or give to`,
    );
  return { alias: rule.alias, rule: rule.text };
}
