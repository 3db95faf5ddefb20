/**
 * Statistics for drift detection, ported from SciPy 1.10 (and Evidently for the drift-specific
 * conventions) so every number matches the Python tools teams compare against; the paired bootstrap and
 * McNemar's test for evaluate's gates. No dependencies.
 */

export type {
  BootstrapApproximation,
  BootstrapMetric,
  BootstrapModel,
  CountingMetric,
  DeltaInterval,
  PairedBootstrapInput,
  ScoreBootstrapMethod,
  ScoreMetric,
} from './bootstrap';
export {
  DEFAULT_BOOTSTRAP_SEED,
  DEFAULT_CONFIDENCE,
  DEFAULT_RESAMPLES,
  pairedBootstrap,
} from './bootstrap';

export type { ChiSquareResult } from './chisquare';
export { chiSquareDrift, chiSquareTest } from './chisquare';
export { jensenShannonDistance, populationStabilityIndex, wassersteinDistance } from './distance';
export {
  kolmogorovSurvival,
  kolmogorovTwoSidedCdf,
  kolmogorovTwoSidedSurvival,
  smirnovSurvival,
} from './kolmogorov';
export type { KsTwoSampleResult } from './ks';
export { ksTwoSample, ksTwoSampleOfStatistic } from './ks';
export type { McNemarMethod, McNemarResult } from './mcnemar';
export { discordantPairs, MCNEMAR_EXACT_BELOW, mcnemarTest } from './mcnemar';
export {
  chiSquareSurvival,
  erf,
  erfc,
  hurwitzZeta,
  logGamma,
  regularizedGammaP,
  regularizedGammaQ,
} from './special';
