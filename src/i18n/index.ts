/**
 * Message catalogues: Danish by default, English, and any language a page adds with {@link registerLocale}.
 * No page-wide setup: the element follows its own `lang`, else the closest `lang` around it.
 */
import { da } from './locales/da.js';
import { en } from './locales/en.js';
import type { Translation } from './translation.js';

export type { Translation } from './translation.js';

const locales = new Map<string, Translation>([
  ['da', da],
  ['en', en],
]);

export const DEFAULT_LOCALE = 'da';

/** Adds (or replaces) a language. `code` is a BCP 47 tag such as `de` or `kl`; matching ignores case. */
export function registerLocale(code: string, messages: Translation): void {
  locales.set(code.toLowerCase(), messages);
}

/** The best catalogue for `lang`: the exact tag, else its primary language (`en-GB` → `en`), else Danish. */
export function translationFor(lang: string | null | undefined): Translation {
  const tag = (lang ?? '').trim().toLowerCase();
  return locales.get(tag) ?? locales.get(tag.split('-')[0] ?? '') ?? locales.get(DEFAULT_LOCALE)!;
}
