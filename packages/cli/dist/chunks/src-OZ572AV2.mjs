#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  ChangeRequestCi,
  CommentPermissionError,
  LocalPlatform,
  apiOverridesFromEnv,
  buildImageInput,
  buildImageStep,
  cacheKeyParts,
  changeTargetName,
  changeTargetRepository,
  chiSquareDrift,
  chiSquareTest,
  coerceOptionText,
  commentOnChangeRequest,
  configJsonSchema,
  configKeysOf,
  configOption,
  configSchema,
  createProgress,
  defaultConfigFile,
  defineStep,
  definedField,
  evaluateInput,
  evaluateStep,
  evaluationTasks,
  evidenceKinds,
  executeStep,
  findStep,
  jensenShannonDistance,
  kebabCase,
  kolmogorovSurvival,
  kolmogorovTwoSidedCdf,
  kolmogorovTwoSidedSurvival,
  ksTwoSample,
  ksTwoSampleOfStatistic,
  loadConfig,
  maxBaselineArchiveBytes,
  noProgress,
  optionsOf,
  parseChangeUrl,
  populationStabilityIndex,
  positiveInteger,
  promoteInput,
  promoteStep,
  publishStickyComment,
  repositoryFromGitUrl,
  sharedSettings,
  smirnovSurvival,
  stderrLogger,
  steps,
  trainInput,
  trainStep,
  validateDataStep,
  wassersteinDistance
} from "./chunk-UU4X5VKW.mjs";
import {
  DEFAULT_BOOTSTRAP_SEED,
  DEFAULT_CONFIDENCE,
  DEFAULT_RESAMPLES,
  MCNEMAR_EXACT_BELOW,
  chiSquareSurvival,
  discordantPairs,
  erf,
  erfc,
  hurwitzZeta,
  logGamma,
  mcnemarTest,
  pairedBootstrap,
  regularizedGammaP,
  regularizedGammaQ
} from "./chunk-PIGIVRCI.mjs";
import {
  deployHostOf,
  deployTokenVariable,
  httpGet,
  openChangeRequest,
  parseGitUrl,
  redacted,
  statusLine
} from "./chunk-3WNJNPRY.mjs";
import {
  mlciVersion
} from "./chunk-BRKVSMAE.mjs";
import "./chunk-TJKDTMP2.mjs";
import {
  openRunCache
} from "./chunk-O7NCGSNF.mjs";
import "./chunk-GSMRIG7M.mjs";
import {
  currentCommits,
  modelRefForms,
  modelRefPattern,
  parseModelRef,
  resolveModelRef,
  versionRegisteredFrom
} from "./chunk-576TQ6KU.mjs";
import {
  statusOf
} from "./chunk-O2IB43A2.mjs";
import {
  escapeXml,
  renderJUnit,
  stepReportFiles,
  writeStepReports
} from "./chunk-HGLLVRDD.mjs";
import "./chunk-3P2GI5CC.mjs";
import "./chunk-K3J2CXMS.mjs";
import "./chunk-QKIDLYGI.mjs";
import "./chunk-VXLUZCFX.mjs";
import "./chunk-YWAIXB75.mjs";
import {
  alertFor,
  alertKinds,
  alertOption,
  dataFormats,
  defaultMaxLineSize,
  driftTests,
  maxMaxLineSize,
  reportFileAlert,
  reportIdFromJobName,
  reportIdMaxLength,
  reportOptions,
  validateDataInput
} from "./chunk-OJEZEUZX.mjs";
import "./chunk-3WGW567F.mjs";
import "./chunk-EHSMM5DC.mjs";
import "./chunk-MK3DDHCX.mjs";
import {
  InlineMarkdown,
  bareUrl,
  cell,
  codeSpan,
  commentMarker,
  fitToLimit,
  formatBytes,
  formatMetric,
  hasMarker,
  heading,
  legacyCommentMarker,
  link,
  literalText,
  md,
  plural,
  table,
  visibleLine
} from "./chunk-5PJDXVWP.mjs";
import {
  writeFileAtomic
} from "./chunk-VQWOU3SX.mjs";
import "./chunk-T5LB56MC.mjs";
import "./chunk-2GFZTZLN.mjs";
import {
  openRegistry,
  openStepRegistry
} from "./chunk-3U2PU2IP.mjs";
import {
  AliasConflict,
  latestVersion,
  modelNamePattern,
  registryUriForms,
  versionLabels,
  versionOrAlias
} from "./chunk-XMRYHEY6.mjs";
import {
  CorruptCacheEntry
} from "./chunk-JQ6FLF6B.mjs";
import {
  isNetworkError,
  networkReason
} from "./chunk-FIL44SLO.mjs";
import "./chunk-J77EQZPR.mjs";
import {
  comparePaths,
  fileSetOf,
  setDigest
} from "./chunk-ZAIHXEFC.mjs";
import "./chunk-IS7M7TXC.mjs";
import {
  bytesDigest,
  copyWithDigest,
  fileDigest
} from "./chunk-KLG7ZBD7.mjs";
import "./chunk-4VSSUXZN.mjs";
import {
  handleInterrupts,
  interruptSignals,
  interruptedBy,
  registerCleanup,
  runCleanups,
  signalExitCode
} from "./chunk-BOL2UAYQ.mjs";
import {
  withRetries
} from "./chunk-Q2OW4E5W.mjs";
import {
  BodyLimitError,
  bodyLimits,
  boundedFetch,
  defaultBodyDeadlineMs,
  formatLimit,
  readBody,
  readBodyJson,
  readBodyText
} from "./chunk-7YFYVVS2.mjs";
import {
  maxJsonDepth,
  parseJson
} from "./chunk-COETP6OK.mjs";
import "./chunk-2WYYKV6E.mjs";
import {
  ExitCode,
  InputError,
  MlciError,
  ServiceError,
  fileSystemError,
  firstLine,
  hasUriCredentials,
  maskUriCredentials,
  userError
} from "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";
export {
  AliasConflict,
  BodyLimitError,
  ChangeRequestCi,
  CommentPermissionError,
  CorruptCacheEntry,
  DEFAULT_BOOTSTRAP_SEED,
  DEFAULT_CONFIDENCE,
  DEFAULT_RESAMPLES,
  ExitCode,
  InlineMarkdown,
  InputError,
  LocalPlatform,
  MCNEMAR_EXACT_BELOW,
  MlciError,
  ServiceError,
  alertFor,
  alertKinds,
  alertOption,
  apiOverridesFromEnv,
  bareUrl,
  bodyLimits,
  boundedFetch,
  buildImageInput,
  buildImageStep,
  bytesDigest,
  cacheKeyParts,
  cell,
  changeTargetName,
  changeTargetRepository,
  chiSquareDrift,
  chiSquareSurvival,
  chiSquareTest,
  codeSpan,
  coerceOptionText,
  commentMarker,
  commentOnChangeRequest,
  comparePaths,
  configJsonSchema,
  configKeysOf,
  configOption,
  configSchema,
  copyWithDigest,
  createProgress,
  currentCommits,
  dataFormats,
  defaultBodyDeadlineMs,
  defaultConfigFile,
  defaultMaxLineSize,
  defineStep,
  definedField,
  deployHostOf,
  deployTokenVariable,
  discordantPairs,
  driftTests,
  erf,
  erfc,
  escapeXml,
  evaluateInput,
  evaluateStep,
  evaluationTasks,
  evidenceKinds,
  executeStep,
  fileDigest,
  fileSetOf,
  fileSystemError,
  findStep,
  firstLine,
  fitToLimit,
  formatBytes,
  formatLimit,
  formatMetric,
  handleInterrupts,
  hasMarker,
  hasUriCredentials,
  heading,
  httpGet,
  hurwitzZeta,
  interruptSignals,
  interruptedBy,
  isNetworkError,
  jensenShannonDistance,
  kebabCase,
  kolmogorovSurvival,
  kolmogorovTwoSidedCdf,
  kolmogorovTwoSidedSurvival,
  ksTwoSample,
  ksTwoSampleOfStatistic,
  latestVersion,
  legacyCommentMarker,
  link,
  literalText,
  loadConfig,
  logGamma,
  maskUriCredentials,
  maxBaselineArchiveBytes,
  maxJsonDepth,
  maxMaxLineSize,
  mcnemarTest,
  md,
  mlciVersion,
  modelNamePattern,
  modelRefForms,
  modelRefPattern,
  networkReason,
  noProgress,
  openChangeRequest,
  openRegistry,
  openRunCache,
  openStepRegistry,
  optionsOf,
  pairedBootstrap,
  parseChangeUrl,
  parseGitUrl,
  parseJson,
  parseModelRef,
  plural,
  populationStabilityIndex,
  positiveInteger,
  promoteInput,
  promoteStep,
  publishStickyComment,
  readBody,
  readBodyJson,
  readBodyText,
  redacted,
  registerCleanup,
  registryUriForms,
  regularizedGammaP,
  regularizedGammaQ,
  renderJUnit,
  reportFileAlert,
  reportIdFromJobName,
  reportIdMaxLength,
  reportOptions,
  repositoryFromGitUrl,
  resolveModelRef,
  runCleanups,
  setDigest,
  sharedSettings,
  signalExitCode,
  smirnovSurvival,
  statusLine,
  statusOf,
  stderrLogger,
  stepReportFiles,
  steps,
  table,
  trainInput,
  trainStep,
  userError,
  validateDataInput,
  validateDataStep,
  versionLabels,
  versionOrAlias,
  versionRegisteredFrom,
  visibleLine,
  wassersteinDistance,
  withRetries,
  writeFileAtomic,
  writeStepReports
};
