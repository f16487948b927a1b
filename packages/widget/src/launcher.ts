import type { WidgetConfig } from '@callbell/protocol';
import { CHAT_PATH, CLOSE_PATH } from './icons.ts';
import css from './launcher.css?inline';
import { adoptStyles, textOn } from './styles.ts';

/*
 * Inline !important beats any author rule, so the host page cannot pull the host element into
 * its flow (no layout shift) or give it a containing block that would break fixed positioning.
 */
const HOST_STYLE =
  'display:block!important;position:fixed!important;width:0!important;height:0!important;margin:0!important;padding:0!important;border:0!important;transform:none!important;filter:none!important;contain:none!important';

export interface Launcher {
  host: HTMLElement;
  root: ShadowRoot;
  button: HTMLButtonElement;
  /** Shows the state: the icon, `aria-expanded` and, without a label, the button's name. */
  draw(open: boolean): void;
}

/**
 * Draws the launcher in plain DOM (Preact comes later, with the panel's chunk) into a closed
 * shadow root at the end of the body: `<div class="cb right"><button class="launcher">`, the
 * markup the panel's styles expect. The panel is placed before the button.
 */
export function drawLauncher(doc: Document, config: WidgetConfig, nonce: string, onClick: () => void): Launcher {
  const { color, position, label } = config.appearance;
  const host = doc.createElement('callbell-widget');
  host.style.cssText = HOST_STYLE; // CSSOM, which a Content-Security-Policy does not restrict
  const root = host.attachShadow({ mode: 'closed' });
  adoptStyles(root, css, nonce);
  const box = root.appendChild(doc.createElement('div'));
  box.className = `cb ${position}`;
  box.style.setProperty('--cb-color', color);
  box.style.setProperty('--cb-on', textOn(color));
  const button = box.appendChild(doc.createElement('button'));
  button.className = label ? 'launcher wide' : 'launcher';
  button.setAttribute('aria-controls', 'cb-panel');
  const svg = button.appendChild(doc.createElementNS('http://www.w3.org/2000/svg', 'svg'));
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = svg.appendChild(doc.createElementNS(svg.namespaceURI, 'path'));
  if (label) button.appendChild(doc.createElement('span')).textContent = label;
  button.onclick = onClick;

  const draw = (open: boolean) => {
    button.setAttribute('aria-expanded', `${open}`);
    if (!label) button.setAttribute('aria-label', open ? 'Close chat' : 'Open chat');
    path.setAttribute('d', open ? CLOSE_PATH : CHAT_PATH);
  };
  draw(false);
  doc.body.appendChild(host);
  return { host, root, button, draw };
}
