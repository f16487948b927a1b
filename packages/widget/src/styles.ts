/**
 * Adds CSS to the widget's shadow root without `'unsafe-inline'`: a constructable stylesheet
 * where the browser has them, else a `<style>` carrying the script tag's nonce. The loader adds
 * the launcher's styles, the panel chunk its own later; their rules do not overlap, so their
 * order does not matter, and a `<style>` goes first so the widget's container stays the last
 * child of the root.
 */
export function adoptStyles(root: ShadowRoot, css: string, nonce: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  } catch {}
  const style = root.ownerDocument.createElement('style');
  style.nonce = nonce;
  style.textContent = css;
  root.prepend(style);
}

/**
 * Dark text on light brand colours, white on dark ones: relative luminance (WCAG) with the
 * sRGB curve taken as a 2.2 power, which decides differently only within 1 % of the threshold.
 */
export function textOn(hex: string): string {
  const channel = (i: number) => (Number.parseInt(hex.slice(i, i + 2), 16) / 255) ** 2.2;
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5) > 0.4 ? '#111827' : '#fff';
}
