/** Dansk (standard): the whole catalogue, both parts (../translation.ts); what `mitid-login/locales/da` gives. */
import type { Translation } from '../translation.js';
import { daFirst } from '../parts/da-first.js';
import { daLater } from '../parts/da-later.js';

export const da: Translation = { ...daFirst, ...daLater };
