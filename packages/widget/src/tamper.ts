/**
 * True when the footer the config requires has been removed or hidden by the host page.
 * The host page cannot style into a closed shadow root, so this catches scripts that captured
 * the root (by patching attachShadow) and edited it. The size check only runs while the panel
 * is open, because a closed panel legitimately has no size. A footer whose link was rewritten
 * counts too. A host element taken off the page is not counted: then the whole widget is
 * gone, footer and all.
 */
export function footerTampered(host: HTMLElement, root: ShadowRoot, href: string, panelOpen: boolean): boolean {
  if (!host.isConnected) return false;
  const footer = root.querySelector<HTMLElement>('[data-cb-branding]');
  if (!footer?.isConnected || footer.getAttribute('href') !== href) return true;
  const style = root.ownerDocument.defaultView?.getComputedStyle(footer);
  if (style && (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0')) return true;
  if (!panelOpen) return false;
  const rect = footer.getBoundingClientRect();
  return rect.width < 1 || rect.height < 1;
}
