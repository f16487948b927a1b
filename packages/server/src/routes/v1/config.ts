import { createHash } from 'node:crypto';
import { apiErrorSchema, WIDGET_ID_RE } from '@callbell/protocol';
import type { FastifyInstance } from 'fastify';
import { findWidgetForConfig } from '../../db/queries/widgets.ts';
import { buildWidgetConfig } from '../../domain/widget-config.ts';
import { HttpError } from '../../errors.ts';

const MAX_AGE = 60;

/** GET /v1/widgets/:widgetId/config: the widget's settings and its footer, cacheable. */
export default async function configRoute(app: FastifyInstance) {
  app.get<{ Params: { widgetId: string } }>(
    '/v1/widgets/:widgetId/config',
    {
      schema: {
        summary: "A widget's public config",
        tags: ['widget'],
        params: {
          type: 'object',
          required: ['widgetId'],
          properties: { widgetId: { type: 'string', pattern: WIDGET_ID_RE.source } },
        },
        response: { 400: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req, reply) => {
      const widget = await findWidgetForConfig(app.db, req.params.widgetId);
      if (!widget) throw new HttpError(404, 'unknown_widget', `No widget ${req.params.widgetId}`);
      const body = JSON.stringify(buildWidgetConfig(widget, app.config.publicOrigin));
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      reply.header('etag', etag).header('cache-control', `public, max-age=${MAX_AGE}, stale-while-revalidate=600`);
      if (req.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );
}
