/**
 * "Remember my user ID on this device": off unless the host offers it and the user ticks it. Only the user ID is
 * ever stored, and only in this origin's localStorage; forgetting removes it.
 */
export const REMEMBER_KEY = 'mitid-login.user-id';

export function readRemembered(): string | null {
  try {
    return globalThis.localStorage?.getItem(REMEMBER_KEY) ?? null;
  } catch {
    return null;
  }
}

export function storeRemembered(userId: string): void {
  try {
    if (userId) globalThis.localStorage?.setItem(REMEMBER_KEY, userId);
  } catch {
    // Storage refused (private mode): remembering is a convenience, never a requirement.
  }
}

export function forgetRemembered(): void {
  try {
    globalThis.localStorage?.removeItem(REMEMBER_KEY);
  } catch {
    // see storeRemembered
  }
}
