/**
 * The element's language, in the spirit of Shoelace's LocalizeController: it follows the element's own `lang`, else
 * the closest `lang` around it, else the document's, and loads a shipped language the first time it is needed. No
 * page-wide setup: the catalogues themselves live in ../i18n/. It needs no lifecycle hook (the host calls `load`
 * from `willUpdate`), so it is not added to the host's controllers.
 */
import type { ReactiveControllerHost } from 'lit';
import {
  fallBackToDefault,
  firstStepTranslationFor,
  loadLocale,
  translationFor,
  type FirstStepTranslation,
  type Translation,
} from '../i18n/index.js';
import { daFirst } from '../i18n/parts/da-first.js';
import { hostLang } from './host-lang.js';

/** Rounds of "a language arrived, render again" that `whenShowing` waits for before it gives up. */
const LOADING_ROUNDS = 3;

export class LocalizeController {
  private loading: Promise<unknown> = Promise.resolve();
  private lastTranslation: FirstStepTranslation | null = null;
  /** The `lang` whose catalogue was shown last (kept while a switch to another one loads). */
  private shownLang: string | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {}

  /** The language the element speaks, or `''` for the default. */
  get lang(): string {
    return hostLang(this.host);
  }

  /**
   * Starts loading the language if it is not there yet, and renders again once it is. The host calls this from
   * `willUpdate`, not `hostUpdate`, because Lit SSR calls only the former.
   */
  load(): void {
    if (firstStepTranslationFor(this.lang)) return;
    // A language that fails to load leaves Danish in place rather than an empty element.
    this.loading = loadLocale(this.lang)
      .catch(() => fallBackToDefault(this.lang))
      .then(() => this.host.requestUpdate());
  }

  /**
   * What the user-ID step and the frame need of the catalogue, or null while the element's first language is still
   * loading (a switch keeps the old one).
   */
  get translation(): FirstStepTranslation | null {
    const found = firstStepTranslationFor(this.lang);
    if (found) {
      this.lastTranslation = found;
      this.shownLang = this.lang;
    }
    return found ?? this.lastTranslation;
  }

  /** For handlers: {@link translation}, Danish while another language loads. */
  get t(): FirstStepTranslation {
    return this.translation ?? daFirst;
  }

  /**
   * The whole catalogue of the language shown (a switch keeps the old one while the new one loads), or undefined
   * while only its first part is here: Danish until the later steps arrive, which bring the rest.
   */
  get whole(): Translation | undefined {
    // While a switch to another language loads, the one shown before goes on (as in `translation`); it may have
    // been shown while only its first part was here, and be whole by now.
    const loading = firstStepTranslationFor(this.lang) === null;
    return translationFor(loading && this.shownLang !== null ? this.shownLang : this.lang) ?? undefined;
  }

  /**
   * The host's `getUpdateComplete`, which also waits for a language that is still loading, so that
   * `await el.updateComplete` means "showing, in its language".
   */
  async whenShowing(updateComplete: () => Promise<boolean>): Promise<boolean> {
    let result = await updateComplete();
    for (let round = 0; round < LOADING_ROUNDS && !firstStepTranslationFor(this.lang); round += 1) {
      await this.loading;
      result = await updateComplete();
    }
    return result;
  }
}
