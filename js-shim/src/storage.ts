// The engine's consent record: a first-party cookie, mirrored to localStorage so other tabs follow a change.
import type { PolicySummary } from './types';

export class RecordStore {
  private readonly key: string;

  constructor(private readonly storage: PolicySummary['storage']) {
    this.key = `assent:${storage.cookie}`;
  }

  read(): string | null {
    const prefix = `${this.storage.cookie}=`;
    for (const part of document.cookie.split(';')) {
      const c = part.trim();
      if (c.startsWith(prefix)) return decodeURIComponent(c.slice(prefix.length));
    }
    try {
      return localStorage.getItem(this.key);
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
