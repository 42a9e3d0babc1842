/**
 * A real nginx reverse proxy for a test: on a free loopback port, in front of `upstream`, with a config, pid file,
 * logs and temp files in a directory of its own (no root paths). It appends the address it saw to
 * X-Forwarded-For (`$proxy_add_x_forwarded_for`), as a deployment's proxy does. Stopped by its PID.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../../testing/node/index.js';
import { waitFor } from '../../support/wait-for.js';

const NGINX = ['/usr/sbin/nginx', 'nginx'].find((command) => spawnSync(command, ['-v']).status === 0);

/** `describe(…, { skip: SKIP_WITHOUT_NGINX })`: skipped, with the reason, only where nginx is missing. */
export const SKIP_WITHOUT_NGINX: string | false = NGINX
  ? false
  : 'nginx is not installed (apt-get install nginx-light; .ci/run installs it)';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export class Nginx {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly process: ChildProcess,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(upstream: string): Promise<Nginx> {
    if (!NGINX) throw new Error('nginx is not installed');
    const port = await freePort();
    const dir = mkdtempSync(path.join(tmpdir(), 'mitid-nginx-'));
    const config = `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass ${upstream};
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`;
    writeFileSync(path.join(dir, 'nginx.conf'), config);
    // -e: the error log before the config is read (nginx's default is under /var/log).
    const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], {
      stdio: 'ignore',
    });
    const proxy = new Nginx(port, dir, child);
    // nginx (daemon off, output to its log) announces no readiness: accepting a connection is the sign.
    await waitFor(() => child.exitCode === null && accepts(port), `nginx to listen on port ${port}`, {
      timeoutMs: 5000,
      intervalMs: 50,
    }).catch(async (error: unknown) => {
      await proxy.stop();
      throw error;
    });
    return proxy;
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) resolve();
      else this.process.once('exit', () => resolve());
    });
    // SIGTERM: nginx's fast shutdown of the master and its worker; the timer only bounds a hang.
    this.process.kill('SIGTERM');
    await Promise.race([exited, sleep(3000)]);
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
