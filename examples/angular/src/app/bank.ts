import { liveBank } from '../../../shared/bank';

/**
 * The bank this build talks to: the real back end under /examples/api (forwarded to http://localhost:8080 by
 * proxy.conf.json). The `offline` configuration in angular.json swaps this file for bank.offline.ts.
 */
export const bank = liveBank();
