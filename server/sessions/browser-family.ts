/**
 * The coarse browser family of a User-Agent, for the app to show where a request started ("Chrome på Windows").
 * Parsed by hand against a short fixed list: only the family is kept and shown, never the header, so nothing a
 * client writes in it reaches the user's screen. Order matters: Edge, Opera and Samsung Internet also say "Chrome",
 * and every browser on iOS says "Safari".
 */
import type { BrowserFamily } from '../../protocol/app-api.js';

const NAMES: ReadonlyArray<[BrowserFamily['name'], RegExp]> = [
  ['Edge', /\bEdg(?:e|A|iOS)?\//],
  ['Opera', /\bOPR\/|\bOpera\b/],
  ['Samsung Internet', /\bSamsungBrowser\//],
  ['Firefox', /\bFirefox\/|\bFxiOS\//],
  ['Chrome', /Chrome\/|\bCriOS\/|\bChromium\//],
  ['Safari', /\bSafari\//],
];

const SYSTEMS: ReadonlyArray<[BrowserFamily['os'], RegExp]> = [
  ['iOS', /\b(?:iPhone|iPad|iPod)\b/],
  ['Android', /\bAndroid\b/],
  ['ChromeOS', /\bCrOS\b/],
  ['Windows', /\bWindows\b/],
  ['macOS', /\bMac OS X\b|\bMacintosh\b/],
  ['Linux', /\bLinux\b|\bX11\b/],
];

export function browserFamily(userAgent: string | undefined): BrowserFamily {
  const ua = userAgent ?? '';
  return {
    name: NAMES.find(([, pattern]) => pattern.test(ua))?.[0] ?? 'other',
    os: SYSTEMS.find(([, pattern]) => pattern.test(ua))?.[0] ?? 'other',
  };
}
