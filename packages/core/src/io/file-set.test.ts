import { execFileSync } from 'node:child_process';
import { comparePaths } from './file-set';

describe('comparePaths', () => {
  test('sorts as `LC_ALL=C sort` does (UTF-8 byte order), characters past U+FFFF against U+E000-U+FFFF included', () => {
    // One character of each UTF-8 length, and the two ranges where UTF-16 order is not byte order.
    const alphabet = [
      'a',
      'Z',
      '/',
      '.',
      '-',
      '~',
      'é',
      '\u07ff',
      '\u0800',
      '€',
      '\ud7ff',
      '\ue000',
      'ﬀ',
      '\uffff',
    ];
    alphabet.push('😀', '𝄞', '\u{10ffff}');
    let seed = 18;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % below;
    };
    const names = Array.from({ length: 3000 }, () =>
      Array.from({ length: 1 + random(5) }, () => alphabet[random(alphabet.length)]).join(''),
    );

    const sorted = [...names].sort(comparePaths);

    const bySort = execFileSync('sort', [], {
      input: `${names.join('\n')}\n`,
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C' },
    });
    expect(sorted).toEqual(bySort.trimEnd().split('\n'));
    expect(sorted).toEqual(
      [...names].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))),
    );
  });
});
