import { type LoadPanel, PANEL_EVENT, type PanelModule } from './panel-api.ts';

/**
 * Loads the panel chunk with a `<script>` element carrying the loader's nonce, so a page with a
 * strict Content-Security-Policy (`script-src 'nonce-…'`) runs it as it ran the loader; no eval,
 * no inline script. The chunk hands its module over by an event on that element, which is
 * removed once it has run. Rejects when the script fails to load or hands nothing over.
 */
export const loadPanelScript: LoadPanel = (doc, src, nonce) =>
  new Promise<PanelModule>((resolve, reject) => {
    const script = doc.createElement('script');
    script.addEventListener(PANEL_EVENT, (e) => resolve((e as CustomEvent<PanelModule>).detail));
    script.onload = script.onerror = () => {
      script.remove();
      reject(new Error(src));
    };
    script.nonce = nonce;
    script.src = src;
    doc.head.appendChild(script);
  });
