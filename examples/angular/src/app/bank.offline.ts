import { offlineBank } from '../../../shared/bank';

/**
 * Replaces bank.ts in the `offline` configuration (angular.json `fileReplacements`): the element gets the scripted
 * transport and nothing is signed or verified.
 */
export const bank = offlineBank();
