// Every registration of a version, kept by every backend the same way: as an attachment of kind `registration`
// whose annotations hold the registration's fields (so reading them costs no content fetch), written through
// the backend's attach path, which already keeps concurrent writers from losing each other's attachments.
import {
  type Attachment,
  type ModelVersion,
  type NewAttachment,
  type RegisterRequest,
  type Registration,
  versionLabels,
} from './registry';

export const registrationKind = 'registration';
export const registrationMediaType = 'application/vnd.mlci.registration.v1+json';

/** Registration field -> annotation key. */
const annotationKeys = {
  commit: 'dev.mlci.registration.commit',
  runId: 'dev.mlci.registration.run.id',
  runUrl: 'dev.mlci.registration.run.url',
  pipeline: 'dev.mlci.registration.pipeline',
  source: 'dev.mlci.registration.source',
  inputsDigest: 'dev.mlci.registration.inputs.digest',
  time: 'dev.mlci.registration.time',
} as const satisfies Record<keyof Registration, string>;
const fields = Object.keys(annotationKeys) as (keyof Registration)[];

/** The stored form: the fields as annotations, and as the content (canonical JSON, fields in one order). */
export function registrationAttachment(registration: Registration): NewAttachment {
  const present = fields.filter((field) => registration[field] !== undefined && registration[field] !== '');
  return {
    kind: registrationKind,
    mediaType: registrationMediaType,
    content: Buffer.from(
      `${JSON.stringify(Object.fromEntries(present.map((field) => [field, registration[field]])))}\n`,
    ),
    annotations: Object.fromEntries(
      present.map((field) => [annotationKeys[field], String(registration[field])]),
    ),
  };
}

/**
 * The registration a version's labels describe: how mlci before registrations kept the one registration it
 * knew (the run that made the files and its commit), and what a request without one registers.
 */
export function registrationOfLabels(labels: Record<string, string>, time: string): Registration {
  const registration: Registration = { time: labels[versionLabels.created] ?? time };
  if (labels[versionLabels.revision]) registration.commit = labels[versionLabels.revision];
  if (labels[versionLabels.runId]) registration.runId = labels[versionLabels.runId];
  if (labels[versionLabels.source]) registration.source = labels[versionLabels.source];
  if (labels[versionLabels.inputsDigest]) registration.inputsDigest = labels[versionLabels.inputsDigest];
  return registration;
}

/** The registration a request makes: its own, else the one its labels describe, registered now. */
export function registrationOf(request: RegisterRequest): Registration {
  return request.registration ?? registrationOfLabels(request.labels, new Date().toISOString());
}

/** The registrations withRegistrations read from labels (none stored): existingVersionAttachments stores them. */
const readFromLabels = new WeakSet<Registration>();

/** Two registrations are one when they name the same commit (a retried job), else the same run. */
function keyOf(registration: Registration): string {
  if (registration.commit) return `commit ${registration.commit}`;
  if (registration.runId) return `run ${registration.runId}`;
  return `time ${registration.time}`;
}

function parseRegistration(attachment: Attachment): Registration | undefined {
  const annotations = attachment.annotations;
  const time = annotations[annotationKeys.time];
  if (!time) return undefined; // not written by mlci: not a registration
  const registration: Registration = { time };
  for (const field of fields) {
    const value = annotations[annotationKeys[field]];
    if (field !== 'time' && value) registration[field] = value;
  }
  return registration;
}

/**
 * A version as stored (its attachments including its registrations) as readers see it: the registrations
 * apart, oldest first, one per commit (two retries at the same moment may both store theirs; the first counts).
 * A version stored before registrations has the one its labels describe.
 */
export function withRegistrations<
  T extends { labels: Record<string, string>; createdAt: string; attachments: Attachment[] },
>(version: T): T & { registrations: Registration[] } {
  const attachments: Attachment[] = [];
  const stored: Registration[] = [];
  for (const attachment of version.attachments) {
    if (attachment.kind !== registrationKind) {
      attachments.push(attachment);
      continue;
    }
    const registration = parseRegistration(attachment);
    if (registration) stored.push(registration);
  }
  stored.sort((a, b) => a.time.localeCompare(b.time));
  const registrations: Registration[] = [];
  for (const registration of stored)
    if (!registrations.some((other) => keyOf(other) === keyOf(registration)))
      registrations.push(registration);
  if (registrations.length === 0) {
    const fromLabels = registrationOfLabels(version.labels, version.createdAt);
    readFromLabels.add(fromLabels);
    registrations.push(fromLabels);
  }
  return { ...version, attachments, registrations };
}

/** What a new version stores: the request's attachments and its registration. */
export function newVersionAttachments(request: RegisterRequest): NewAttachment[] {
  return [...request.attachments, registrationAttachment(registrationOf(request))];
}

/**
 * What a request whose content is already `existing` adds to it: its attachments, and its registration unless
 * its commit (or run) registered it before (a retry). A version stored before registrations gets the one its
 * labels describe written out first, so that registration stays once the version has stored ones.
 */
export function existingVersionAttachments(
  existing: ModelVersion,
  request: RegisterRequest,
): NewAttachment[] {
  const registration = registrationOf(request);
  if (existing.registrations.some((other) => keyOf(other) === keyOf(registration)))
    return request.attachments;
  const first = existing.registrations[0];
  return [
    ...request.attachments,
    ...(first && readFromLabels.has(first) ? [registrationAttachment(first)] : []),
    registrationAttachment(registration),
  ];
}

/** Whether `commit` (a full SHA or a prefix of one) registered the version. */
export function registeredFrom(version: ModelVersion, commit: string): boolean {
  return version.registrations.some((registration) => registration.commit?.startsWith(commit));
}
