/**
 * A relying party's own server-side session: an opaque random id in an HttpOnly, SameSite=Strict cookie scoped to
 * the relying party's path, the data in memory. Enough for a demo back end; a real one keeps it in its own store.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

const IDLE_LIMIT_MS = 30 * 60 * 1000;

interface Entry<T> {
  data: T;
  touchedAt: number;
}

export class CookieSessions<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly cookieName: string,
    private readonly path: string,
    private readonly create: () => T,
  ) {}

  /** The caller's session, made (and its cookie set) when there is none or it has gone idle. */
  load(request: FastifyRequest, reply: FastifyReply): T {
    this.sweep();
    const id = readCookie(request.headers.cookie, this.cookieName);
    const entry = id ? this.entries.get(id) : undefined;
    if (entry) {
      entry.touchedAt = Date.now();
      return entry.data;
    }
    const newId = randomBytes(24).toString('base64url');
    const data = this.create();
    this.entries.set(newId, { data, touchedAt: Date.now() });
    reply.header('set-cookie', this.cookie(newId, request));
    return data;
  }

  /** Ends the caller's session and starts a fresh one (a new id after logout, and after login: no fixation). */
  renew(request: FastifyRequest, reply: FastifyReply, data: T = this.create()): void {
    const id = readCookie(request.headers.cookie, this.cookieName);
    if (id) this.entries.delete(id);
    const newId = randomBytes(24).toString('base64url');
    this.entries.set(newId, { data, touchedAt: Date.now() });
    reply.header('set-cookie', this.cookie(newId, request));
  }

  private cookie(id: string, request: FastifyRequest): string {
    const secure = request.protocol === 'https' ? '; Secure' : '';
    return `${this.cookieName}=${id}; Path=${this.path}; HttpOnly; SameSite=Strict${secure}`;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, entry] of this.entries) if (now - entry.touchedAt > IDLE_LIMIT_MS) this.entries.delete(id);
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
