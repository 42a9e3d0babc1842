/**
 * Message catalogues: Danish by default, English and other languages loaded on demand, and any language a page adds
 * with {@link registerLocale}. No page-wide setup: the element follows its own `lang`, else the closest `lang`
 * around it.
 *
 * Danish comes in two parts (./translation.ts): the first load carries what the user-ID step says, and the rest
 * arrives with the later steps (../later-steps.ts), which give it here with {@link completeLocale}. A language a
 * page registers, or English, is whole from the start.
 */
import { daFirst } from './parts/da-first.js';
import type { FirstStepTranslation, LaterStepsTranslation, Translation } from './translation.js';

export type { ErrorMessages, FirstStepTranslation, LaterStepsTranslation, Translation } from './translation.js';

export const DEFAULT_LOCALE = 'da';

/** Whole catalogues: registered by the page, loaded, or completed by the later steps. */
const whole = new Map<string, Translation>();
/** Catalogues of which only the first part is here yet. */
const firstOnly = new Map<string, FirstStepTranslation>([[DEFAULT_LOCALE, daFirst]]);
/** Shipped languages that could not be fetched: spoken in the default language instead. */
const failed = new Set<string>();

/** Languages shipped with the SDK but fetched only when a page uses them. */
const loaders = new Map<string, () => Promise<Translation>>([
  ['en', () => import('./locales/en.js').then((module) => module.en)],
]);

const loading = new Map<string, Promise<Translation>>();

/** Adds (or replaces) a language. `code` is a BCP 47 tag such as `de` or `kl`; matching ignores case. */
export function registerLocale(code: string, messages: Translation): void {
  const key = code.toLowerCase();
  whole.set(key, messages);
  firstOnly.delete(key);
  failed.delete(key);
}

/** The later part of a shipped language whose first part is here: from now on the catalogue is whole. */
export function completeLocale(code: string, later: LaterStepsTranslation): void {
  const key = code.toLowerCase();
  const first = firstOnly.get(key);
  if (!first) return;
  whole.set(key, { ...first, ...later });
  firstOnly.delete(key);
}

/** A shipped language that could not be fetched: the element speaks the default language instead. */
export function fallBackToDefault(lang: string | null | undefined): void {
  const [code] = candidates(lang);
  if (code) failed.add(code);
}

function candidates(lang: string | null | undefined): string[] {
  const tag = (lang ?? '').trim().toLowerCase();
  return [tag, tag.split('-')[0] ?? ''].filter(Boolean);
}

/** The code of the catalogue `lang` is spoken in (exact tag, else its primary language, else the default), or null while it loads. */
function resolve(lang: string | null | undefined): string | null {
  for (const code of candidates(lang)) {
    if (failed.has(code)) return DEFAULT_LOCALE;
    if (whole.has(code) || firstOnly.has(code)) return code;
    if (loaders.has(code)) return null;
  }
  return DEFAULT_LOCALE;
}

/**
 * What the user-ID step needs of the catalogue for `lang` (the whole one, where it is here), or `null` while a
 * shipped language is still loading; then `loadLocale` resolves once it is there.
 */
export function firstStepTranslationFor(lang: string | null | undefined): FirstStepTranslation | null {
  const code = resolve(lang);
  if (code === null) return null;
  // `resolve` names only a language that is here (the default always is, in one map or the other).
  return whole.get(code) ?? firstOnly.get(code) ?? daFirst;
}

/**
 * The whole catalogue for `lang` (exact tag, else its primary language, else Danish), or `null` while it is still
 * loading: a shipped language being fetched, or Danish until the later steps bring its second part.
 */
export function translationFor(lang: string | null | undefined): Translation | null {
  const code = resolve(lang);
  return code === null ? null : (whole.get(code) ?? null);
}

/** Loads a shipped language if `lang` needs one; resolves at once otherwise. */
export function loadLocale(lang: string | null | undefined): Promise<void> {
  for (const code of candidates(lang)) {
    if (failed.has(code) || whole.has(code) || firstOnly.has(code)) return Promise.resolve();
    const loader = loaders.get(code);
    if (loader) {
      let pending = loading.get(code);
      if (!pending) {
        pending = loader().then((messages) => {
          if (!whole.has(code)) whole.set(code, messages);
          return messages;
        });
        loading.set(code, pending);
      }
      return pending.then(() => undefined);
    }
  }
  return Promise.resolve();
}
