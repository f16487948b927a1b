import type { ResponseOf } from '../../api/client.ts';

/** The account's access to the affiliate platform, and its API keys (GET /api/affiliate). */
export type Access = ResponseOf<'/api/affiliate'>;
export type ApiKey = Access['keys'][number];
/** A statistics report (GET /api/affiliate/stats). */
export type Stats = ResponseOf<'/api/affiliate/stats'>;
export type Totals = Stats['totals'];
export type Day = Stats['series'][number];
export type GroupBy = NonNullable<Stats['groupBy']>;
export type Banners = ResponseOf<'/api/affiliate/banners'>;
