/**
 * Keys that come from users and data (`--param __proto__.x=1`, a metric or label named `constructor`) are
 * ordinary keys: assigning `object[key] = value` with key `__proto__` would set the object's prototype instead
 * (the value vanishes, or every object in the process gains a property). These define and read own
 * properties only.
 */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The own property `key` of `target`, never an inherited one (`constructor`, `toString`, `__proto__`). */
export function getOwn(target: object, key: string): unknown {
  return Object.hasOwn(target, key) ? (target as Record<string, unknown>)[key] : undefined;
}
