/**
 * Puts the widget's CSS into its shadow root without `'unsafe-inline'`: a constructable
 * stylesheet where the browser has them, else a `<style>` carrying the script tag's nonce.
 */
export function adoptStyles(root: ShadowRoot, css: string, nonce: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  } catch {}
  const style = root.ownerDocument.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  root.appendChild(style);
}

/** Dark text on light brand colours, white on dark ones (WCAG relative luminance). */
export function textOn(hex: string): string {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const lum = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return lum > 0.4 ? '#111827' : '#ffffff';
}
