/**
 * Message catalogues: Danish by default (in the first load), English and other languages loaded on demand, and
 * any language a page adds with {@link registerLocale}. No page-wide setup: the element follows its own `lang`,
 * else the closest `lang` around it.
 */
import { da } from './locales/da.js';
import type { Translation } from './translation.js';

export type { Translation } from './translation.js';

export const DEFAULT_LOCALE = 'da';

const locales = new Map<string, Translation>([['da', da]]);

/** Languages shipped with the SDK but fetched only when a page uses them. */
const loaders = new Map<string, () => Promise<Translation>>([
  ['en', () => import('./locales/en.js').then((module) => module.en)],
]);

const loading = new Map<string, Promise<Translation>>();

/** Adds (or replaces) a language. `code` is a BCP 47 tag such as `de` or `kl`; matching ignores case. */
export function registerLocale(code: string, messages: Translation): void {
  locales.set(code.toLowerCase(), messages);
}

function candidates(lang: string | null | undefined): string[] {
  const tag = (lang ?? '').trim().toLowerCase();
  return [tag, tag.split('-')[0] ?? ''].filter(Boolean);
}

/**
 * The catalogue for `lang` (exact tag, else its primary language, else Danish), or `null` while a shipped
 * language is still loading; then `whenLoaded` resolves once it is there.
 */
export function translationFor(lang: string | null | undefined): Translation | null {
  for (const code of candidates(lang)) {
    const found = locales.get(code);
    if (found) return found;
    if (loaders.has(code)) return null;
  }
  return locales.get(DEFAULT_LOCALE) ?? da;
}

/** Loads a shipped language if `lang` needs one; resolves at once otherwise. */
export function loadLocale(lang: string | null | undefined): Promise<void> {
  for (const code of candidates(lang)) {
    if (locales.has(code)) return Promise.resolve();
    const loader = loaders.get(code);
    if (loader) {
      let pending = loading.get(code);
      if (!pending) {
        pending = loader().then((messages) => {
          if (!locales.has(code)) locales.set(code, messages);
          return messages;
        });
        loading.set(code, pending);
      }
      return pending.then(() => undefined);
    }
  }
  return Promise.resolve();
}
