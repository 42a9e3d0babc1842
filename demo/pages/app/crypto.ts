/**
 * The simulated app's cryptography, all WebCrypto: a P-256 device key whose private half can never be exported
 * (it lives in IndexedDB as a CryptoKey), ES256 signatures in the raw r‖s form JOSE uses, SHA-256 of the
 * transaction text, and a salted PBKDF2 hash of the app PIN.
 */
import type { JsonWebKeyP256 } from '../../../protocol/app-api.js';

const encoder = new TextEncoder();

export function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const byte of view) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A new device key pair. `extractable: false` applies to the private key; the public key is always exportable. */
export function generateDeviceKey(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
}

export async function publicJwk(keyPair: CryptoKeyPair): Promise<JsonWebKeyP256> {
  const jwk = await crypto.subtle.exportKey('jwk', keyPair.publicKey);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('unexpected public key');
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** ES256 over the UTF-8 bytes of `input`; WebCrypto already returns the raw r‖s (IEEE P1363) form. */
export async function signEs256(privateKey: CryptoKey, input: string): Promise<string> {
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, encoder.encode(input));
  return base64url(signature);
}

/** Hex SHA-256 of the UTF-8 bytes, as the broker and the verifier compute it for `txn.sha256`. */
export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

export interface PinHash {
  salt: string;
  hash: string;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 100_000 }, key, 256);
  return base64url(bits);
}

export async function hashPin(pin: string): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: base64url(salt), hash: await derive(pin, salt) };
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export async function checkPin(pin: string, stored: PinHash): Promise<boolean> {
  return (await derive(pin, fromBase64url(stored.salt))) === stored.hash;
}
