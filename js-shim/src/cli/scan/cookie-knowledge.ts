// What is known about a cookie or storage key by name: the Open Cookie Database (config/data/open-cookie-database/,
// Apache-2.0, see its NOTICE), for `assent scan`. An exact name wins over a wildcard entry (the database's
// "Wildcard match" names are prefixes: `_ga_` covers `_ga_XYZ123`), and the longest prefix wins among those.
// A name the database does not hold is unknown: nothing is guessed from its shape. Hosts are known only from the
// database's "Domain" column (where a cookie is set): a request host is matched there, or by a parent domain.

export type AssentCategory = 'essential' | 'preference' | 'analytics' | 'marketing';

export interface KnownCookie {
  /** The database's name for it (a prefix when `wildcard`). */
  name: string;
  wildcard: boolean;
  platform: string;
  /** The database's own category: Functional, Analytics, Marketing, Security, Necessary, Personalization. */
  category: string;
  /** The nearest Assent category: a functional cookie may be essential, so a site owner reviews it. */
  assentCategory: AssentCategory;
  domain: string;
  description: string;
  retention: string;
  controller: string;
  privacyUrl: string;
}

const CATEGORY: Record<string, AssentCategory> = {
  Necessary: 'essential',
  Security: 'essential',
  Functional: 'preference',
  Personalization: 'preference',
  Analytics: 'analytics',
  Marketing: 'marketing',
};

/** The nearest Assent category of one of the database's categories (preference when it names another). */
export const assentCategory = (category: string): AssentCategory => CATEGORY[category] ?? 'preference';

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF between records. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      (row = []), (field = '');
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

/** Who is behind a host, as far as the database says: every platform, controller and category of its rows. */
export interface KnownHost {
  domain: string;
  platforms: string[];
  controllers: string[];
  categories: string[];
}

/** "facebook.com (3rd party)", ".bing.com (3rd party) or .microsoft.com (3rd party)" → the bare domains. */
export function domainsOf(column: string): string[] {
  return column
    .split(/\s+or\s+|,/)
    .map((d) => d.replace(/\(.*?\)/g, '').trim().replace(/^\./, '').toLowerCase())
    .filter((d) => /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/.test(d));
}

export class CookieKnowledge {
  private readonly exact = new Map<string, KnownCookie>();
  private readonly prefixes: KnownCookie[] = [];
  private readonly hosts = new Map<string, KnownHost>();

  /** From the database's CSV text; throws naming the column when the header is not the one expected. */
  constructor(csv: string) {
    const [header, ...rows] = parseCsv(csv);
    const col = (name: string) => {
      const i = header?.indexOf(name) ?? -1;
      if (i < 0) throw new Error(`the Open Cookie Database CSV has no column "${name}"`);
      return i;
    };
    const [platform, category, name, domain, description, retention, controller, portal, wildcard] = [
      'Platform', 'Category', 'Cookie / Data Key name', 'Domain', 'Description', 'Retention period', 'Data Controller',
      'User Privacy & GDPR Rights Portals', 'Wildcard match',
    ].map(col);
    for (const r of rows) {
      if (r.length < header.length || !r[name]) continue;
      const entry: KnownCookie = {
        name: r[name], wildcard: r[wildcard] === '1', platform: r[platform], category: r[category],
        assentCategory: assentCategory(r[category]), domain: r[domain].replace(/\s*\(3rd party\).*$/, ''),
        description: r[description], retention: r[retention], controller: r[controller], privacyUrl: r[portal],
      };
      if (entry.wildcard) this.prefixes.push(entry);
      else if (!this.exact.has(entry.name)) this.exact.set(entry.name, entry);
      for (const d of domainsOf(r[domain])) {
        const host = this.hosts.get(d) ?? { domain: d, platforms: [], controllers: [], categories: [] };
        for (const [list, value] of [[host.platforms, entry.platform], [host.controllers, entry.controller], [host.categories, entry.category]] as const)
          if (value && !list.includes(value)) list.push(value);
        this.hosts.set(d, host);
      }
    }
    this.prefixes.sort((a, b) => b.name.length - a.name.length);
  }

  get size(): number {
    return this.exact.size + this.prefixes.length;
  }

  /** The host's entry, or its nearest parent domain's ("px.ads.linkedin.com" → linkedin.com); null when unknown. */
  lookupHost(host: string): KnownHost | null {
    const labels = host.toLowerCase().replace(/\.$/, '').split('.');
    for (let i = 0; i < labels.length - 1; i++) {
      const found = this.hosts.get(labels.slice(i).join('.'));
      if (found) return found;
    }
    return null;
  }

  /** The entry for a cookie or storage key name, or null when the database does not know it. */
  lookup(cookieName: string): KnownCookie | null {
    return this.exact.get(cookieName) ?? this.prefixes.find((p) => cookieName.startsWith(p.name)) ?? null;
  }
}
