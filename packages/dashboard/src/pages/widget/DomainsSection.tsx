import { MAX_ALLOWED_DOMAINS } from '@callbell/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Field } from '../../components/Field.tsx';
import { domainProblem, tidyDomain } from './draft.ts';
import { domId, type Editor } from './editor.ts';

const INPUT_ID = 'wg-domain-new';

/** The sites whose visits count; the server normalises each entry when it saves. */
export function DomainsSection({ editor }: { editor: Editor }) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const domains = editor.draft.value.allowedDomains;
  const full = domains.length >= MAX_ALLOWED_DOMAINS;
  const listError = editor.errorOf('allowedDomains');
  // A removed row takes its focused "Remove" with it: the focus goes to the input instead, once
  // the row is gone (a full list disables the input until then).
  const removed = useRef<string | null>(null);
  useEffect(() => {
    if (removed.current === null || domains.includes(removed.current)) return;
    removed.current = null;
    document.getElementById(INPUT_ID)?.focus();
  });

  const add = () => {
    const host = tidyDomain(typed);
    const problem = domainProblem(host);
    if (problem) return setError(problem);
    if (domains.includes(host)) return setError(`${host} is already in the list`);
    editor.addDomain(host);
    setTyped('');
    setError(null);
    setSaid(`${host} added`);
  };

  return (
    <section class="card" aria-labelledby="wg-domains-title">
      <h2 id="wg-domains-title">Allowed domains</h2>
      <p class="muted">
        Visits count toward your installation only from these sites, so a copy of your snippet elsewhere changes
        nothing. <strong>Leave the list empty to count visits from any site.</strong>
      </p>
      {listError && (
        <p class="field-error" id={domId('allowedDomains')} tabIndex={-1}>
          {listError}
        </p>
      )}
      {domains.length ? (
        <ul class="wg-domains">
          {domains.map((host) => {
            const id = `domain:${host}`;
            const rowError = editor.errorOf(id);
            return (
              <li key={host} id={domId(id)} tabIndex={-1}>
                <div class="wg-domain">
                  <span class="mono">{host}</span>
                  <button
                    type="button"
                    class="btn btn-small btn-ghost wg-remove"
                    aria-label={`Remove ${host}`}
                    onClick={() => {
                      removed.current = host;
                      editor.removeDomain(host);
                      setSaid(`${host} removed`);
                    }}
                  >
                    Remove
                  </button>
                </div>
                {rowError && <p class="field-error">{rowError}</p>}
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="wg-anywhere">
          <span class="badge badge-info">Any site</span> Visits from every site count.
        </p>
      )}
      <Field
        id={INPUT_ID}
        label="Add a domain"
        hint={
          full
            ? `You have the maximum of ${MAX_ALLOWED_DOMAINS} domains.`
            : 'e.g. shop.example.com, or *.example.com for all of its subdomains'
        }
        error={error}
      >
        {(ids) => (
          <div class="wg-domain-add">
            <input
              {...ids}
              type="text"
              inputMode="url"
              autocomplete="off"
              spellcheck={false}
              maxLength={300}
              disabled={full}
              value={typed}
              onInput={(e) => {
                setTyped(e.currentTarget.value);
                setError(null);
              }}
              onKeyDown={(e) => {
                // Enter adds the domain here instead of saving the whole form.
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
            />
            <button type="button" class="btn btn-secondary" disabled={full} onClick={add}>
              Add
            </button>
          </div>
        )}
      </Field>
      <p class="visually-hidden" aria-live="polite">
        {said}
      </p>
    </section>
  );
}
