import { isWidgetId } from '@callbell/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DEMO_FREE_WIDGET, DEMO_PAID_WIDGET } from '../demo-accounts.ts';
import { escapeHtml } from '../domain/html.ts';

interface Site {
  name: string;
  tagline: string;
  widgetId: string;
  plan: string;
  colours: { bg: string; band: string; ink: string; accent: string };
  sections: [string, string][];
}

/** Two small businesses, each running a demo widget: one on Free (footer), one on Pro (none). */
const SITES: Record<string, Site> = {
  bakery: {
    name: 'Acme Bakery',
    tagline: 'Sourdough, baked every morning since 1987.',
    widgetId: DEMO_FREE_WIDGET,
    plan: 'the Free plan: its chat shows “⚡ by Callbell”, carrying its owner’s referral code',
    colours: { bg: '#faf7f2', band: '#e9dccb', ink: '#2d2a26', accent: '#8a4b16' },
    sections: [
      [
        'Order for pick-up',
        'Questions about an order, allergies or a birthday cake? Use the chat button in the corner.',
      ],
      ['Opening hours', 'Monday to Saturday, 7:00 to 19:00. Sunday mornings, 8:00 to 13:00.'],
    ],
  },
  studio: {
    name: 'Studio Nord',
    tagline: 'Brand and web design for independent shops.',
    widgetId: DEMO_PAID_WIDGET,
    plan: 'the Pro plan, whose owner hid the footer',
    colours: { bg: '#f4f6fb', band: '#1f2a44', ink: '#1f2430', accent: '#3b5bdb' },
    sections: [
      ['Start a project', 'Tell us about your shop on WhatsApp: we answer within the hour on working days.'],
      ['Recent work', 'A new identity for a Lisbon bakery, a shop for a Ghent florist, menus for three cafés.'],
    ],
  },
};

/**
 * The demo's sites (CALLBELL_DEMO only): /sites/bakery runs the Free ambassador's widget with its
 * footer, /sites/studio the paid widget without. `/sites/<site>/wdg_…` (or `?widget=wdg_…`) runs any widget on a site
 * instead, so a newcomer can try the widget they just made as a visitor would meet it.
 */
export default async function demoSiteRoutes(app: FastifyInstance) {
  if (!app.config.demo) return;
  const show = (reply: FastifyReply, name: string, asked: string | undefined) => {
    const site = Object.hasOwn(SITES, name) ? SITES[name] : undefined;
    if (!site) return reply.redirect('/sites/bakery');
    const widgetId = asked && isWidgetId(asked) ? asked : site.widgetId;
    return reply
      .type('text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'",
      )
      .header('cache-control', 'no-store')
      .send(page(site, widgetId, widgetId !== site.widgetId));
  };
  app.get<{ Params: { site: string }; Querystring: { widget?: string } }>(
    '/sites/:site',
    { schema: { hide: true } },
    async (req, reply) => show(reply, req.params.site, req.query.widget),
  );
  // The widget in the path, as a real site's own page would be: the install check, which
  // fetches the paths pings name (never their query), then finds that widget's snippet there.
  app.get<{ Params: { site: string; widget: string } }>(
    '/sites/:site/:widget',
    { schema: { hide: true } },
    async (req, reply) => show(reply, req.params.site, req.params.widget),
  );
}

function page(site: Site, widgetId: string, own: boolean): string {
  const { bg, band, ink, accent } = site.colours;
  const e = escapeHtml;
  const light = band === '#1f2a44';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(site.name)}: a demo site with the Callbell widget</title>
<style>
body{margin:0;font:17px/1.6 Georgia,'Times New Roman',serif;color:${ink};background:${bg}}
.demo-bar{display:flex;flex-wrap:wrap;gap:6px 16px;align-items:center;padding:10px 16px;background:#111827;color:#f9fafb;font:15px/1.4 system-ui,sans-serif}
.demo-bar a{color:#93c5fd}
header{padding:56px 24px;background:${band};color:${light ? '#f9fafb' : ink}}
header div,main{max-width:720px;margin:0 auto}
h1{margin:0;font-size:2.4rem;line-height:1.2}
main{padding:24px}
h2{color:${accent}}
</style></head><body>
<nav class="demo-bar" aria-label="Callbell demo">
<span>A demo site on ${e(site.plan)}.${own ? ` Running widget <code>${e(widgetId)}</code>.` : ''}</span>
<a href="/app/">Open the dashboard</a>
<a href="/sites/${site.widgetId === DEMO_FREE_WIDGET ? 'studio' : 'bakery'}">See the other demo site</a>
</nav>
<header><div><h1>${e(site.name)}</h1><p>${e(site.tagline)}</p></div></header>
<main>
${site.sections.map(([h, p]) => `<h2>${e(h)}</h2>\n<p>${e(p)}</p>`).join('\n')}
</main>
<script src="/widget.js" data-widget-id="${e(widgetId)}" async></script>
</body></html>`;
}
