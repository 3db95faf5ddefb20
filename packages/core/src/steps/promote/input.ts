import * as z from 'zod';
import type { HandoffResult } from '../../deploy/handoff';
import { type EvidenceType, evidenceTypeNames } from '../../registry/evidence';
import type { PromotionRecord } from '../../registry/registry';
import { registryUriForms } from '../../registry/registry';
import type { StepResult } from '../../report/model';
import { reportOptions } from '../../report/report-id';

/**
 * What a version must carry before it may take an alias (mlci.yaml `promote.require`, or --require): the
 * evidence types a version can carry (registry/evidence.ts).
 */
export const evidenceKinds = evidenceTypeNames;
export type EvidenceKind = EvidenceType;

/** promote's options: the single declaration behind its flags, mlci.yaml keys and action inputs. */
export const promoteInput = z.object({
  model: z.string().min(1).describe('The registered model whose alias moves.'),
  to: z
    .string()
    .min(1)
    .optional()
    .describe(
      'The alias to move (production, staging, …); by default the one the tag rules give for the release tag.',
    ),
  version: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The version to promote: a number, an alias or latest (the newest); by default the newest one registered from the commit (from-commit, else the tag's commit).",
    ),
  fromCommit: z
    .string()
    .regex(/^[0-9a-f]{7,64}$/, 'expected a commit SHA (7 to 64 hexadecimal digits)')
    .optional()
    .describe(
      'Promote the newest version registered from this commit (any registration: a version trained again to the same bytes from a later commit counts for both).',
    ),
  tag: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The release tag (v1.4.0); by default the CI's tag (GitHub refs/tags/*, GitLab CI_COMMIT_TAG, Jenkins TAG_NAME).",
    ),
  rule: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Tag rules SELECTOR=ALIAS, first match wins: release, prerelease, a semver range or glob:PATTERN (default release=production and prerelease=staging).',
    ),
  require: z
    .array(z.enum(evidenceKinds))
    .default([...evidenceKinds])
    .describe(
      "Evidence the version must carry: validation (a passed validate-data), evaluation (a passed evaluate against the alias's current holder on the same data), image (a built image).",
    ),
  rollback: z
    .boolean()
    .default(false)
    .describe(
      'Move the alias back to the version it pointed at before its last move (no evidence needed: it held the alias).',
    ),
  dryRun: z.boolean().default(false).describe('Say what would happen; change nothing.'),
  // A default-false flag (as train's noCache), so the CLI, the GitLab component and the Jenkins var can say it.
  noRetagImages: z
    .boolean()
    .default(false)
    .describe(
      "Leave the version's images alone; by default they get the release tag and the alias (manifest copy in their repository: no rebuild, no upload).",
    ),
  deployRepo: z
    .string()
    .min(1)
    .optional()
    .describe(
      'The GitOps repository to hand the deployment to (a git URL or a local path): after the alias moved, the image of the version is written there by digest. Its token: MLCI_DEPLOY_TOKEN.',
    ),
  deployFile: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Files in the deploy repository to set the image in (repeatable): a kustomization, Helm values (with deploy-key) or a manifest. ALIAS=PATH only for that alias (production=overlays/production/kustomization.yaml), PATH for every alias.',
    ),
  deployImage: z
    .string()
    .min(1)
    .optional()
    .describe(
      'The image repository the cluster pulls from (HOST/PATH, no tag), when it is not where build-image pushed: a mirror, or the registry an OCI-layout image is copied to (skopeo copy keeps the digest). mlci writes it as given and does not check that the image is there.',
    ),
  deployBranch: z
    .string()
    .min(1)
    .optional()
    .describe("The deploy repository's branch to change; by default its default branch."),
  deployMode: z
    .enum(['commit', 'request'])
    .default('commit')
    .describe(
      'commit: push to the branch; request: push to mlci/deploy/MODEL-ALIAS and open a pull or merge request into the branch.',
    ),
  deployContainer: z
    .string()
    .min(1)
    .optional()
    .describe(
      "In a plain manifest, the container to set; by default every container running the image's repository.",
    ),
  deployKey: z
    .string()
    .min(1)
    .optional()
    .describe(
      'In Helm values, the key path of the image (image: a map with tag, and digest or repository; image.ref: a string given the whole name:tag@sha256:…).',
    ),
  deployApiUrl: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The deploy repository's REST API root, for a host whose name says neither GitHub nor GitLab: https://HOST/api/v3 (GitHub Enterprise Server) or https://HOST/api/v4 (GitLab); by default from deploy-repo.",
    ),
  registry: z.string().min(1).default('file:.mlci/registry').describe(`Model registry: ${registryUriForms}.`),
  insecureRegistry: z
    .boolean()
    .default(false)
    .describe('Allow plain HTTP to a registry that is not on localhost.'),
  ...reportOptions,
  out: z.string().min(1).default('.mlci').describe('Directory the report files are written to.'),
});
export type PromoteInput = z.output<typeof promoteInput>;

export interface EvidenceCheck {
  kind: EvidenceKind;
  status: 'passed' | 'failed' | 'missing';
  /** Digest of the attachment that was checked, when there is one. */
  digest?: string;
  message: string;
}

export interface PromoteResult extends StepResult {
  step: 'promote';
  model: string;
  alias: string;
  /** The version that takes the alias (for a rollback: the previous holder). */
  version: string;
  previous: string | null;
  action: 'promote' | 'rollback';
  tag?: string;
  /** How the alias was chosen: given, or the tag rule that matched. */
  aliasFrom: string;
  /** How the version was chosen: given, from a commit, or the previous holder. */
  versionFrom: string;
  evidence: EvidenceCheck[];
  /** What happened: moved, refused (evidence), unchanged (already there), planned (dry run). */
  outcome: 'moved' | 'refused' | 'unchanged' | 'planned';
  record?: PromotionRecord & { digest: string };
  images: { from: string; to: string[] }[];
  /** The GitOps hand-off, when deploy-repo and a deploy file for the alias were given. */
  deploy?: HandoffResult;
}
