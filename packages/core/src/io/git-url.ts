/** A git remote's URL, as the places that read one need it (review host, repository path, deploy host). */
export interface GitUrl {
  /** `https`, `http`, `ssh`, `git+ssh`; `ssh` for the scp-like form. */
  scheme: string;
  /** The host name, lower case. */
  hostname: string;
  /** The port as written (empty when none). */
  port: string;
  /** `host[:port]`, as web pages of that host have it. */
  authority: string;
  /** The path's parts, decoded, without a trailing `.git`: `['group', 'sub', 'project']`. */
  segments: string[];
}

const schemes = new Set(['https', 'http', 'ssh', 'git+ssh']);

/**
 * Parses a clone URL: `https://host[:port]/path.git`, `ssh://[user@]host[:port]/path`, or the scp-like
 * `[user@]host:path`. Undefined for anything else (a local path, a `file:` URL, a malformed escape).
 */
export function parseGitUrl(text: string): GitUrl | undefined {
  const url = text.trim();
  const scpLike = /^(?:[^@/\s]+@)?([A-Za-z0-9.-]+):(?!\/\/)([^\s]+)$/.exec(url);
  let scheme: string;
  let hostname: string;
  let port = '';
  let path: string;
  if (scpLike && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    scheme = 'ssh';
    hostname = scpLike[1] as string;
    path = scpLike[2] as string;
  } else {
    let parsed: URL;
    try {
      parsed = new URL(url);
      path = decodeURIComponent(parsed.pathname);
    } catch {
      return undefined;
    }
    scheme = parsed.protocol.replace(/:$/, '');
    hostname = parsed.hostname;
    port = parsed.port;
    if (!schemes.has(scheme)) return undefined;
  }
  const segments = path
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .split('/')
    .filter(Boolean);
  if (!hostname || segments.length === 0) return undefined;
  const lower = hostname.toLowerCase();
  return { scheme, hostname: lower, port, authority: port ? `${lower}:${port}` : lower, segments };
}
