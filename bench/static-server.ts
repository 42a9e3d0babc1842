/**
 * The one local server that serves every page of the browser benchmarks: the baselines, the element page, the
 * probe, and the single-file bundle from this run's build. No caching (`no-store`), no compression (loopback).
 *
 * Each first-render page (`PROBED_PAGES`) names the probe as `<script src="/probe.js"></script>`, its first script; the
 * server puts the probe's text there inline (other pages, such as the latency page, are served as they are), so that measuring costs no request and no parser-blocking fetch before the page's own scripts
 * (the page files stay readable, and open without the server with the probe as an external script).
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pagesDir = fileURLToPath(new URL('./pages/', import.meta.url));

const PROBE_TAG = '<script src="/probe.js"></script>';

/** The pages the first-render benchmark loads; each must name the probe, which is inlined when served. */
export const PROBED_PAGES: ReadonlySet<string> = new Set(['/plain.html', '/floor.html', '/element.html']);

/** `html` with the probe's script tag replaced by the probe inline; an error if the page does not name it. */
export function inlineProbe(html: string, probe: string, page: string): string {
  if (!html.includes(PROBE_TAG)) throw new Error(`${page} has no ${PROBE_TAG} to inline the probe into`);
  // The probe is our own file: no `</script>` in it (checked, so that inlining cannot end the element early).
  if (/<\/script/i.test(probe)) throw new Error('bench/pages/probe.js must not contain "</script"');
  return html.replace(PROBE_TAG, () => `<script>${probe}</script>`);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** `distDir` holds this run's mitid-login.js and chunks/, served under /dist/. */
export async function startStaticServer(distDir: string): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = pathname.startsWith('/dist/')
      ? path.join(distDir, pathname.slice('/dist/'.length))
      : path.join(pagesDir, pathname.slice(1));
    const root = pathname.startsWith('/dist/') ? distDir : pagesDir;
    if (!path.resolve(file).startsWith(path.resolve(root)) || pathname.includes('..')) {
      response.writeHead(404).end();
      return;
    }
    const body = PROBED_PAGES.has(pathname)
      ? Promise.all([readFile(file, 'utf8'), readFile(path.join(pagesDir, 'probe.js'), 'utf8')]).then(([html, probe]) =>
          Buffer.from(inlineProbe(html, probe, pathname)),
        )
      : readFile(file);
    body.then(
      (body) => {
        response.writeHead(200, {
          'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          'content-length': body.length,
          'cache-control': 'no-store',
        });
        response.end(body);
      },
      () => response.writeHead(404, { 'cache-control': 'no-store' }).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
