/**
 * Readings of a press line's sensors as a CSV (temperature, vibration, line), drawn from a seeded generator so
 * every run of a test sees the same rows: a training reference, and production samples that keep its
 * distribution or have drifted (`shift` degrees warmer, vibration scaled with it, line C taking over).
 */
export function sensorReadings(options: { rows: number; seed: number; shift?: number }): string {
  let state = options.seed;
  // Park-Miller: small, deterministic, good enough for test distributions.
  const next = () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
  const shift = options.shift ?? 0;
  const lines = ['temperature,vibration,line'];
  for (let i = 0; i < options.rows; i++) {
    const temperature = 60 + shift + (next() + next() + next() - 1.5) * 6;
    const vibration = (0.3 + (next() - 0.5) * 0.1) * (1 + shift / 10);
    const line = shift > 0 && next() < 0.7 ? 'C' : (['A', 'B', 'C'][Math.floor(next() * 3)] as string);
    lines.push(`${temperature.toFixed(2)},${vibration.toFixed(4)},${line}`);
  }
  return `${lines.join('\n')}\n`;
}
