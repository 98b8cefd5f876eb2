// Every request a page makes, from Chromium's own network events (one CDP session per page; site isolation is
// off, so cross-origin frames report here too): URL, type, time, status, the initiator Chromium names, and the
// Set-Cookie headers of each response. Also tells when the page has gone quiet.
import type { CDPSession } from 'playwright-core';

export interface LoggedRequest {
  url: string;
  type: string;
  method: string;
  /** Epoch milliseconds. */
  at: number;
  status: number;
  /** The URLs Chromium names as the cause, nearest first: the scripts on the stack, or the parsing document. */
  initiators: string[];
  done: boolean;
}

interface CdpInitiator {
  type: string;
  url?: string;
  stack?: CdpStack;
}
interface CdpStack {
  callFrames: Array<{ url: string }>;
  parent?: CdpStack;
}

function stackUrls(stack: CdpStack | undefined): string[] {
  const urls: string[] = [];
  for (let s = stack; s; s = s.parent) for (const f of s.callFrames) if (/^https?:/.test(f.url) && !urls.includes(f.url)) urls.push(f.url);
  return urls;
}

export class NetworkLog {
  readonly requests: LoggedRequest[] = [];
  /** Every Set-Cookie header line, with the URL whose response carried it (deletions included). */
  readonly setCookies: Array<{ name: string; line: string; url: string; at: number }> = [];
  private readonly byId = new Map<string, LoggedRequest>();
  private lastActivity = Date.now();

  /** Listens on `cdp`; null gives an empty log (a run whose browser context could not be made). */
  constructor(cdp: CDPSession | null) {
    if (!cdp) return;
    cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string; method: string }; wallTime: number; type?: string; initiator: CdpInitiator; redirectResponse?: { status: number } }) => {
      const previous = this.byId.get(e.requestId);
      if (previous && e.redirectResponse) (previous.status = e.redirectResponse.status), (previous.done = true);
      if (!/^https?:/.test(e.request.url)) return;
      const stack = stackUrls(e.initiator.stack);
      const named = e.initiator.url ?? (previous && e.redirectResponse ? previous.url : undefined);
      const initiators = stack.length ? stack : named ? [named] : [];
      const entry: LoggedRequest = { url: e.request.url, type: e.type ?? 'Other', method: e.request.method, at: e.wallTime * 1000, status: 0, initiators, done: false };
      this.requests.push(entry);
      this.byId.set(e.requestId, entry);
      this.touch();
    });
    cdp.on('Network.responseReceived', (e: { requestId: string; response: { status: number } }) => {
      const entry = this.byId.get(e.requestId);
      // Answered: some finished loads never report loadingFinished (a fetch whose body is not read).
      if (entry) (entry.status = e.response.status), (entry.done = true);
      this.touch();
    });
    cdp.on('Network.dataReceived', () => this.touch());
    cdp.on('Network.responseReceivedExtraInfo', (e: { requestId: string; headers: Record<string, string>; blockedCookies?: Array<{ cookieLine: string }> }) => {
      const entry = this.byId.get(e.requestId);
      const header = Object.entries(e.headers).find(([k]) => k.toLowerCase() === 'set-cookie')?.[1];
      if (!entry || !header) return;
      // A cookie the browser refused (third-party, SameSite, Secure rules) was never set.
      const blocked = new Set((e.blockedCookies ?? []).map((b) => b.cookieLine));
      for (const line of header.split('\n').filter((l) => !blocked.has(l))) {
        const name = line.split(';')[0].split('=')[0].trim();
        if (name) this.setCookies.push({ name, line, url: entry.url, at: Date.now() });
      }
    });
    const finish = (e: { requestId: string }) => {
      const entry = this.byId.get(e.requestId);
      if (entry) entry.done = true;
      this.touch();
    };
    cdp.on('Network.loadingFinished', finish);
    cdp.on('Network.loadingFailed', finish);
  }

  private touch(): void {
    this.lastActivity = Date.now();
  }

  /** True once no request has started or ended for `quietMs`, and none is pending (long polls aside). */
  private quiet(quietMs: number): boolean {
    return Date.now() - this.lastActivity >= quietMs && this.requests.every((r) => r.done || Date.now() - r.at > 10000);
  }

  /** Waits until the page is quiet, or `deadline` (epoch ms) passes; false when it never went quiet. */
  async settle(deadline: number, quietMs = 500): Promise<boolean> {
    while (!this.quiet(quietMs)) {
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
    return true;
  }

  /**
   * Who caused `request`, nearest first: the script or document that made it, then whatever made that, and so on
   * (no loops). `skip` passes over frames of a script in between, such as a consent banner's patched setters.
   */
  initiatorChain(request: LoggedRequest, skip: (url: string) => boolean): string[] {
    const chain: string[] = [];
    const cause = (r: LoggedRequest | undefined) => r?.initiators.find((u) => !skip(u)) ?? r?.initiators[0] ?? null;
    for (let url = cause(request); url && !chain.includes(url) && chain.length < 8; ) {
      chain.push(url);
      const u: string = url;
      url = cause(this.requests.find((r) => r.url === u));
    }
    return chain;
  }
}
