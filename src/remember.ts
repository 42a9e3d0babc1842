/**
 * "Remember my user ID on this device": off unless the host offers it and the user ticks it. Only the user ID and
 * the last method that worked for it are ever stored, and only in this origin's localStorage; nothing goes over the
 * network. Forgetting the user ID forgets the method, and a different user ID never inherits it.
 */
import type { Method } from '../protocol/page-api.js';

export const REMEMBER_KEY = 'mitid-login.user-id';
export const REMEMBER_METHOD_KEY = 'mitid-login.method';

const METHODS: readonly Method[] = ['app', 'code-display', 'code-reader', 'chip'];

export function readRemembered(): string | null {
  try {
    return globalThis.localStorage?.getItem(REMEMBER_KEY) ?? null;
  } catch {
    return null;
  }
}

export function storeRemembered(userId: string): void {
  try {
    if (!userId) return;
    // The method belongs to the user ID it was used with: another user ID starts from the list.
    if (readRemembered() !== userId) globalThis.localStorage?.removeItem(REMEMBER_METHOD_KEY);
    globalThis.localStorage?.setItem(REMEMBER_KEY, userId);
  } catch {
    // Storage refused (private mode): remembering is a convenience, never a requirement.
  }
}

export function forgetRemembered(): void {
  try {
    globalThis.localStorage?.removeItem(REMEMBER_KEY);
    globalThis.localStorage?.removeItem(REMEMBER_METHOD_KEY);
  } catch {
    // see storeRemembered
  }
}

/** The remembered method, if any; a value that is not a method (edited by hand, an older version) counts as none. */
export function readRememberedMethod(): Method | null {
  try {
    const value = globalThis.localStorage?.getItem(REMEMBER_METHOD_KEY) ?? null;
    return METHODS.find((method) => method === value) ?? null;
  } catch {
    return null;
  }
}

export function storeRememberedMethod(method: Method): void {
  try {
    globalThis.localStorage?.setItem(REMEMBER_METHOD_KEY, method);
  } catch {
    // see storeRemembered
  }
}
