// A withdrawn service's data outside cookies: its localStorage/sessionStorage keys and IndexedDB databases,
// matched by the service's "storage" globs (the engine's deleteStorage) and removed like its cookies.
import { globMatch } from './glob';

/** Removes matching keys from localStorage and sessionStorage, and matching IndexedDB databases where the
 * browser can list them (indexedDB.databases()). Returns the keys removed from web storage. */
export function deleteStorage(globs: string[]): string[] {
  if (!globs.length) return [];
  const matches = (name: string) => globs.some((g) => globMatch(g, name));
  const removed: string[] = [];
  for (const area of storageAreas()) {
    // Collect first: removing while indexing would skip the key that moves into the freed slot.
    const keys: string[] = [];
    for (let i = 0; i < area.length; i++) {
      const key = area.key(i);
      if (key !== null && matches(key)) keys.push(key);
    }
    for (const key of keys) area.removeItem(key);
    removed.push(...keys);
  }
  void deleteDatabases(matches);
  return removed;
}

function storageAreas(): Storage[] {
  const areas: Storage[] = [];
  for (const get of [() => window.localStorage, () => window.sessionStorage]) {
    try {
      areas.push(get()); // throws where storage is blocked (sandboxed frames, some privacy modes)
    } catch {
      /* nothing stored there to clear */
    }
  }
  return areas;
}

async function deleteDatabases(matches: (name: string) => boolean): Promise<void> {
  try {
    if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
    for (const db of await indexedDB.databases()) if (db.name && matches(db.name)) indexedDB.deleteDatabase(db.name);
  } catch {
    /* listing refused: nothing we can name to delete */
  }
}
