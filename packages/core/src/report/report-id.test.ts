import * as z from 'zod';
import { commentMarker, hasMarker, legacyCommentMarker } from './markdown';
import { reportIdFromJobName, reportOptions } from './report-id';

const schema = z.object(reportOptions);

describe('report ids', () => {
  test('a job name becomes an id a marker can hold', () => {
    // GitLab's parallel:matrix job names, Jenkins stage names: kept readable, only <, > and line breaks go.
    expect(reportIdFromJobName('validate: [train, eu]')).toBe('validate: [train, eu]');
    expect(reportIdFromJobName('check <data> -->\nnext')).toBe('check _data_ --__next');
    expect(reportIdFromJobName('x'.repeat(300))).toHaveLength(128);
    expect(reportIdFromJobName('')).toBeUndefined();
    expect(reportIdFromJobName(undefined)).toBeUndefined();
  });

  test('an explicit id that could end the HTML comment is refused', () => {
    expect(schema.safeParse({ reportId: 'train-data' }).data).toEqual({ reportId: 'train-data' });
    for (const bad of ['a -->', 'a\nb', '<x', '', ' ', 'y'.repeat(129)])
      expect(schema.safeParse({ reportId: bad }).success).toBe(false);
  });

  test("a marker matches a comment's whole first line, so no id is a prefix of another", () => {
    const train = commentMarker('validate-data', 'train');
    expect(train).toBe('<!-- mlci:validate-data:train -->');
    expect(hasMarker(`${train}\n## report`, train)).toBe(true);
    expect(hasMarker(`${commentMarker('validate-data', 'train-eu')}\n## report`, train)).toBe(false);
    expect(hasMarker(`quoting ${train}`, train)).toBe(false);
    // A comment of an mlci before report ids is found by the step's marker, which no id's comment has.
    expect(legacyCommentMarker('validate-data', 'train')).toBe('<!-- mlci:validate-data -->');
    expect(hasMarker(`${train}\n`, '<!-- mlci:validate-data -->')).toBe(false);
    expect(legacyCommentMarker('validate-data')).toBeUndefined();
  });
});
