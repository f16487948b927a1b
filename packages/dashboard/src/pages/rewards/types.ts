import type { ResponseOf } from '../../api/client.ts';

/** What the Rewards page reads, in the server's own types. */
export type Summary = ResponseOf<'/api/rewards'>;
export type Terms = Summary['terms'];
export type Balances = Summary['balances'];
export type Payout = Summary['payouts'][number];
export type Entry = ResponseOf<'/api/rewards/entries'>['entries'][number];
export type Referee = ResponseOf<'/api/rewards/referrals'>['referees'][number];
