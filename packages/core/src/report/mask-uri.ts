// Kept apart from secrets.ts, without imports: errors.ts masks every error line with it.
/**
 * `scheme://USERINFO@` in any text (a URI alone or inside a message): the userinfo up to the authority's last
 * `@`, before any `/`, `?`, `#` or space. A digest reference (`host/repo@sha256:…`) has its `@` after a `/`
 * and is left alone.
 */
const uriUserinfo = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*(?:@[^\s/?#@]*)*@/gi;

/**
 * The text with the userinfo of every URI in it masked (`oci://***@host/…`): what every message, log line
 * and record that can hold a user's URI goes through. The user name goes too: a token is often given there
 * (`https://TOKEN@host`).
 */
export function maskUriCredentials(text: string): string {
  return text.replace(uriUserinfo, '$1***@');
}

/** Whether a URI holds userinfo (`user:password@`, `token@`). */
export function hasUriCredentials(uri: string): boolean {
  uriUserinfo.lastIndex = 0;
  const found = uriUserinfo.test(uri);
  uriUserinfo.lastIndex = 0;
  return found;
}
