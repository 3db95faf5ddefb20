import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './cli';

/**
 * Renders mlci's report markdown (the `<step>.md` files, the PR/MR comment body) as GitHub shows it, in a real
 * browser: Debian's headless Chromium, driven over the DevTools protocol on a pipe (no browser download, no
 * WebSocket), with marked (GitHub-flavoured markdown), GitHub's tag filter and sanitizer allowlist, and the
 * `mermaid` package drawing each ```mermaid block (render-report-page.js says which parts of GitHub's pipeline
 * are reproduced). One browser serves many reports; each render replaces the page's content.
 */

export interface ChartResult {
  /** Position among the report's mermaid blocks. */
  index: number;
  /** The block's text, as Mermaid got it. */
  text: string;
  /** Mermaid's parse or render error; null when the chart was drawn. */
  error: string | null;
  svg: boolean;
  /** Text of the chart drawn over other text of it, or outside its drawing. */
  unreadable: { overlapping: [string, string][]; outside: string[] };
}

export interface RenderedReport {
  html: string;
  /** The text a reader sees (innerText: hidden parts left out, table cells tab-separated). */
  text: string;
  headings: string[];
  tables: { header: string[]; rows: string[][] }[];
  /** Summaries of the <details> blocks. */
  details: string[];
  charts: ChartResult[];
  /** The rendered page's height in pixels. */
  height: number;
  /** Where the screenshot was written, when one was asked for. */
  screenshot?: string;
}

/** Chromium as Debian installs it (the `chromium` package), or another Chromium build on PATH. */
export function findChromium(): string | undefined {
  const candidates = ['/usr/lib/chromium/chromium'];
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean))
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) candidates.push(join(dir, name));
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** What a report's markdown holds, counted from its text (not by a renderer): tables, mermaid blocks, headings, <details>. */
export function markdownFacts(markdown: string): {
  tables: number;
  mermaidBlocks: number;
  headings: number;
  details: number;
} {
  const facts = { tables: 0, mermaidBlocks: 0, headings: 0, details: 0 };
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (fence) {
      if (fenceMatch?.[1]?.startsWith(fence) && fenceMatch[2] === '') fence = undefined;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      if (fenceMatch[2] === 'mermaid') facts.mermaidBlocks++;
      continue;
    }
    // A table's delimiter row: | --- | :---: | …
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$/.test(line)) facts.tables++;
    if (/^ {0,3}#{1,6}\s/.test(line)) facts.headings++;
    facts.details += (line.match(/<details[\s>]/g) ?? []).length;
  }
  return facts;
}

interface CdpMessage {
  id?: number;
  method?: string;
  sessionId?: string;
  result?: Record<string, unknown>;
  error?: { message: string; data?: string };
}

/** The DevTools protocol over --remote-debugging-pipe: JSON messages separated by NUL bytes on fds 3 and 4. */
class CdpPipe {
  private nextId = 1;
  private buffered = '';
  private readonly pending = new Map<
    number,
    { resolve: (r: CdpMessage) => void; reject: (e: Error) => void }
  >();

  constructor(
    private readonly input: Writable,
    output: Readable,
  ) {
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      this.buffered += chunk;
      let end = this.buffered.indexOf('\0');
      while (end >= 0) {
        this.dispatch(JSON.parse(this.buffered.slice(0, end)) as CdpMessage);
        this.buffered = this.buffered.slice(end + 1);
        end = this.buffered.indexOf('\0');
      }
    });
  }

  private dispatch(message: CdpMessage): void {
    if (message.id === undefined) return;
    const waiting = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (!waiting) return;
    if (message.error)
      waiting.reject(
        new Error(`${message.error.message}${message.error.data ? `: ${message.error.data}` : ''}`),
      );
    else waiting.resolve(message);
  }

  send(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: (message) => resolve(message.result ?? {}), reject });
      this.input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/** The page's width: about the width of a PR comment's body on GitHub at a common window size. */
const pageWidth = 880;

const pageHtml = (scripts: string[]) => `<!doctype html>
<html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 16px; width: ${pageWidth - 32}px; background: #fff; color: #1f2328;
  font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
table { border-collapse: collapse; display: block; max-width: 100%; overflow: auto; margin: 0 0 16px; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; } th { font-weight: 600; }
tr:nth-child(2n) { background: #f6f8fa; }
code { font: 85% ui-monospace, "DejaVu Sans Mono", monospace; background: #eff1f3; padding: .2em .4em; border-radius: 6px; }
pre { background: #f6f8fa; padding: 16px; overflow: auto; }
h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; font-size: 1.5em; } h3 { font-size: 1.25em; }
details { margin: 0 0 16px; } summary { cursor: pointer; }
.mermaid-chart { border: 1px solid #d1d9e0; border-radius: 6px; margin: 0 0 16px; }
.mermaid-chart svg { display: block; margin: auto; }
.mermaid-error { border: 1px solid #d1242f; color: #d1242f; padding: 8px; margin: 0 0 16px; white-space: pre-wrap; }
</style></head><body><div id="report" class="markdown-body"></div>
${scripts.map((path) => `<script src="${pathToFileURL(path).href}"></script>`).join('\n')}
<script>mermaid.initialize({ startOnLoad: false, theme: 'default', securityLevel: 'strict' });</script>
</body></html>`;

