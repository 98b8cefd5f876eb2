// Which of the policy's services a request, cookie or storage key belongs to, by the patterns the policy
// declares (the glob rules the engine and the shim use). A request belongs to the service whose script pattern
// matches its URL; failing that, to the service of the nearest script in its initiator chain (a tag's beacons
// are the tag's); failing that, to the one service whose scripts live on that host.
import { globMatch, urlMatches } from '../../glob';
import type { PolicySummary } from '../../types';

type Service = PolicySummary['services'][number];

/** "https://*.example.com/js/*" → "*.example.com"; the host part of a script pattern. */
export function patternHost(pattern: string): string {
  return pattern.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/')[0];
}

export class ServiceMatcher {
  constructor(private readonly services: Service[]) {}

  private byScript(url: string): string | null {
    return this.services.find((s) => s.scripts.some((p) => urlMatches(p, url)))?.id ?? null;
  }

  private onHost(host: string): Service[] {
    return this.services.filter((s) => s.scripts.some((p) => globMatch(patternHost(p), host)));
  }

  forRequest(url: string, initiators: string[]): string | null {
    const direct = this.byScript(url);
    if (direct) return direct;
    for (const i of initiators) {
      const s = this.byScript(i);
      if (s) return s;
    }
    const onHost = this.onHost(new URL(url).host);
    return onHost.length === 1 ? onHost[0].id : null;
  }

  /** Whether any service declares scripts on this host (a host nobody declares is undeclared). */
  hostDeclared(host: string): boolean {
    return this.onHost(host).length > 0;
  }

  forCookie(name: string): string | null {
    return this.services.find((s) => s.cookies.some((p) => globMatch(p, name)))?.id ?? null;
  }

  forStorage(key: string): string | null {
    return this.services.find((s) => s.storage.some((p) => globMatch(p, key)) || s.cookies.some((p) => globMatch(p, key)))?.id ?? null;
  }

  /** Every pattern of a service, for the stale list. */
  patternsOf(id: string): string[] {
    const s = this.services.find((x) => x.id === id);
    return s ? [...s.scripts, ...s.cookies, ...s.storage] : [];
  }
}
