import type { EntryKind } from './ledger.ts';

/** How the Rewards page puts people and ledger entries into words. Pure. */

/** `anna@example.com` → `an***@example.com`: enough to recognise a referee, not to write to one. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return '***';
  const local = email.slice(0, at);
  return `${local.slice(0, local.length > 2 ? 2 : 1)}***${email.slice(at)}`;
}

const percent = (bps: number) => `${(bps / 100).toLocaleString('en', { maximumFractionDigits: 2 })} %`;

/** An entry in words, for entries written without a reason (earnings carry none). */
export function describeEntry(e: {
  kind: EntryKind;
  reason: string | null;
  invoiceId: string | null;
  referee: string | null;
  commissionRateBps: number | null;
}): string {
  if (e.reason) return e.reason;
  const who = e.referee ?? 'a referred account';
  switch (e.kind) {
    case 'install_bounty':
      return `Install bounty: ${who} installed the widget`;
    case 'commission':
      return `${e.commissionRateBps === null ? 'Commission' : percent(e.commissionRateBps)} of invoice ${e.invoiceId ?? '(unknown)'} paid by ${who}`;
    case 'reversal':
      return 'Reversed during the hold';
    case 'clawback':
      return 'Taken back after the hold';
    case 'reinstatement':
      return `Given back: a dispute on invoice ${e.invoiceId ?? '(unknown)'} was won`;
  }
}
