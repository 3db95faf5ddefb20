import { visibleLine } from './markdown';

/**
 * What every report's Mermaid xychart needs: its strings and numbers in the forms Mermaid's grammar takes, and
 * whether the category labels fit side by side under a vertical chart (else the chart is drawn horizontal).
 */

/**
 * Text inside a Mermaid string, shown as written: Mermaid's entity codes for what it would read as markup, the end
 * of the string or a directive (`<` and `>` would be stripped as HTML, `"` ends the string, `#…;` is an entity,
 * `%%` a comment or a directive, a backtick a markdown string, `;` a statement's end), one line (visibleLine). Shortened to
 * `maxLength` (with `…`) before it is encoded, so no code is cut.
 */
export function mermaidText(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  const flat = visibleLine(text);
  const short = flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
  // One `%` of `%%` is enough: no comment, no directive.
  const named: Record<string, string> = { '"': '#quot;', '<': '#lt;', '>': '#gt;' };
  return short.replace(/[#"<>`;]|%(?=%)/g, (character) => named[character] ?? `#${character.charCodeAt(0)};`);
}

/** A number as Mermaid's chart grammar takes it: decimal digits only (it refuses `1e-7`). */
export function chartNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const decimals = Math.min(100, Math.max(0, 1 - Math.floor(Math.log10(Math.abs(value)))) + 3);
  return value.toFixed(decimals).replace(/\.?0+$/, '');
}

/**
 * Whether the labels fit side by side under a vertical chart: about 600 px of plot over the bars, some 7.5 px
 * a character at xychart's label size (measured in Chromium with mermaid 11: twenty `6.98–8.4` labels overlap,
 * as do seven metric names such as `precision_weighted`). When they do not, draw the chart `horizontal`: one
 * label per line, none overlap.
 */
function labelsFitSideBySide(labels: readonly string[]): boolean {
  const longest = Math.max(0, ...labels.map((label) => label.length));
  return labels.length * (longest * 7.5 + 6) <= 600;
}

/** The xychart header for these category labels: vertical when they fit side by side, else horizontal. */
export function xychartFor(labels: readonly string[]): string {
  return labelsFitSideBySide(labels) ? 'xychart-beta' : 'xychart-beta horizontal';
}
