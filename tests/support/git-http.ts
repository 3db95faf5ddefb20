import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A git server over HTTP on 127.0.0.1: git's own http-backend (CGI) serving the repositories under a root. */
export interface GitHttpServer {
  /** `http://127.0.0.1:PORT`: a repository `ROOT/acme/deploy.git` is at `${url}/acme/deploy.git`. */
  url: string;
  /** The Authorization headers it was sent, in order (undefined: none). */
  authorizations: (string | undefined)[];
  close(): Promise<void>;
}

export interface GitHttpOptions {
  /** The one Authorization header accepted; any other gets 401 with a Basic challenge, as a forge answers. */
  authorization?: string;
  /** Called before each push is handed to git (the pusher's state is on disk then). */
  onPush?: () => void;
}

export async function startGitHttpServer(root: string, options: GitHttpOptions = {}): Promise<GitHttpServer> {
  const authorizations: (string | undefined)[] = [];
  const server = createServer((request, response) => {
    authorizations.push(request.headers.authorization);
    if (options.authorization !== undefined && request.headers.authorization !== options.authorization) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="deploy"' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.endsWith('/git-receive-pack')) options.onPush?.();
    const backend = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: 'team',
        REQUEST_METHOD: request.method ?? 'GET',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: request.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: request.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
      },
    });
    request.pipe(backend.stdin);
    const chunks: Buffer[] = [];
    backend.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    backend.on('close', () => {
      // CGI: headers (with Status:), a blank line, the body.
      const output = Buffer.concat(chunks);
      const end = output.indexOf('\r\n\r\n');
      const headers = output.subarray(0, end).toString().split('\r\n');
      const status = Number(headers.find((line) => line.startsWith('Status:'))?.split(' ')[1] ?? 200);
      response.writeHead(
        status,
        Object.fromEntries(
          headers
            .filter((line) => !line.startsWith('Status:'))
            .map((line) => line.split(/:\s*/, 2) as [string, string]),
        ),
      );
      response.end(output.subarray(end + 4));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
