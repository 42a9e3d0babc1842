/**
 * Which reverse proxies the broker believes about the client's address (X-Forwarded-For). Never "all": the
 * left-most X-Forwarded-For entry is whatever the client wrote, so trusting every hop lets anyone pick a fresh
 * rate-limit bucket per request. Either a number of hops (the proxies in front of the broker, each appending the
 * address it saw; the broker must be reachable only through them) or the proxies' own addresses and networks
 * (the right-most entry not from one of them is the client). Fastify (proxy-addr) does the walk; this module
 * refuses what would not mean one of the two, and turns a hop count into the function Fastify takes: Fastify 5.12
 * treats a bare number as "trust nothing" (it cannot check the peer), so the count is ours, with its condition
 * documented (docs/deploy.md).
 */
import { isIP } from 'node:net';

/** A number of proxy hops, or the proxies' addresses and CIDR networks (`10.0.0.0/8`, `::1`, `loopback`). */
export type TrustProxy = number | readonly string[];

/** proxy-addr's names for the usual private ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const FORMAT =
  'a number of proxy hops (e.g. 1) or a comma-separated list of proxy addresses or CIDRs (e.g. 10.0.0.0/8,::1)';

/** Whether `entry` is an address, an address/prefix, or one of proxy-addr's range names. */
function isProxyAddress(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Throws a TypeError naming the bad value unless `trust` is a hop count or a list of proxy addresses. */
export function checkTrustProxy(trust: unknown): TrustProxy | undefined {
  if (trust === undefined) return undefined;
  if (typeof trust === 'number') {
    if (Number.isSafeInteger(trust) && trust >= 0) return trust;
    throw new TypeError(`trustProxy must be ${FORMAT}, not ${trust}.`);
  }
  if (Array.isArray(trust) && trust.length > 0) {
    const bad = trust.find((entry) => typeof entry !== 'string' || !isProxyAddress(entry));
    if (bad === undefined) return trust as string[];
    throw new TypeError(`trustProxy must be ${FORMAT}; "${String(bad)}" is not an address or a CIDR.`);
  }
  // `true` was the old switch: trusting every hop is the hole this setting closes.
  throw new TypeError(`trustProxy must be ${FORMAT}, not ${JSON.stringify(trust)}.`);
}

/** `TRUST_PROXY` of `npm start`: unset or empty is no proxy; anything else must parse, or this throws. */
export function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return checkTrustProxy(Number(text));
  const entries = text.split(',').map((entry) => entry.trim());
  if (entries.every(isProxyAddress)) return entries;
  throw new TypeError(`TRUST_PROXY must be ${FORMAT}, not "${value}".`);
}

/** Fastify's `trustProxy` for a checked setting: none, a hop count as a function, or the address list. */
export function fastifyTrustProxy(
  trust: TrustProxy | undefined,
): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === undefined) return false;
  // Hop 0 is the socket's peer (the nearest proxy), hop 1 the address it appended, and so on.
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return [...trust];
}
