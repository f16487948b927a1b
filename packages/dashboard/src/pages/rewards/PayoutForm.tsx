import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../../api/client.ts';
import { Alert } from '../../components/Alert.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { TextField } from '../../components/Field.tsx';
import { euros } from '../../format.ts';
import { messageOf } from '../../state/resource.ts';
import { checkPayout, fieldProblem, type PayoutField, type PayoutMethod, type PayoutRequest } from './payout-check.ts';
import type { Payout } from './types.ts';

type Errors = Partial<Record<PayoutField, string>>;

const ORDER: PayoutField[] = ['method', 'email', 'iban', 'holderName'];
const FIELD_OF_CODE: Record<string, PayoutField> = {
  invalid_email: 'email',
  invalid_iban: 'iban',
  invalid_holder_name: 'holderName',
};
const idOf = (field: PayoutField) => (field === 'method' ? 'rw-method-paypal' : `rw-${field}`);

/** What the confirmation shows, and so what is sent: the details and the amount confirmed. */
type Confirming = PayoutRequest & { amountCents: number };

/**
 * The payout request: how to be paid, checked here first, then a confirmation showing the
 * amount and where it goes, and only then the request, which carries the amount confirmed so
 * that the server pays that or nothing. The server checks again; its refusals land on the
 * field they concern, or above the form. A conflict (the amount changed, the balance fell
 * under the minimum, a payout already open) also goes to `onRefused`, which loads the
 * balance again so the page shows what the server knows. An address not confirmed yet (403
 * email_unverified) goes to `onUnconfirmed`: the page puts the way to confirm it in the form's place.
 */
export function PayoutForm({
  availableCents,
  onRequested,
  onRefused,
  onUnconfirmed,
}: {
  availableCents: number;
  onRequested: (payout: Payout) => void;
  onRefused: (message: string) => void;
  onUnconfirmed: (message: string) => void;
}) {
  const [method, setMethod] = useState<PayoutMethod | null>(null);
  const [values, setValues] = useState({ email: '', iban: '', holderName: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [sending, setSending] = useState(false);
  const [focus, setFocus] = useState<{ field: PayoutField } | null>(null);

  useEffect(() => {
    if (focus) document.getElementById(idOf(focus.field))?.focus();
  }, [focus]);

  const showErrors = (next: Errors) => {
    setErrors(next);
    const first = ORDER.find((f) => next[f]);
    if (first) setFocus({ field: first });
  };

  const edit = (field: Exclude<PayoutField, 'method'>) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: fieldProblem(field, value) }));
  };

  const review = (e: Event) => {
    e.preventDefault();
    setFormError(null);
    const checked = checkPayout({ method, ...values });
    if ('errors' in checked) return showErrors(checked.errors);
    setErrors({});
    setConfirming({ ...checked, amountCents: availableCents });
  };

  const send = async () => {
    if (!confirming) return;
    setSending(true);
    try {
      const payout = await api.post('/api/payouts', {
        body: { ...confirming.body, expectedAmountCents: confirming.amountCents },
      });
      setConfirming(null);
      onRequested(payout);
    } catch (err) {
      setConfirming(null);
      if (err instanceof ApiError && err.code === 'email_unverified') return onUnconfirmed(err.message);
      const field = err instanceof ApiError && err.status === 400 ? FIELD_OF_CODE[err.code] : undefined;
      if (field) showErrors({ [field]: messageOf(err) });
      else setFormError(messageOf(err));
      if (err instanceof ApiError && err.status === 409) onRefused(err.message);
    } finally {
      setSending(false);
    }
  };

  const methodError = errors.method;
  // The dialog stands outside the card: `.card > :last-child` would zero its bottom margin and
  // pin it to the bottom of the screen instead of the middle.
  return (
    <>
      <section class="card" aria-labelledby="rw-request">
        <h2 id="rw-request">Request a payout</h2>
        <p>
          You can ask for your whole available balance, <strong>{euros(availableCents)}</strong>, now.
        </p>
        {formError && <Alert kind="error">{formError}</Alert>}
        <form class="rw-payout-form" onSubmit={review} noValidate>
          <fieldset aria-describedby={methodError ? 'rw-method-error' : undefined}>
            <legend>How do you want to be paid?</legend>
            {(
              [
                ['paypal', 'PayPal'],
                ['bank_transfer', 'Bank transfer (SEPA, with an IBAN)'],
              ] as const
            ).map(([value, label]) => (
              <label class="check rw-radio" key={value}>
                <input
                  type="radio"
                  name="rw-method"
                  id={`rw-method-${value}`}
                  value={value}
                  checked={method === value}
                  aria-invalid={methodError ? true : undefined}
                  onChange={() => {
                    setMethod(value);
                    setErrors({});
                  }}
                />
                {label}
              </label>
            ))}
            {methodError && (
              <p class="field-error" id="rw-method-error">
                {methodError}
              </p>
            )}
          </fieldset>
          {method === 'paypal' && (
            <TextField
              id="rw-email"
              label="PayPal e-mail address"
              hint="The address you log in to PayPal with."
              type="email"
              autocomplete="email"
              value={values.email}
              onValue={edit('email')}
              error={errors.email}
            />
          )}
          {method === 'bank_transfer' && (
            <>
              <TextField
                id="rw-iban"
                class="rw-iban"
                label="IBAN"
                hint="Spaces are fine, e.g. DE89 3704 0044 0532 0130 00."
                autocomplete="off"
                autocapitalize="characters"
                spellcheck={false}
                value={values.iban}
                onValue={edit('iban')}
                error={errors.iban}
              />
              <TextField
                id="rw-holderName"
                label="Account holder’s name"
                hint="As your bank has it: your name, or your company’s."
                autocomplete="name"
                value={values.holderName}
                onValue={edit('holderName')}
                error={errors.holderName}
              />
            </>
          )}
          <button type="submit" class="btn btn-primary">
            Review payout
          </button>
        </form>
      </section>
      <Dialog open={confirming !== null} title="Confirm your payout" onClose={() => !sending && setConfirming(null)}>
        {confirming && (
          <>
            <dl class="rw-confirm">
              <dt>Amount</dt>
              <dd class="rw-confirm-amount">{euros(confirming.amountCents)}</dd>
              <dt>Paid to</dt>
              <dd>{confirming.destination}</dd>
            </dl>
            <p class="hint">
              This is your whole available balance. We check each request before the money is sent; you can follow it in
              your payout history.
            </p>
            <div class="row">
              <button type="button" class="btn btn-primary" onClick={send} disabled={sending}>
                {sending ? 'Sending request…' : `Request ${euros(confirming.amountCents)}`}
              </button>
              <button type="button" class="btn btn-secondary" onClick={() => setConfirming(null)} disabled={sending}>
                Go back
              </button>
            </div>
          </>
        )}
      </Dialog>
    </>
  );
}
