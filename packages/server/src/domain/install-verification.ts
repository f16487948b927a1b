/**
 * The install check: once a widget qualifies on an origin, the platform fetches the pages its
 * pings named and looks for the widget's snippet, a few times over some hours. Pings are the
 * client's word (anyone can send them with curl); a public page carrying the snippet is the
 * site's. Pure: the fetching is page-fetch.ts's, the scheduling plugins/install-checks.ts's.
 */

export const CHECK_STATES = ['checking', 'found', 'not_found'] as const;
export type CheckState = (typeof CHECK_STATES)[number];

/** What one try came to: `found`, or why not (page-fetch.ts names the fetch failures). */
export const CHECK_OUTCOMES = [
  'found',
  'no_snippet',
  'http_status',
  'not_public',
  'not_http',
  'bad_url',
  'dns',
  'connect',
  'timeout',
  'too_large',
  'too_many_redirects',
  'no_page',
] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/** The waits after each failed try; once they are used up, the check ends `not_found`. */
export const CHECK_RETRY_DELAYS_MS = [15 * 60_000, 2 * 3_600_000, 8 * 3_600_000] as const;

/** How many pages one try fetches at most: the ones pings named most recently, then the home page. */
export const CHECK_PAGES_PER_TRY = 3;

/**
 * When to try again after the `attempts`-th try failed (1 for the first), or null when that
 * was the last: four tries over about ten hours.
 */
export function retryAt(attempts: number, now: Date): Date | null {
  const wait = CHECK_RETRY_DELAYS_MS[attempts - 1];
  return wait === undefined ? null : new Date(now.getTime() + wait);
}

/**
 * Whether a page carries the widget: its snippet (a script tag whose data-widget-id is the
 * widget's), or else the widget's id anywhere (a tag manager or a single-page app that loads
 * the script itself). Null when neither is there.
 */
export function snippetIn(html: string, widgetId: string): 'snippet' | 'widget_id' | null {
  if (!widgetId || !html.includes(widgetId)) return null;
  const id = widgetId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const tag = new RegExp(`<script\\b[^>]*\\bdata-widget-id\\s*=\\s*(["']?)${id}\\1[\\s>/]`, 'i');
  return tag.test(html) ? 'snippet' : 'widget_id';
}

/** The pages to fetch: those the pings named (most recent first), then the origin's home page. */
export function pagesToCheck(origin: string, paths: readonly string[]): string[] {
  let home: string;
  try {
    home = new URL(origin).origin;
  } catch {
    return [];
  }
  const urls: string[] = [];
  for (const path of [...paths, '/']) {
    let url: URL;
    try {
      // Joined as text: resolved against the origin, a path such as `//other.host/` would leave it.
      url = new URL(`${origin}${path.startsWith('/') ? path : `/${path}`}`);
    } catch {
      continue;
    }
    if (url.origin !== home) continue;
    if (!urls.includes(url.href)) urls.push(url.href);
    if (urls.length >= CHECK_PAGES_PER_TRY) break;
  }
  return urls;
}

/** A check as the owner and the operator read it. */
export interface InstallCheck {
  origin: string;
  state: CheckState;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  checkedUrl: string | null;
  outcome: CheckOutcome | null;
  detail: string | null;
  foundUrl: string | null;
  foundAt: Date | null;
}

export interface VerificationExplanation {
  state: CheckState | 'not_checked';
  /** One sentence: what the check found. */
  explanation: string;
  /** What the owner can do; null when nothing is needed. */
  nextStep: string | null;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const at = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Explains a widget's install check to its owner; `qualified` says whether one is due at all. */
export function explainVerification(check: InstallCheck | null, qualified: boolean): VerificationExplanation {
  if (!check) {
    return {
      state: 'not_checked',
      explanation: qualified
        ? 'Your page has not been checked for the snippet yet'
        : 'Once the widget counts as installed, its page is checked for the snippet',
      nextStep: null,
    };
  }
  const what = check.detail ? `: ${check.detail}` : '';
  if (check.state === 'found') {
    const where = check.foundUrl ?? check.origin;
    return {
      state: 'found',
      explanation: `The snippet was found on ${where}${check.foundAt ? ` on ${day(check.foundAt)}` : ''}`,
      nextStep: null,
    };
  }
  const page = check.checkedUrl ?? check.origin;
  const keep = 'Keep the snippet on a public page of that site (not behind a log-in)';
  if (check.state === 'checking') {
    if (!check.attempts) {
      return {
        state: 'checking',
        explanation: `Your page on ${check.origin} will be checked for the snippet shortly`,
        nextStep: null,
      };
    }
    const next = check.nextAttemptAt ? `; it is tried again after ${at(check.nextAttemptAt)}` : '';
    return {
      state: 'checking',
      explanation: `The snippet was not found on ${page} yet${what}${next}`,
      nextStep: keep,
    };
  }
  return {
    state: 'not_found',
    explanation: `The snippet was not found on ${page} after ${check.attempts} tries${what}`,
    nextStep: `${keep}; a referral it earns waits for the operator's review`,
  };
}
