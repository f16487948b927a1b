import { CopyButton } from '../../components/CopyButton.tsx';
import { QrCode } from './QrCode.tsx';
import { SHARE_TEXT, SHARE_TITLE, shareTargets } from './share.ts';

const canShare = () => typeof navigator !== 'undefined' && typeof navigator.share === 'function';

/** The referral link to copy, share or scan. */
export function ReferralCard({ link, code }: { link: string; code: string }) {
  return (
    <section class="card" aria-labelledby="rw-link">
      <h2 id="rw-link">Your referral link</h2>
      <div class="rw-link">
        <div class="rw-link-main">
          <div class="field">
            <label for="rw-link-input">Share this link</label>
            <div class="rw-copy-row">
              <input
                id="rw-link-input"
                class="mono"
                type="text"
                readOnly
                value={link}
                aria-describedby="rw-link-hint"
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton text={link} label="Copy link" />
            </div>
            <p class="hint" id="rw-link-hint">
              Your code is <strong class="mono">{code}</strong>. The “⚡ by Callbell” footer on your chat widget already
              carries it, so every visitor who clicks it counts for you too.
            </p>
          </div>
          <p class="label" id="rw-share-label">
            Share it on
          </p>
          <ul class="rw-share" aria-labelledby="rw-share-label">
            {shareTargets(link).map((t) => (
              <li key={t.name}>
                <a
                  class="btn btn-small"
                  href={t.href}
                  {...(t.external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
                >
                  {t.name}
                  {t.external && <span class="visually-hidden">{' (opens in a new tab)'}</span>}
                </a>
              </li>
            ))}
            {canShare() && (
              <li>
                <button
                  type="button"
                  class="btn btn-small"
                  onClick={() =>
                    navigator.share({ title: SHARE_TITLE, text: SHARE_TEXT, url: link }).catch(() => {
                      // Closing the share sheet rejects too: nothing to tell.
                    })
                  }
                >
                  Other apps…
                </button>
              </li>
            )}
          </ul>
        </div>
        <QrCode value={link} fileName={`callbell-referral-${code}.svg`} />
      </div>
    </section>
  );
}
