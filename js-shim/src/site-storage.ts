// A withdrawn service's IndexedDB databases, matched by its "storage" globs (the engine's deleteStorage).
// Its localStorage/sessionStorage keys are the cookie guard's: regulated and purged with its cookies
// (cookie-guard.ts), on every load and every change of consent.
import { globMatch } from './glob';

/** Deletes the matching databases where the browser can list them (indexedDB.databases()). */
export async function deleteDatabases(globs: string[]): Promise<void> {
  if (!globs.length) return;
  try {
    if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
    for (const db of await indexedDB.databases())
      if (db.name && globs.some((g) => globMatch(g, db.name!))) indexedDB.deleteDatabase(db.name);
  } catch {
    /* listing refused: nothing we can name to delete */
  }
}
