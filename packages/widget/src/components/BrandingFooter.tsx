import type { Branding } from '@callbell/protocol';

/**
 * The referral footer. It is rendered only when the server says so; `href` is the owner's
 * tracked referral link. `rel="noopener"` without `noreferrer`, so the redirect can record
 * which site the click came from.
 */
export function BrandingFooter({ branding }: { branding: Branding }) {
  return (
    <a class="brand" href={branding.href} target="_blank" rel="noopener" data-cb-branding="">
      {branding.label}
    </a>
  );
}
