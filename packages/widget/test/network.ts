import type { Ping } from '@callbell/protocol';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import fixtures from '../../../demo/fixtures/widgets.json' with { type: 'json' };

/** The origin the widget script is loaded from in component tests. */
export const ORIGIN = 'https://cdn.callbell.test';

export const DEMO_ID = 'wdg_demo0000000001';
export const PAID_ID = 'wdg_paidplan00000001';

type Configs = Record<string, unknown>;
const withOrigin = (configs: Configs): Configs => JSON.parse(JSON.stringify(configs).replaceAll('{{ORIGIN}}', ORIGIN));

/** Configs the mocked server knows; tests may add or replace entries. */
export let configs: Configs = withOrigin(fixtures);

/** Pings the mocked server received, with the content type they came with. */
export const received: { contentType: string | null; body: Ping }[] = [];

export const server = setupServer(
  http.get(`${ORIGIN}/v1/widgets/:id/config`, ({ params }) => {
    const config = configs[String(params.id)];
    return config
      ? HttpResponse.json(config)
      : HttpResponse.json({ error: 'not_found', message: 'No such widget' }, { status: 404 });
  }),
  http.post(`${ORIGIN}/v1/pings`, async ({ request }) => {
    received.push({ contentType: request.headers.get('content-type'), body: JSON.parse(await request.text()) });
    return new HttpResponse(null, { status: 204 });
  }),
);

export function resetNetwork() {
  configs = withOrigin(fixtures);
  received.length = 0;
  server.resetHandlers();
}
