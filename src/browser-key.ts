/**
 * A random key for this browser, sent with every new session (`browser_key`): the broker lets a new login from the
 * same browser, client and user ID replace an unfinished earlier one, so a reload, the back button or a second tab
 * is never taken for a fraudster's parallel request. It says nothing about the user, is shared by the element on
 * every page of the origin (localStorage), and the broker keeps only a hash of it with the client ID, so two
 * clients cannot match it. Without storage (private mode, storage blocked) it lives as long as the page.
 */
const STORAGE_KEY = 'mitid-login:browser-key';
const SHAPE = /^[A-Za-z0-9_-]{22,128}$/;

let pageKey: string | undefined;

export function browserKey(): string {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored && SHAPE.test(stored)) return stored;
    const fresh = randomKey();
    globalThis.localStorage?.setItem(STORAGE_KEY, fresh);
    return fresh;
  } catch {
    return (pageKey ??= randomKey());
  }
}

function randomKey(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}
