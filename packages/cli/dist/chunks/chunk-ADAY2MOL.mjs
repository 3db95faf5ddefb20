#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/report/model.ts
function statusOf(checks) {
  return checks.some((check) => check.status === "failed") ? "failed" : "passed";
}

// packages/core/src/registry/evidence.ts
var evidenceTypes = {
  validation: { step: "validate-data", mediaType: "application/vnd.mlci.validation.v1+json" },
  evaluation: { step: "evaluate", mediaType: "application/vnd.mlci.evaluation.v1+json" },
  image: { step: "build-image", mediaType: "application/vnd.mlci.image.v1+json" }
};
var evidenceTypeNames = Object.keys(evidenceTypes);
function evidenceTypeOfStep(step) {
  return evidenceTypeNames.find((kind) => evidenceTypes[kind].step === step);
}
var evidenceStatusAnnotation = "dev.mlci.evidence.status";
function evidenceAttachment(kind, content, status, annotations = {}) {
  return {
    kind,
    mediaType: evidenceTypes[kind].mediaType,
    content,
    annotations: { [evidenceStatusAnnotation]: status, ...annotations }
  };
}

export {
  statusOf,
  evidenceTypeNames,
  evidenceTypeOfStep,
  evidenceAttachment
};
