/**
 * The demo's own broker configuration: its relying parties (clients.json) and its test identities
 * (identities.json). `npm start` and the tests that play the demo pass these to the broker; the broker itself has
 * no defaults, so a deployment always says which clients and identities it serves.
 */
import { fileURLToPath } from 'node:url';

export const DEMO_CLIENTS_FILE = fileURLToPath(new URL('./clients.json', import.meta.url));
export const DEMO_IDENTITIES_FILE = fileURLToPath(new URL('./identities.json', import.meta.url));
