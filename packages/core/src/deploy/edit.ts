import { basename } from 'node:path';
import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  Scalar,
  stringify,
  type YAMLMap,
} from 'yaml';
import { InputError } from '../errors';
import { type DeployImage, pinnedReference, splitReference } from './image-ref';

/** The three files a GitOps repository sets an image in. */
export type DeployFileKind = 'kustomization' | 'helm-values' | 'manifest';

/** How to find the image in a deploy file: a Helm values key path, or a container by name. */
export interface DeployTarget {
  /** Helm values: the key path (`image`, `image.tag`, `app.image`). */
  key?: string;
  /** Plain manifests: the container's name; by default every container running the image's repository. */
  container?: string;
}

export interface EditedDeployFile {
  kind: DeployFileKind;
  text: string;
  changed: boolean;
}

/** One replacement in the file's text: everything outside it stays byte for byte. */
interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Kinds whose pod template sits at `spec.template.spec`; Pod and CronJob have their own paths. */
const templatedKinds = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'ReplicationController',
]);
const kustomizationNames = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/**
 * Writes `image` into a deploy file and returns the new text. The file is parsed with the yaml package's
 * document API only to find the nodes; the text changes only inside the scalars that change (and a line added
 * for a missing field), so comments, quoting and layout of everything else stay as they were.
 * The kind: a kustomization (by name or `kind: Kustomization`), else Helm values when a key is given, else a
 * plain manifest.
 */
export function editDeployFile(
  text: string,
  file: string,
  image: DeployImage,
  target: DeployTarget,
): EditedDeployFile {
  const documents = parseDocuments(text, file);
  const isKustomization =
    kustomizationNames.has(basename(file)) || documents.some((doc) => doc.get('kind') === 'Kustomization');
  const splices: Splice[] = [];
  const editor = new Editor(text, splices);
  let kind: DeployFileKind;
  if (isKustomization) {
    if (target.key !== undefined || target.container !== undefined)
      throw new InputError(
        `${file}: a kustomization takes its image from its images entry: drop deploy-key and deploy-container for it`,
      );
    kind = 'kustomization';
    editKustomization(documents, file, image, editor);
  } else if (target.key !== undefined) {
    if (target.container !== undefined)
      throw new InputError(
        `${file}: give deploy-key (Helm values) or deploy-container (a manifest), not both`,
      );
    kind = 'helm-values';
    editHelmValues(documents, file, image, target.key, editor);
  } else {
    kind = 'manifest';
    editManifest(documents, file, image, target.container, editor);
  }
  let edited = text;
  for (const splice of [...splices].sort((a, b) => b.start - a.start))
    edited = edited.slice(0, splice.start) + splice.text + edited.slice(splice.end);
  return { kind, text: edited, changed: edited !== text };
}

function parseDocuments(text: string, file: string): Document[] {
  const lineCounter = new LineCounter();
  let parsed: ReturnType<typeof parseAllDocuments>;
  try {
    parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  } catch (error) {
    throw new InputError(`${file}: cannot parse as YAML: ${(error as Error).message}`);
  }
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const document of documents) {
    const [error] = document.errors;
    if (error)
      throw new InputError(
        `${file}:${lineCounter.linePos(error.pos[0]).line}: invalid YAML: ${error.message.split('\n')[0]}`,
      );
  }
  return documents;
}

/** Turns "set this field" into splices of the source text. */
class Editor {
  constructor(
    private readonly source: string,
    private readonly splices: Splice[],
  ) {}

  /** Sets `key` of a block map to a string: the scalar replaced in place (its quoting kept), or a line added. */
  set(map: YAMLMap, key: string, value: string, file: string): void {
    const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
    const node = pair?.value;
    if (isScalar(node) && node.range) {
      if (node.value === value) return;
      this.splices.push({ start: node.range[0], end: node.range[1], text: render(value, node.type) });
      return;
    }
    if (pair && node !== null && node !== undefined)
      throw new InputError(`${file}: ${key} holds a ${isMap(node) ? 'map' : 'list'}, not an image field`);
    const first = map.items[0]?.key as Node | undefined;
    if (map.flow || !first?.range)
      throw new InputError(`${file}: cannot add ${key} to a flow-style map: write it as a block map`);
    const lineStart = this.source.lastIndexOf('\n', first.range[0] - 1) + 1;
    const indent = ' '.repeat(first.range[0] - lineStart);
    const last = map.items.at(-1);
    const lastNode = (last?.value ?? last?.key) as Node | undefined;
    const end = lastNode?.range?.[1] ?? first.range[1];
    const newline = this.source.indexOf('\n', end);
    const line = `${indent}${key}: ${render(value, Scalar.PLAIN)}`;
    if (newline === -1)
      this.splices.push({ start: this.source.length, end: this.source.length, text: `\n${line}` });
    else this.splices.push({ start: newline + 1, end: newline + 1, text: `${line}\n` });
  }
}

