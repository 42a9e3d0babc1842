/** The generated app identities of the bench broker (bench/broker-child.ts). */
import { AppDevice } from '../testing/node/index.js';
import type { JsonClient } from './http.js';

export const BENCH_PASSWORD = 'bench-app-2026';
export const benchUserId = (index: number) => `bench.${String(index).padStart(4, '0')}`;

/** The activation code of generated identity `index`'s letter (digits only: any 12 digits are a valid code). */
export const benchLetter = (index: number) => `0000-0000-${String(index).padStart(4, '0')}`;

/** A simulated app for generated identity `index`, activated with its letter, through `client`'s sockets. */
export function activateBenchApp(client: JsonClient, userId: string, index: number): Promise<AppDevice> {
  return AppDevice.activate(client.port(), { userId, activationCode: benchLetter(index), name: 'Bench phone' });
}

/** The generated identities themselves (app only, one password), added to the demo's own by the bench brokers. */
export function benchIdentities(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    userId: benchUserId(index),
    name: `Bench User ${index}`,
    methods: ['app' as const],
    password: BENCH_PASSWORD,
    activationCode: benchLetter(index),
  }));
}
