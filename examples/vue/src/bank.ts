import { liveBank, offlineBank } from '../../shared/bank.ts';

// Vite replaces import.meta.env.MODE at build time, so the live build drops offlineBank() and with it the
// scripted transport: `vite --mode offline` (npm run dev:offline, build:offline) is the only way to get it.
export const bank = import.meta.env.MODE === 'offline' ? offlineBank() : liveBank();
