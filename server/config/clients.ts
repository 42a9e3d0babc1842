/**
 * Relying parties ("clients"): id, the display name the app shows, and the origins their pages may start
 * sessions from. In the file an origin may be the keyword `self`, meaning the broker's own public origin, so the
 * demo works on whatever port `npm start` or a test binds.
 */
import { readFileSync } from 'node:fs';
import { checkClientAuth, type ClientAuthConfig } from './client-auth.js';

export interface ClientConfig {
  id: string;
  name: string;
  /** Exact origins (`https://bank.example`), or `self`. */
  origins: string[];
  /**
   * MitID-compatible mode: every text to approve (a free text, or the rendering of a payment or a batch) must fit
   * MitID's 130-character reference text, so the same approval can go through a MitID broker; longer ones are
   * refused with `mitid_text_too_long`. Set by the client's registration, not by the page, so a page cannot leave it.
   */
  mitidCompatible?: boolean;
  /** How the client's back end authenticates (to create enrolments); absent: it cannot. */
  auth?: ClientAuthConfig;
}

export const SELF_ORIGIN = 'self';

export function loadClientsFile(path: string): ClientConfig[] {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${path}: expected an array of clients`);
  return parsed.map((entry, index) => checkClient(entry, `${path}[${index}]`));
}

function checkClient(entry: unknown, where: string): ClientConfig {
  const value = entry as Partial<ClientConfig>;
  if (typeof value?.id !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,63}$/.test(value.id)) {
    throw new Error(`${where}: "id" must be a short lower-case identifier`);
  }
  if (typeof value.name !== 'string' || value.name.length === 0) throw new Error(`${where}: "name" is required`);
  if (!Array.isArray(value.origins) || value.origins.some((origin) => typeof origin !== 'string')) {
    throw new Error(`${where}: "origins" must be an array of origins`);
  }
  for (const origin of value.origins) {
    if (origin !== SELF_ORIGIN && canonicalOrigin(origin) !== origin) {
      throw new Error(`${where}: "${origin}" is not an origin (scheme://host[:port], no path)`);
    }
  }
  if (value.mitidCompatible !== undefined && typeof value.mitidCompatible !== 'boolean') {
    throw new Error(`${where}: "mitidCompatible" must be true or false`);
  }
  return {
    id: value.id,
    name: value.name,
    origins: [...value.origins],
    ...(value.mitidCompatible ? { mitidCompatible: true } : {}),
    ...(value.auth !== undefined ? { auth: checkClientAuth(value.auth, where) } : {}),
  };
}

/** The origin in its canonical form, or null when `value` is not an http(s) origin. */
export function canonicalOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin === value ? url.origin : null;
  } catch {
    return null;
  }
}

// A page opened as http://127.0.0.1:8080 is the same server as http://localhost:8080; accept both for `self`.
function loopbackAliases(origin: string): string[] {
  const url = new URL(origin);
  if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return [origin];
  return ['localhost', '127.0.0.1', '[::1]'].map((host) => `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`);
}

export class ClientRegistry {
  private readonly byId: Map<string, ClientConfig>;

  constructor(
    clients: ClientConfig[],
    private readonly selfOrigin: () => string,
  ) {
    this.byId = new Map(clients.map((client) => [client.id, client]));
  }

  get(id: string): ClientConfig | undefined {
    return this.byId.get(id);
  }

  /** The exact origins a client's pages may use, with `self` resolved. */
  originsOf(client: ClientConfig): string[] {
    return client.origins.flatMap((origin) => (origin === SELF_ORIGIN ? loopbackAliases(this.selfOrigin()) : [origin]));
  }

  isAllowed(client: ClientConfig, origin: string | undefined): origin is string {
    return origin !== undefined && this.originsOf(client).includes(origin);
  }

  /** True when some client (or the broker itself) may call from `origin`: decides CORS answers. */
  isKnownOrigin(origin: string): boolean {
    if (loopbackAliases(this.selfOrigin()).includes(origin)) return true;
    for (const client of this.byId.values()) if (this.originsOf(client).includes(origin)) return true;
    return false;
  }
}
