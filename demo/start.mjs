// `pnpm start`: the example page with a live widget, served against fixture configs.
import { startFixtureServer } from './fixture-server.mjs';

const port = Number(process.env.PORT ?? 3000);
const server = await startFixtureServer({ port, host: 'localhost' });
console.log(`Example page with the widget: ${server.origin}/`);
console.log('(fixture configs from demo/fixtures/widgets.json; pings are logged below)');
setInterval(() => {
  for (const ping of server.pings.splice(0)) console.log('ping', ping.contentType, ping.body);
}, 500).unref();
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