export class ReportRenderer {
  private constructor(
    private readonly browser: ChildProcess,
    private readonly cdp: CdpPipe,
    private readonly sessionId: string,
    private readonly profileDir: string,
  ) {}

  /** Starts headless Chromium with one page holding marked, mermaid and the page script. */
  static async launch(chromium = findChromium()): Promise<ReportRenderer> {
    if (!chromium) throw new Error('no Chromium found (Debian: apt-get install chromium)');
    const profileDir = await mkdtemp(join(tmpdir(), 'mlci-chromium-'));
    const browser = spawn(
      chromium,
      [
        '--headless',
        '--remote-debugging-pipe',
        // Chromium's sandbox refuses to run as root, as CI does; the pages are our own reports.
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-extensions',
        '--hide-scrollbars',
        '--allow-file-access-from-files',
        `--user-data-dir=${profileDir}`,
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    browser.stderr?.on('data', (chunk) => {
      stderr = `${stderr}${chunk}`.slice(-4000);
    });
    const cdp = new CdpPipe(browser.stdio[3] as Writable, browser.stdio[4] as Readable);
    browser.on('exit', (code, signal) =>
      cdp.failAll(
        new Error(`Chromium exited (${signal ?? code}): ${stderr.trim().split('\n').slice(-5).join('\n')}`),
      ),
    );
    browser.on('error', (error) => cdp.failAll(error));
    try {
      const page = join(profileDir, 'report.html');
      await writeFile(
        page,
        pageHtml([
          join(repoRoot, 'node_modules/marked/lib/marked.umd.js'),
          join(repoRoot, 'node_modules/mermaid/dist/mermaid.min.js'),
          join(repoRoot, 'tests/support/render-report-page.js'),
        ]),
      );
      const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
      const renderer = new ReportRenderer(browser, cdp, sessionId as string, profileDir);
      await renderer.send('Page.enable');
      await renderer.send('Runtime.enable');
      await renderer.send('Emulation.setDeviceMetricsOverride', {
        width: pageWidth,
        height: 800,
        deviceScaleFactor: 1,
        mobile: false,
      });
      await renderer.send('Page.navigate', { url: pathToFileURL(page).href });
      await renderer.evaluate(
        `new Promise((resolve, reject) => { const started = Date.now(); (function wait() {
          if (document.readyState === 'complete' && typeof window.renderReport === 'function' && window.mermaid) resolve(true);
          else if (Date.now() - started > 20000) reject(new Error('the report page did not load its scripts'));
          else setTimeout(wait, 20); })(); })`,
      );
      return renderer;
    } catch (error) {
      browser.kill();
      await rm(profileDir, { recursive: true, force: true });
      throw error;
    }
  }

  private send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return this.cdp.send(method, params, this.sessionId);
  }

  private async evaluate(expression: string): Promise<unknown> {
    const reply = await this.send('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    const thrown = reply.exceptionDetails as
      | { exception?: { description?: string }; text?: string }
      | undefined;
    if (thrown) throw new Error(`in the report page: ${thrown.exception?.description ?? thrown.text}`);
    return (reply.result as { value: unknown }).value;
  }

  /** Renders one report; with `screenshot`, writes a PNG of the whole rendered report (every <details> opened). */
  async render(markdown: string, options: { screenshot?: string } = {}): Promise<RenderedReport> {
    const report = (await this.evaluate(
      `window.renderReport(${JSON.stringify(markdown)})`,
    )) as RenderedReport;
    if (options.screenshot) {
      await this.screenshot(options.screenshot, { y: 0, height: report.height });
      report.screenshot = options.screenshot;
    }
    return report;
  }

  /** Writes a PNG of a band of the page last rendered. */
  async screenshot(path: string, band: { y: number; height: number }): Promise<void> {
    const shot = await this.send('Page.captureScreenshot', {
      format: 'png',
      captureBeyondViewport: true,
      clip: { x: 0, y: band.y, width: pageWidth, height: Math.max(band.height, 1), scale: 1 },
    });
    await writeFile(path, Buffer.from(shot.data as string, 'base64'));
  }

  /** Renders a report file (a `<step>.md`). */
  async renderFile(path: string, options: { screenshot?: string } = {}): Promise<RenderedReport> {
    return this.render(await readFile(path, 'utf8'), options);
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => {
      if (this.browser.exitCode !== null || this.browser.signalCode !== null) resolve(undefined);
      else this.browser.once('exit', resolve);
    });
    await this.cdp.send('Browser.close').catch(() => undefined);
    const timer = setTimeout(() => this.browser.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    await rm(this.profileDir, { recursive: true, force: true });
  }
}
