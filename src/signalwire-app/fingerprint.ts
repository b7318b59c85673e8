// A stable, meaningless device fingerprint for signalwire-app.yaml's
// `fingerprint`: SHA-256 (43 base64url characters) of a random value kept on
// the device. It identifies the device to your server, and reveals nothing.

/** Where the device secret is kept (localStorage by default). */
export interface FingerprintStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'rtc-token-apis:device';

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

let memory: string | undefined;

function storageOrMemory(storage: FingerprintStorage | undefined): FingerprintStorage {
  if (storage) return storage;
  try {
    const local = (globalThis as { localStorage?: FingerprintStorage }).localStorage;
    if (local) return local;
  } catch {
    // Storage disabled (privacy mode, sandboxed frame): fall back to this page's memory.
  }
  return {
    getItem: () => memory ?? null,
    setItem: (_k, v) => {
      memory = v;
    },
  };
}

/** This device's fingerprint: 43 base64url characters, the same on every call on this device. */
export async function deviceFingerprint(storage?: FingerprintStorage): Promise<string> {
  const store = storageOrMemory(storage);
  let secret = store.getItem(KEY);
  if (!secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) {
    secret = base64url(crypto.getRandomValues(new Uint8Array(32)));
    store.setItem(KEY, secret);
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return base64url(new Uint8Array(digest));
}
