/** `mitid-login/enrol`: importing it defines `<mitid-enrol>` and exports its API (docs/enrol.md). */
export * from './define.js';
export * from './events.js';
export { EnrolClient, EnrolError, type EnrolClientOptions } from './client.js';
export { enrolTranslation, type EnrolLang, type EnrolTranslation } from './catalogue.js';
export type { EnrolStep } from './steps.js';
export * from '../../protocol/enrol-api.js';
export { chosenUserIdProblem, chosenPasswordProblem, contactProblem, USER_ID_CHOICE } from '../../protocol/rules.js';
