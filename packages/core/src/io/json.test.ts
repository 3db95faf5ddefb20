import { InputError, ServiceError } from '../errors';
import { maxJsonDepth, parseJson } from './json';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

test('nesting up to the limit parses; one level more is refused with the line it passes the limit on', () => {
  expect(() => parseJson(nested(maxJsonDepth), 'a.json')).not.toThrow();
  const deeper = `{\n"x":\n${nested(maxJsonDepth)}}`;
  expect(() => parseJson(deeper, 'a.json')).toThrow(
    new InputError(`a.json:3: JSON nested deeper than ${maxJsonDepth} levels`),
  );
});

test('brackets inside strings, escaped quotes included, do not count as nesting', () => {
  const text = JSON.stringify({ text: `\\"${'['.repeat(5000)}`, more: '{'.repeat(5000) });
  expect(parseJson(text, 'a.json')).toEqual(JSON.parse(text));
});

test('a server answer is a ServiceError without lines; bad JSON names the source', () => {
  expect(() => parseJson(Buffer.from(nested(maxJsonDepth + 1)), 'registry.example', 'service')).toThrow(
    new ServiceError(`registry.example: JSON nested deeper than ${maxJsonDepth} levels`),
  );
  expect(() => parseJson('{"a": ', 'm.json')).toThrow(InputError);
  expect(() => parseJson('{"a": ', 'm.json')).toThrow(/^m\.json: invalid JSON: /);
  expect(() => parseJson('nope', 'host', 'service')).toThrow(ServiceError);
});
