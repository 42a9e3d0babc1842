/**
 * The app's one activation on this device, in IndexedDB: structured clone keeps the non-extractable CryptoKey
 * usable across reloads without its private bytes ever being readable by script. The wrong PIN tries are kept with
 * it (a reload does not reset them), and after the last one a lock record takes its place: the key is gone, and the
 * record says why, until the app is activated again.
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
  /** Wrong PIN tries in a row (./pin-tries.ts); absent means none. */
  pinFailures?: number;
}

/** What is left of an activation that too many wrong PINs locked: never the key, never the PIN hash. */
export interface PinLock {
  lockedAt: string;
  deviceId: string;
  /** Kept only until the broker has been told to deactivate the device (then removed). */
  deviceToken?: string;
}

const DB_NAME = 'mitid-demo-app';
const STORE = 'activation';
const KEY = 'current';
const LOCK_KEY = 'pin-lock';

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

export const loadPinLock = () => run<PinLock | undefined>('readonly', (store) => store.get(LOCK_KEY));
export const savePinLock = (lock: PinLock) => run('readwrite', (store) => store.put(lock, LOCK_KEY));
export const clearPinLock = () => run('readwrite', (store) => store.delete(LOCK_KEY));

/** Locks the app in one transaction: the activation (key, PIN hash, tries) goes, the lock record comes. */
export async function replaceWithPinLock(lock: PinLock): Promise<void> {
  const db = await open();
  try {
    await new Promise<void>((resolve, reject) => {
      const transaction = db.transaction(STORE, 'readwrite');
      const store = transaction.objectStore(STORE);
      store.delete(KEY);
      store.put(lock, LOCK_KEY);
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}
