/**
 * The app's one activation on this device, in IndexedDB: structured clone keeps the non-extractable CryptoKey
 * usable across reloads without its private bytes ever being readable by script.
 */
import type { PinHash } from './crypto.js';

export interface Activation {
  userId: string;
  name: string;
  deviceId: string;
  deviceToken: string;
  deviceName: string;
  keyPair: CryptoKeyPair;
  pin: PinHash;
  activatedAt: string;
  /**
   * When the broker lets this device approve (ISO): now for a letter, after a waiting period for a ticket from a
   * login. Absent in activations stored before there were waiting periods: active.
   */
  activeFrom?: string;
}

const DB_NAME = 'mitid-demo-app';
const STORE = 'activation';
const KEY = 'current';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = action(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

export const loadActivation = () => run<Activation | undefined>('readonly', (store) => store.get(KEY));
export const saveActivation = (activation: Activation) => run('readwrite', (store) => store.put(activation, KEY));
export const clearActivation = () => run('readwrite', (store) => store.delete(KEY));
