/** Where an ambassador can share its link: each a URL that opens the service with the link filled in. */

export interface ShareTarget {
  name: string;
  href: string;
  /** A web page (opened in a new tab), or the visitor's mail program. */
  external: boolean;
}

export const SHARE_TITLE = 'Free chat buttons for your website';
export const SHARE_TEXT =
  'I use Callbell to let visitors reach me on WhatsApp, Messenger and more, straight from my website. It’s free to start:';

/** The share links for `link`, every part encoded. */
export function shareTargets(link: string): ShareTarget[] {
  const e = encodeURIComponent;
  return [
    {
      name: 'E-mail',
      href: `mailto:?subject=${e(SHARE_TITLE)}&body=${e(`${SHARE_TEXT}\n\n${link}`)}`,
      external: false,
    },
    { name: 'WhatsApp', href: `https://wa.me/?text=${e(`${SHARE_TEXT} ${link}`)}`, external: true },
    { name: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${e(link)}`, external: true },
    { name: 'X', href: `https://x.com/intent/post?text=${e(SHARE_TEXT)}&url=${e(link)}`, external: true },
  ];
}
