import { createProgress } from './progress';

function recorder(interactive: boolean) {
  let clock = 0;
  const lines: string[] = [];
  const written: string[] = [];
  const progress = createProgress({
    interactive,
    logger: { info: (m) => lines.push(m), warn: () => {}, debug: () => {} },
    now: () => clock,
    write: (text) => written.push(text),
  });
  return { progress, lines, written, advance: (ms: number) => (clock += ms) };
}

test('a CI log gets a line every 5 s, not one per update', () => {
  const { progress, lines, advance } = recorder(false);
  for (let i = 0; i < 100; i++) {
    advance(200);
    progress.update('reading data.csv', i / 100);
  }
  // 20 s of updates: one line per 5 s.
  expect(lines).toEqual([
    'reading data.csv 24%',
    'reading data.csv 49%',
    'reading data.csv 74%',
    'reading data.csv 99%',
  ]);
});

test('a terminal gets one live line, redrawn in place and cleared at the end', () => {
  const { progress, written, lines, advance } = recorder(true);
  advance(150);
  progress.update('checking', 0.5);
  advance(50);
  progress.update('checking', 0.6);
  advance(100);
  progress.update('checking', 0.7);
  progress.done();
  expect(written).toEqual(['\r\u001b[Kchecking 50%', '\r\u001b[Kchecking 70%', '\r\u001b[K']);
  expect(lines).toEqual([]);
});
