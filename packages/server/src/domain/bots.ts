// Crawlers, link unfurlers, monitors and HTTP libraries: their clicks are recorded but flagged,
// so click statistics and attribution count people.
const BOT_RE =
  /bot|crawl|spider|slurp|fetch|preview|scan|monitor|headless|lighthouse|pingdom|curl|wget|python-requests|python-urllib|aiohttp|httpx|go-http-client|java\/|okhttp|axios|node-fetch|undici|facebookexternalhit|whatsapp|telegram|slack|discord|embedly|bitly|vkshare|skypeuripreview/i;

/** True when a user agent is empty or belongs to a program rather than a person's browser. */
export const isBot = (userAgent: string | undefined): boolean => !userAgent || BOT_RE.test(userAgent);
