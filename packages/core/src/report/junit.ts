import type { Check, StepName } from './model';

const xmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(text: string): string {
  // Control characters other than tab/CR/LF, U+FFFE, U+FFFF and unpaired surrogates are not allowed in XML 1.0
  // at all: one in a column name would make the whole file unreadable to a CI's JUnit parser.
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
      .replace(/[&<>"']/g, (c) => xmlEscapes[c] ?? c)
  );
}

/**
 * JUnit XML with one testcase per check; warnings pass and carry their message in system-out; skipped checks are
 * skipped testcases with the reason.
 */
export function renderJUnit(step: StepName, checks: readonly Check[], seconds = 0): string {
  const failures = checks.filter((check) => check.status === 'failed').length;
  const skipped = checks.filter((check) => check.status === 'skipped').length;
  const cases = checks.map((check) => {
    const classname = `mlci.${step}${check.column === undefined ? '' : `.${check.column}`}`;
    const open = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(check.name)}" time="0">`;
    if (check.status === 'failed') {
      return `${open}\n      <failure message="${escapeXml(check.message)}" type="${check.severity}">${escapeXml(detail(check))}</failure>\n    </testcase>`;
    }
    if (check.status === 'skipped') {
      return `${open}\n      <skipped message="${escapeXml(check.message)}"/>\n    </testcase>`;
    }
    if (check.status === 'warned') {
      return `${open}\n      <system-out>${escapeXml(`warning: ${check.message}`)}</system-out>\n    </testcase>`;
    }
    return `${open}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mlci" tests="${checks.length}" failures="${failures}" errors="0" time="${seconds}">`,
    `  <testsuite name="mlci.${step}" tests="${checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function detail(check: Check): string {
  const lines = [check.message];
  if (check.expected !== undefined) lines.push(`expected: ${JSON.stringify(check.expected)}`);
  if (check.observed !== undefined) lines.push(`observed: ${JSON.stringify(check.observed)}`);
  return lines.join('\n');
}