/** A string as YAML: the node's quoting when it was quoted, plain when that reads back as the same string. */
function render(value: string, type: Scalar['type']): string {
  if (type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (type === Scalar.QUOTE_SINGLE) return `'${value.replaceAll("'", "''")}'`;
  return stringify(value).trimEnd();
}

function editKustomization(documents: Document[], file: string, image: DeployImage, editor: Editor) {
  const images = documents.map((doc) => doc.get('images', true)).find((node) => node !== undefined);
  const entries = isSeq(images) ? images.items.filter(isMap) : [];
  // The entry whose image comes out as ours: newName when it renames, else name.
  const effectiveName = (entry: YAMLMap) => String(entry.get('newName') ?? entry.get('name') ?? '');
  const entry = entries.find((candidate) => effectiveName(candidate) === image.repository);
  if (!entry)
    throw new InputError(
      `${file}: no images entry for ${image.repository} (found: ${entries.map(effectiveName).join(', ') || 'none'}); add "- name: ${image.repository}" under images`,
    );
  if (entry.get('digest') === image.digest) return;
  editor.set(entry, 'newTag', image.tag, file);
  editor.set(entry, 'digest', image.digest, file);
}

/**
 * A reference that already pulls this image (its repository, its digest): left as it is, whatever its tag, so a
 * later release of the same version (or a rerun) changes no byte and restarts no pod.
 */
function pullsImage(reference: unknown, image: DeployImage): boolean {
  return (
    typeof reference === 'string' &&
    reference.endsWith(`@${image.digest}`) &&
    splitReference(reference).repository === image.repository
  );
}

/**
 * Helm values at `key`: a string takes the whole pinned reference; a map takes `tag` and `digest` when it has a
 * `digest` field (the Bitnami convention), else `tag: TAG@sha256:…`, which `helm create`'s template
 * (`repository:tag`) turns into a pinned reference; `repository` (and `registry`, when split out) are set too.
 */
function editHelmValues(
  documents: Document[],
  file: string,
  image: DeployImage,
  key: string,
  editor: Editor,
) {
  const path = key.split('.');
  const parentPath = path.slice(0, -1);
  const last = path.at(-1) as string;
  const document = documents.find((doc) => doc.hasIn(path));
  const node = document?.getIn(path, true);
  if (!document || node === undefined || node === null)
    throw new InputError(`${file}: no key ${key} in these Helm values`);
  if (isScalar(node)) {
    if (pullsImage(node.value, image)) return;
    const parent = parentPath.length === 0 ? document.contents : document.getIn(parentPath, true);
    editor.set(parent as YAMLMap, last, pinnedReference(image), file);
    return;
  }
  if (!isMap(node)) throw new InputError(`${file}: ${key} is a list, not an image`);
  if (!node.has('tag') && !node.has('digest'))
    throw new InputError(
      `${file}: ${key} has neither tag nor digest: give the key of the image's map or string`,
    );
  const repository = node.has('registry')
    ? `${node.get('registry')}/${node.get('repository')}`
    : String(node.get('repository') ?? image.repository);
  const pinned = node.has('digest')
    ? node.get('digest') === image.digest
    : String(node.get('tag') ?? '').endsWith(`@${image.digest}`);
  if (pinned && repository === image.repository) return;
  if (node.has('registry')) {
    const [registry, ...rest] = image.repository.split('/');
    editor.set(node, 'registry', registry as string, file);
    editor.set(node, 'repository', rest.join('/'), file);
  } else if (node.has('repository')) editor.set(node, 'repository', image.repository, file);
  if (node.has('digest')) {
    if (node.has('tag')) editor.set(node, 'tag', image.tag, file);
    editor.set(node, 'digest', image.digest, file);
  } else editor.set(node, 'tag', `${image.tag}@${image.digest}`, file);
}

function podSpecPath(kind: unknown): string[] | undefined {
  if (kind === 'Pod') return ['spec'];
  if (kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  if (typeof kind === 'string' && templatedKinds.has(kind)) return ['spec', 'template', 'spec'];
  return undefined;
}

function editManifest(
  documents: Document[],
  file: string,
  image: DeployImage,
  container: string | undefined,
  editor: Editor,
) {
  let found = 0;
  for (const document of documents) {
    const path = podSpecPath(document.get('kind'));
    if (!path) continue;
    for (const list of ['containers', 'initContainers']) {
      const containers = document.getIn([...path, list], true);
      if (!isSeq(containers)) continue;
      for (const entry of containers.items) {
        if (!isMap(entry)) continue;
        const matches =
          container !== undefined
            ? entry.get('name') === container
            : splitReference(String(entry.get('image') ?? '')).repository === image.repository;
        if (!matches) continue;
        found++;
        if (!pullsImage(entry.get('image'), image)) editor.set(entry, 'image', pinnedReference(image), file);
      }
    }
  }
  if (found === 0)
    throw new InputError(
      container !== undefined
        ? `${file}: no container named ${container} in a Pod, Deployment, StatefulSet, DaemonSet, Job or CronJob`
        : `${file}: no container runs ${image.repository}: give deploy-container (the container's name), or deploy-key for Helm values`,
    );
}
