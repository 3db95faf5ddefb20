// Wide data (issue 14): a seeded CSV of many columns, streamed to disk. Columns cycle through an integer
// (0-999, some nulls), a decimal (shifted by 100 per seed, so a reference of another seed drifts) and a
// category of four letters.
import { closeSync, openSync, writeSync } from 'node:fs';

export const wideGeneratorVersion = 1;

export function generateWide({ out, columns, rows, seed }) {
  let state = seed >>> 0 || 1;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const header = Array.from({ length: columns }, (_, j) => ['n', 'x', 'c'][j % 3] + String(j));
  const fd = openSync(out, 'w');
  try {
    writeSync(fd, `${header.join(',')}\n`);
    const row = new Array(columns);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < columns; j++) {
        if (j % 3 === 0) row[j] = j % 7 === 6 && random() < 0.1 ? '' : String(Math.floor(random() * 1000));
        else if (j % 3 === 1) row[j] = (random() * 100 + (seed - 1) * 100).toFixed(3);
        else row[j] = 'abcd'[Math.floor(random() * 4)];
      }
      writeSync(fd, `${row.join(',')}\n`);
    }
  } finally {
    closeSync(fd);
  }
}
