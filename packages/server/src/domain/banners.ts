/**
 * The affiliate platform's banners: the standard display sizes as self-contained SVG images
 * the server hosts, and the paste-in HTML that links each one to its ambassador's referral
 * link with `src=banner` (and a campaign), so the statistics can tell banner clicks apart.
 * Pure: no fonts, scripts or remote resources in the images, only shapes and system text.
 */
import { escapeHtml } from './html.ts';

export interface BannerSize {
  /** `<width>x<height>`, also the image's file name. */
  id: string;
  name: string;
  width: number;
  height: number;
}

/** The IAB sizes most sites have slots for. */
export const BANNER_SIZES: readonly BannerSize[] = [
  { id: '728x90', name: 'Leaderboard', width: 728, height: 90 },
  { id: '300x250', name: 'Medium rectangle', width: 300, height: 250 },
  { id: '160x600', name: 'Wide skyscraper', width: 160, height: 600 },
  { id: '320x50', name: 'Mobile banner', width: 320, height: 50 },
];

export const bannerSize = (id: string): BannerSize | undefined => BANNER_SIZES.find((s) => s.id === id);

const BRAND = '#2563eb';
const INK = '#ffffff';
const ALT = 'Callbell: chat buttons for WhatsApp, Messenger and more on your website. Free.';

const text = (x: number, y: number, size: number, body: string, extra = '') =>
  `<text x="${x}" y="${y}" font-size="${size}"${extra}>${body}</text>`;

/** The pieces every banner has, placed for its shape. */
function layout(s: BannerSize): string {
  const { width: w, height: h } = s;
  const button = (x: number, y: number, bw: number, bh: number, size: number) =>
    `<rect x="${x}" y="${y}" width="${bw}" height="${bh}" rx="${bh / 2}" fill="${INK}"/>` +
    text(
      x + bw / 2,
      y + bh / 2 + size * 0.35,
      size,
      'Try it free',
      ` fill="${BRAND}" font-weight="700" text-anchor="middle"`,
    );
  if (h <= 90) {
    // One row: brand, tagline, button.
    const big = h >= 90;
    const size = big ? 26 : 16;
    const bw = big ? 150 : 92;
    const bh = big ? 44 : 30;
    return (
      text(big ? 24 : 12, h / 2 + size * 0.35, size, '⚡ Callbell', ' font-weight="800"') +
      (big ? text(194, h / 2 + 5, 15, 'Chat buttons for WhatsApp, Messenger &amp; more') : '') +
      button(w - bw - (big ? 24 : 10), (h - bh) / 2, bw, bh, big ? 17 : 12)
    );
  }
  // A column: brand on top, the pitch in lines, the button at the bottom.
  const narrow = w < 200;
  const lines = narrow
    ? ['Chat buttons', 'for WhatsApp,', 'Messenger,', 'Telegram', '&amp; more', 'on your site']
    : ['Chat buttons for WhatsApp,', 'Messenger, Telegram &amp; more', 'on your website'];
  const size = narrow ? 18 : 19;
  const top = narrow ? 90 : 48;
  const pitch = lines.map((l, i) => text(w / 2, top + 44 + i * (size + 8), size, l, ' text-anchor="middle"')).join('');
  const bw = w - 40;
  const bh = 46;
  // The tall format has room for a chat bubble between the pitch and the button.
  const bubble = narrow
    ? `<g transform="translate(${w / 2 - 44} 350)"><rect width="88" height="60" rx="18" fill="${INK}"/>` +
      `<path d="M18 58 L14 76 L36 58 Z" fill="${INK}"/>` +
      [26, 44, 62].map((cx) => `<circle cx="${cx}" cy="30" r="6" fill="${BRAND}"/>`).join('') +
      '</g>'
    : '';
  return (
    text(w / 2, top, narrow ? 26 : 30, '⚡ Callbell', ' font-weight="800" text-anchor="middle"') +
    pitch +
    bubble +
    (narrow ? text(w / 2, h - 110, 15, 'Free plan, no card', ' text-anchor="middle" opacity="0.85"') : '') +
    button(20, h - bh - (narrow ? 40 : 22), bw, bh, 18)
  );
}

/** The banner image: an SVG with its own size, readable by screen readers through its title. */
export function bannerSvg(s: BannerSize): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${s.width}" height="${s.height}" viewBox="0 0 ${s.width} ${s.height}" role="img" aria-labelledby="t">` +
    `<title id="t">${ALT}</title>` +
    `<rect width="100%" height="100%" rx="8" fill="${BRAND}"/>` +
    `<g fill="${INK}" font-family="system-ui,-apple-system,'Segoe UI',Roboto,sans-serif">${layout(s)}</g>` +
    '</svg>'
  );
}

const attr = escapeHtml;

/** Where a click on the banner goes: the referral redirect, marked as a banner click. */
export function bannerLink(publicOrigin: string, referralCode: string, campaign: string | null): string {
  const url = new URL(`/r/${encodeURIComponent(referralCode)}`, publicOrigin);
  url.searchParams.set('src', 'banner');
  if (campaign) url.searchParams.set('c', campaign);
  return url.href;
}

/** The paste-in HTML: the hosted image inside the referral link, sponsored as links should be. */
export function bannerHtml(imageUrl: string, linkUrl: string, s: BannerSize): string {
  return `<a href="${attr(linkUrl)}" rel="sponsored noopener" target="_blank"><img src="${attr(imageUrl)}" width="${s.width}" height="${s.height}" alt="${attr(ALT)}" loading="lazy"></a>`;
}
