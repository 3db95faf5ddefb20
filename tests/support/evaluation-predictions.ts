/**
 * Predictions of a binary classifier on one fixed evaluation set, for the evaluate adapters' end-to-end tests:
 * 60 rows of `label,prediction,score,region`, labels alternating 0/1, a third of the rows in region DE. Each
 * side is wrong on the rows listed, so its accuracy is known: baseline 0.9, a worse candidate 0.8 (a drop of
 * 0.1, past `accuracy:max_drop=0.02`), a better one 0.9333. Every side has the same labels in the same order:
 * the same evaluation data digest, as mlci requires.
 */
export const evaluationRows = 60;

function predictions(wrongRows: readonly number[]): string {
  const lines = ['label,prediction,score,region'];
  for (let row = 0; row < evaluationRows; row++) {
    const label = row % 2;
    const prediction = wrongRows.includes(row) ? 1 - label : label;
    lines.push(`${label},${prediction},${prediction === 1 ? 0.8 : 0.2},${row % 3 === 0 ? 'DE' : 'FR'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Accuracy 54/60 = 0.9. */
export const baselinePredictions = predictions([1, 2, 7, 14, 25, 40]);
/** Accuracy 48/60 = 0.8: the baseline's mistakes and six more. */
export const worseCandidate = predictions([1, 2, 7, 14, 25, 40, 3, 9, 21, 30, 33, 50]);
/** Accuracy 56/60 = 0.9333. */
export const betterCandidate = predictions([1, 7, 25, 40]);
