import type { ComponentChildren } from 'preact';
import { count, date, dateTime, PLAN_NAME, plural, relative } from '../../format.ts';
import { When } from './parts.tsx';
import { type FlaggedReferral, SOURCE } from './words.ts';

/** One fact of the evidence; `risk` marks what points to a second account of the referrer (⚠, and in words). */
function Clue({ risk, children }: { risk?: boolean; children: ComponentChildren }) {
  return (
    <li class={risk ? 'admin-risk' : undefined}>
      {risk && <span class="visually-hidden">Warning: </span>}
      {children}
    </li>
  );
}

/** What the platform knows about the referral, in sentences. */
export function Evidence({ referral: r }: { referral: FlaggedReferral }) {
  const e = r.evidence;
  const { click } = e;
  const { install } = e.referee;
  return (
    <ul class="admin-evidence">
      <Clue risk={e.referrerSameAddress === true}>
        {e.referrerSameAddress === null
          ? 'The referrer’s sign-up address is not on record, so it cannot be compared.'
          : e.referrerSameAddress
            ? 'Signed up from the same address as the referrer’s own sign-up.'
            : 'Signed up from another address than the referrer’s own sign-up.'}
      </Clue>
      <Clue risk={e.clickFromRefereeAddress === true && e.referrerSameAddress === true}>
        {click ? (
          <>
            Came through {SOURCE[r.source]} <When at={click.at} />
            {click.referringHost && <>, from a page on {click.referringHost}</>}
            {click.campaign && <>, campaign “{click.campaign}”</>}.
            {e.clickFromRefereeAddress === true && ' The click came from the address the account then signed up from.'}
            {e.clickFromRefereeAddress === false && ' The click came from another address than the sign-up.'}
          </>
        ) : (
          'No click on record: the referral code came in the sign-up link itself.'
        )}
      </Clue>
      <Clue risk={e.otherRefereesSameAddress > 0}>
        {e.otherRefereesSameAddress
          ? `${plural(e.otherRefereesSameAddress, 'other account')} this referrer brought signed up from the same address.`
          : 'No other account this referrer brought signed up from this address.'}
      </Clue>
      <Clue risk={e.referrer.rejected > 0}>
        The referrer has {plural(e.referrer.referrals, 'referral')} in all: {count(e.referrer.flagged)} waiting for
        review, {count(e.referrer.rejected)} rejected.
      </Clue>
      <Clue>
        The referred account is on the {PLAN_NAME[e.referee.plan]} plan.{' '}
        {install ? (
          <>
            Its widget counts as installed on {install.origin ?? 'a public site'} since {date(install.qualifiedAt)},
            with visitors from {plural(install.networks, 'network')}
            {install.lastPublicPingAt ? `; last seen ${relative(install.lastPublicPingAt)}` : ''}.
          </>
        ) : (
          'It has not installed a widget yet.'
        )}
      </Clue>
      {install?.check && <CheckClue check={install.check} />}
    </ul>
  );
}

type Check = NonNullable<NonNullable<FlaggedReferral['evidence']['referee']['install']>['check']>;

/** What the check of the installed page found: the snippet there, not yet, or never. */
function CheckClue({ check }: { check: Check }) {
  const page = check.url ?? 'its page';
  const when = check.checkedAt ? ` (last tried ${dateTime(check.checkedAt)})` : '';
  if (check.state === 'found') return <Clue>Its page {page} was found carrying the snippet.</Clue>;
  if (check.state === 'checking') {
    return (
      <Clue>
        {check.attempts
          ? `The snippet was not found on ${page} yet: ${check.detail ?? 'no answer'}${when}; the page is tried again.`
          : 'Its page has not been checked for the snippet yet.'}
      </Clue>
    );
  }
  return (
    <Clue risk>
      The snippet was never found on {page}, after {plural(check.attempts, 'try', 'tries')}:{' '}
      {check.detail ?? 'no answer'}
      {when}.
    </Clue>
  );
}
