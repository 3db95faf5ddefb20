/**
 * Statistics for drift detection, ported from SciPy 1.10 (and Evidently for the drift-specific
 * conventions) so every number matches the Python tools teams compare against. No dependencies.
 */

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
export { ksTwoSample } from './ks';
export {
  chiSquareSurvival,
  erf,
  erfc,
  hurwitzZeta,
  logGamma,
  regularizedGammaP,
  regularizedGammaQ,
} from './special';
