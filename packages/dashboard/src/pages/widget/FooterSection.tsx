import { FOOTER_HIDING_PLANS, mayHideFooter } from '@callbell/protocol';
import { Field } from '../../components/Field.tsx';
import { domId, type Editor } from './editor.ts';

const LockIcon = () => (
  <svg class="wg-lock-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
    <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" stroke-width="1.6" />
    <rect x="2.5" y="7" width="11" height="7.5" rx="1.5" fill="currentColor" />
  </svg>
);

/** The "⚡ by Callbell" footer: locked on Free, the owner's choice on a paid plan. */
export function FooterSection({ editor, plan }: { editor: Editor; plan: string | undefined }) {
  const paid = mayHideFooter(plan);
  const shown = paid ? !editor.draft.value.hideBranding : true;
  const error = editor.errorOf('hideBranding');
  return (
    <section class="card" aria-labelledby="wg-footer-title">
      <h2 id="wg-footer-title">Footer</h2>
      <p class="muted">
        The “⚡ by Callbell” link under the panel carries your referral code: when someone signs up through it, you can
        earn rewards.
      </p>
      <Field
        id={domId('hideBranding')}
        class="wg-switch-field"
        label={
          <>
            <span>Show ⚡ by Callbell</span>
            {!paid && (
              <a class="wg-lock" href="/app/plan">
                <LockIcon /> {FOOTER_HIDING_PLANS} plan hides it
              </a>
            )}
          </>
        }
        hint={
          paid
            ? shown
              ? 'Shown under the panel. Turn it off to hide it on your site.'
              : 'Hidden: visitors will not see the footer once you save.'
            : 'Always shown on the Free plan.'
        }
        error={error}
      >
        {(ids) => (
          <input
            {...ids}
            type="checkbox"
            role="switch"
            aria-checked={shown}
            class="wg-switch"
            checked={shown}
            disabled={!paid}
            onChange={(e) => editor.setHideBranding(!e.currentTarget.checked)}
          />
        )}
      </Field>
    </section>
  );
}
