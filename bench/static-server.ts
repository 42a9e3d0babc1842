/**
 * The one local server that serves every page of the browser benchmarks: the baselines, the element page, the
 * probe, and the single-file bundle from this run's build. No caching (`no-store`), no compression (loopback).
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pagesDir = fileURLToPath(new URL('./pages/', import.meta.url));

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
    readFile(file).then(
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
