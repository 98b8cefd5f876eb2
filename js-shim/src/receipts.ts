// Proof of consent (policy "receipts"): after each choice the record goes to the site's receipts server
// (`assent serve`), which stores a signed receipt and sets the consent cookie from the server. The record is
// queued before it is sent, so a post cut off by a failure or by leaving the page is sent again on the next
// page view; the server gives the same receipt for the same record, so a repeat is harmless.
import { AssentError } from './errors';
import type { ReceiptView } from './ui/preferences';

const QUEUE_KEY = 'assent:receipts:queue';
const LAST_KEY = 'assent:receipt';
const QUEUE_MAX = 20; // records, oldest dropped: only the latest choices matter as proof

export interface StoredReceipt {
  id: string;
  receipt: string;
  record: string;
  /** Where anyone can get the public key to verify it (/assent/receipts/key beside the consent URL). */
  key: string;
}

function read<T>(key: string, fallback: T): T {
  try {
    const v = localStorage.getItem(key);
    return v ? (JSON.parse(v) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage blocked: the post still goes out once */
  }
}

/** The receipt of the latest choice, once the server confirmed it. */
export function lastReceipt(): StoredReceipt | null {
  const r = read<StoredReceipt | null>(LAST_KEY, null);
  return r && typeof r.id === 'string' && typeof r.receipt === 'string' ? r : null;
}

/** Whether a record is still waiting for the server. */
export function receiptPending(record: string | null): boolean {
  return !!record && read<string[]>(QUEUE_KEY, []).includes(record);
}

export class ReceiptSender {
  private sending: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly report: (e: AssentError) => void,
  ) {}

  /** Queues the record of a choice and sends the queue. */
  send(record: string): Promise<void> {
    const queue = read<string[]>(QUEUE_KEY, []).filter((r) => r !== record);
    queue.push(record);
    write(QUEUE_KEY, queue.slice(-QUEUE_MAX));
    return this.flush([record]);
  }

  /** Sends whatever earlier pages left queued (a failed post, or one cut off by navigation). */
  flush(only?: string[]): Promise<void> {
    const run = async () => {
      for (const record of only ?? read<string[]>(QUEUE_KEY, [])) await this.post(record);
    };
    // One flush at a time, each after the one before: a record is never posted twice at once.
    this.sending = (this.sending ?? Promise.resolve()).then(run, run);
    return this.sending;
  }

  private async post(record: string): Promise<void> {
    const url = new URL(this.url, location.href);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        keepalive: true, // survives the page being left or reloaded right after the choice
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ record, url: location.origin + location.pathname }),
      });
    } catch {
      return; // offline or unreachable: stays queued for the next page view
    }
    if (res.status >= 500 || res.status === 429 || res.status === 408) return; // try again next time
    this.dequeue(record);
    if (!res.ok) {
      const detail = await res.json().catch(() => null);
      const why = detail?.error?.message || `HTTP ${res.status}`;
      this.report(new AssentError('receipt-refused', `Assent: the receipts server at ${url.pathname} refused the choice: ${why}.`));
      return;
    }
    const body = (await res.json().catch(() => null)) as { id?: unknown; receipt?: unknown } | null;
    if (typeof body?.id !== 'string' || typeof body.receipt !== 'string') return;
    write(LAST_KEY, { id: body.id, receipt: body.receipt, record, key: new URL('./receipts/key', url).href } satisfies StoredReceipt);
  }

  private dequeue(record: string): void {
    write(QUEUE_KEY, read<string[]>(QUEUE_KEY, []).filter((r) => r !== record));
  }
}

/** Offers the receipt as a file: the token, the record and where the public key is. */
export function downloadReceipt(r: StoredReceipt): void {
  const blob = new Blob([JSON.stringify(r, null, 2) + '\n'], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `consent-receipt-${r.id}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** What the preferences dialog shows of the current record's receipt. */
export function receiptView(record: string | null): ReceiptView {
  if (!record) return null;
  if (receiptPending(record)) return { pending: true };
  const r = lastReceipt();
  return r && r.record === record ? { id: r.id, download: () => downloadReceipt(r) } : null;
}
