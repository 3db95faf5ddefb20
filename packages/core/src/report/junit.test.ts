import { escapeXml, renderJUnit } from './junit';

test('escapeXml: markup characters as entities; what XML 1.0 cannot hold removed or replaced', () => {
  expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  expect(escapeXml('x\u0000y\u001bz\ufffe\uffff')).toBe('xyz');
  // A lone surrogate (half of an emoji cut) becomes U+FFFD; a whole pair stays.
  expect(escapeXml('a\ud83d b \ud83d\ude00')).toBe('a\ufffd b \ud83d\ude00');
});

test('renderJUnit: a hostile column name stays inside its attribute', () => {
  const xml = renderJUnit('validate-data', [
    { name: 'min', column: 'a"><injected/><x y="', status: 'failed', severity: 'error', message: '<!--' },
  ]);
  expect(xml).not.toContain('<injected/>');
  expect(xml).toContain('classname="mlci.validate-data.a&quot;&gt;&lt;injected/&gt;&lt;x y=&quot;"');
  expect(xml).toContain('message="&lt;!--"');
});
