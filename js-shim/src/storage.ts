// The engine's consent record: a first-party cookie, mirrored to localStorage so other tabs follow a change.
import type { PolicySummary } from './types';

const RECORD_MAX_CHARS = 4096; // the engine's kRecordChars (wasm/core/limits.hpp)

/**
 * The record in a cookie string (document.cookie): the decoded value of cookie `name`; null when that cookie
 * is there but not our encoding (a broken or foreign cookie: a first visit, the banner asks again); undefined
 * when there is no such cookie.
 */
export function recordFromCookies(cookies: string, name: string): string | null | undefined {
  const prefix = `${name}=`;
  for (const part of cookies.split(';')) {
    const c = part.trim();
    if (!c.startsWith(prefix)) continue;
    try {
      return decodeURIComponent(c.slice(prefix.length));
    } catch {
      return null;
    }
  }
  return undefined;
}

/** A localStorage mirror is a candidate only if it could be a record: one fits in a cookie. */
export function recordFromMirror(mirror: string | null): string | null {
  // Anything longer is not a record, and must not push the engine's context over its limit.
  return mirror && mirror.length <= RECORD_MAX_CHARS ? mirror : null;
}

export class RecordStore {
  private readonly key: string;

  constructor(private readonly storage: PolicySummary['storage']) {
    this.key = `assent:${storage.cookie}`;
  }

  /** The stored record, or null. Whatever is there is only a candidate: the engine checks it. */
  read(): string | null {
    const fromCookie = recordFromCookies(document.cookie, this.storage.cookie);
    if (fromCookie !== undefined) return fromCookie;
    try {
      return recordFromMirror(localStorage.getItem(this.key));
    } catch {
      return null; // storage blocked: the cookie is the source of truth
    }
  }

  write(record: string, maxAgeSeconds: number): void {
    document.cookie = this.cookie(encodeURIComponent(record), maxAgeSeconds);
    try {
      localStorage.setItem(this.key, record);
    } catch {
      /* private mode or blocked storage: the cookie still works */
    }
  }

  clear(): void {
    document.cookie = this.cookie('', 0);
    try {
      localStorage.removeItem(this.key);
    } catch {
      /* ignore */
    }
  }

  /** Calls back when another tab writes or clears the record. */
  watch(onChange: (record: string | null) => void): void {
    addEventListener('storage', (e) => {
      if (e.key === this.key) onChange(e.newValue);
    });
  }

  private cookie(value: string, maxAge: number): string {
    const domain = this.storage.domain ? `; Domain=${this.storage.domain}` : '';
    const secure = location.protocol === 'https:' ? '; Secure' : '';
    return `${this.storage.cookie}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Lax${domain}${secure}`;
  }
}
