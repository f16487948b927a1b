import { CAMPAIGN_MAX_LENGTH, isCampaign } from '@callbell/protocol';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { TextField } from '../../components/Field.tsx';
import { count } from '../../format.ts';
import { RangeAsync, useKeyedResource } from './parts.tsx';

const CAMPAIGN_RULE = `Use up to ${CAMPAIGN_MAX_LENGTH} letters, digits, dots (.), dashes (-) or underscores (_), without spaces`;

/** How long typing must pause before the code is asked for again. */
export const TYPING_PAUSE_MS = 250;

/**
 * The banners in their four sizes, each with a preview and the code to paste, linked to the
 * ambassador's referral link with the campaign typed here (the server writes the code).
 */
export function Banners() {
  const [campaign, setCampaign] = useState('');
  const [asked, setAsked] = useState('');
  const typed = campaign.trim();
  const valid = typed === '' || isCampaign(typed);

  useEffect(() => {
    if (!valid) return;
    const t = setTimeout(() => setAsked(typed), TYPING_PAUSE_MS);
    return () => clearTimeout(t);
  }, [typed, valid]);

  const banners = useKeyedResource(asked, (signal) =>
    api.get('/api/affiliate/banners', { query: asked ? { campaign: asked } : {}, signal }),
  );
  const refusal = banners.error.value?.status === 400 ? banners.error.value.message : null;
  const current = banners.data.value;
  // The code on screen is for what is typed only once the server has answered for it.
  const upToDate = valid && current !== undefined && (current.campaign ?? '') === typed && !banners.loading.value;

  return (
    <section class="card" aria-labelledby="af-banners">
      <h2 id="af-banners">Banners</h2>
      <p class="muted">
        Put a banner on your site or newsletter: each one links to your referral link, and its clicks count as banner
        clicks in your statistics, under the campaign you name here.
      </p>
      <TextField
        label="Campaign (optional)"
        hint="A name to tell this placement apart in your statistics, like spring-newsletter. Letters, digits, dots, dashes and underscores."
        value={campaign}
        onValue={setCampaign}
        error={valid ? refusal : CAMPAIGN_RULE}
        maxLength={CAMPAIGN_MAX_LENGTH}
        autoComplete="off"
        spellcheck={false}
        class="af-campaign"
      />
      <RangeAsync resource={banners} label="Loading the banners…" refused="Fix the campaign name to see the banners.">
        {(data) => (
          <div class="af-banners">
            {data.banners.map((b) => (
              <article key={b.id} class="af-banner" aria-labelledby={`af-banner-${b.id}`}>
                <h3 id={`af-banner-${b.id}`}>
                  {b.name}{' '}
                  <span class="muted af-size">
                    {count(b.width)} × {count(b.height)}
                  </span>
                </h3>
                <div class="af-banner-body">
                  <div class="af-banner-preview">
                    <img
                      src={b.imageUrl}
                      width={b.width}
                      height={b.height}
                      alt={`Preview of the ${b.width} × ${b.height} banner: Callbell, chat buttons for your website, with a “Try it free” button`}
                      loading="lazy"
                    />
                  </div>
                  <div class="af-banner-code">
                    {valid ? (
                      <>
                        <code class={`code-block${upToDate ? '' : ' af-stale'}`}>{b.html}</code>
                        {upToDate ? (
                          <CopyButton text={b.html} label="Copy code" class="btn-small" />
                        ) : (
                          <p class="hint">Updating the code for this campaign…</p>
                        )}
                      </>
                    ) : (
                      <p class="hint">Fix the campaign name above to get this banner's code.</p>
                    )}
                  </div>
                </div>
              </article>
            ))}
          </div>
        )}
      </RangeAsync>
    </section>
  );
}
