import { liveBank, offlineBank } from '../../shared/bank';

/**
 * The bank this page talks to. Vite replaces `import.meta.env.MODE` at build time, so a normal build drops the
 * offline branch, and with it the scripted transport, from the bundle.
 */
export const bank = import.meta.env.MODE === 'offline' ? offlineBank() : liveBank();
