/**
 * The settings of the train/test hygiene checks (hygiene.ts): the schema's `hygiene:` section, its defaults and
 * its keys. Kept apart from the checks so the schema reader (schema.ts) can read the section without importing
 * the checks, which themselves read the schema's keys.
 */
import * as z from 'zod';
import type { Severity } from '../../report/model';

export interface CheckSwitch {
  /** False when the schema turns the check off with `false`. */
  enabled: boolean;
  severity: Severity;
}

export interface HygieneConfig {
  columns: CheckSwitch;
  duplicates: CheckSwitch & { maxFraction: number };
  overlap: CheckSwitch & { maxFraction: number };
  conflictingLabels: CheckSwitch & { maxFraction: number };
  unseenCategories: CheckSwitch & {
    maxFraction: number;
    /** Text columns with more distinct training values are not checked. */
    maxDistinct: number;
    /** Nor those whose distinct values exceed this share of their non-null values (and number more than 20). */
    maxDistinctFraction: number;
  };
  leakage: CheckSwitch & { maxScore: number; bins: number };
  /** Columns to leave out of the checks besides the schema's keys (`hygiene.exclude`). */
  exclude: string[];
}

export const defaultHygieneConfig: HygieneConfig = {
  columns: { enabled: true, severity: 'error' },
  duplicates: { enabled: true, severity: 'warn', maxFraction: 0.05 },
  overlap: { enabled: true, severity: 'error', maxFraction: 0 },
  conflictingLabels: { enabled: true, severity: 'error', maxFraction: 0 },
  unseenCategories: {
    enabled: true,
    severity: 'warn',
    maxFraction: 0,
    maxDistinct: 10000,
    maxDistinctFraction: 0.5,
  },
  leakage: { enabled: true, severity: 'error', maxScore: 0.95, bins: 10 },
  exclude: [],
};

/** The keys of the schema's `hygiene:` section, one per check. */
export const hygieneKeys = [
  'columns',
  'duplicates',
  'overlap',
  'conflicting_labels',
  'unseen_categories',
  'leakage',
] as const;
export type HygieneKey = (typeof hygieneKeys)[number];

/** Schema lines of the `hygiene:` key (`section`) and of each check's key, for check locations. */
export type HygieneLines = Partial<Record<HygieneKey | 'section', number>>;

const severitySchema = z.enum(['error', 'warn']);
const fraction = z.number().min(0).max(1);

/** A check's settings: a map of them, `false` to turn the check off, `true` (or nothing) for the defaults. */
function checkSettings<T extends z.ZodRawShape>(shape: T) {
  // Plain objects rather than unions, so a wrong value is reported at its own key.
  return z.preprocess(
    (input) => (input === false ? { enabled: false } : input === true || input === null ? {} : input),
    z.object({ ...shape, enabled: z.boolean().optional(), severity: severitySchema.optional() }).strict(),
  );
}

const rawHygieneSchema = z
  .object({
    columns: checkSettings({}).optional(),
    duplicates: checkSettings({ max_fraction: fraction.optional() }).optional(),
    overlap: checkSettings({ max_fraction: fraction.optional() }).optional(),
    conflicting_labels: checkSettings({ max_fraction: fraction.optional() }).optional(),
    unseen_categories: checkSettings({
      max_fraction: fraction.optional(),
      max_distinct: z.number().int().min(1).optional(),
      max_distinct_fraction: fraction.optional(),
    }).optional(),
    leakage: checkSettings({
      max_score: fraction.optional(),
      bins: z.number().int().min(2).max(1000).optional(),
    }).optional(),
    exclude: z.array(z.string().min(1)).optional(),
  })
  .strict();

type Raw<T> = (T & { enabled?: boolean; severity?: Severity }) | undefined;

function merge<T extends CheckSwitch>(defaults: T, raw: Raw<object>, values: Partial<T>): T {
  const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  return {
    ...defaults,
    ...given,
    severity: raw?.severity ?? defaults.severity,
    enabled: raw?.enabled ?? defaults.enabled,
  };
}

/**
 * The schema's `hygiene:` section (snake_case, like the rest of the schema) read into a full HygieneConfig:
 *
 * ```yaml
 * hygiene:
 *   columns: { severity: error }
 *   duplicates: { max_fraction: 0.05, severity: warn }
 *   overlap: { max_fraction: 0, severity: error }
 *   conflicting_labels: { max_fraction: 0, severity: error }
 *   unseen_categories: { max_fraction: 0, severity: warn, max_distinct: 10000, max_distinct_fraction: 0.5 }
 *   leakage: { max_score: 0.95, bins: 10, severity: error }   # `leakage: false` (or enabled: false) turns it off
 *   exclude: [batch, row_hash]   # left out of the checks, like the keys (columns of the schema)
 * ```
 */
export const hygieneConfigSchema: z.ZodType<HygieneConfig> = z
  .preprocess((input) => input ?? {}, rawHygieneSchema)
  .transform((r): HygieneConfig => {
    const d = defaultHygieneConfig;
    return {
      columns: merge(d.columns, r.columns, {}),
      duplicates: merge(d.duplicates, r.duplicates, { maxFraction: r.duplicates?.max_fraction }),
      overlap: merge(d.overlap, r.overlap, { maxFraction: r.overlap?.max_fraction }),
      conflictingLabels: merge(d.conflictingLabels, r.conflicting_labels, {
        maxFraction: r.conflicting_labels?.max_fraction,
      }),
      unseenCategories: merge(d.unseenCategories, r.unseen_categories, {
        maxFraction: r.unseen_categories?.max_fraction,
        maxDistinct: r.unseen_categories?.max_distinct,
        maxDistinctFraction: r.unseen_categories?.max_distinct_fraction,
      }),
      leakage: merge(d.leakage, r.leakage, { maxScore: r.leakage?.max_score, bins: r.leakage?.bins }),
      exclude: r.exclude ?? [],
    };
  });
