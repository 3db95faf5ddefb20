#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  InputError,
  hasUriCredentials,
  maskUriCredentials
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/report/secrets.ts
var secretNamePattern = /TOKEN|PASSWORD|PASSWD|SECRET|KEY|CREDENTIAL|PRIVATE/i;
function looksSecret(name) {
  return secretNamePattern.test(name);
}
function maskedEnvironment(entries) {
  const variables = {};
  for (const entry of entries) {
    const at = entry.indexOf("=");
    const name = at < 0 ? entry : entry.slice(0, at);
    variables[name] = looksSecret(name) ? null : at < 0 ? "" : entry.slice(at + 1);
  }
  return variables;
}
function credentialVariables(uri) {
  if (/^(mlflow|gitlab)\+/i.test(uri))
    return "MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD";
  return "MLCI_REGISTRY_USERNAME and MLCI_REGISTRY_PASSWORD (or a docker or podman auth file)";
}
function refuseUriCredentials(uri, what, variables = credentialVariables(uri)) {
  if (!hasUriCredentials(uri)) return;
  throw new InputError(
    `${what} '${maskUriCredentials(uri)}': credentials in the URI are refused, since it is printed in messages, reports and records; set ${variables} instead`
  );
}

export {
  maskedEnvironment,
  refuseUriCredentials
};
