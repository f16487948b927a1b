export interface Received {
  method: string;
  url: string;
  contentType: string;
  body: string;
}
export interface FixtureServer {
  origin: string;
  pings: Received[];
  configs: Record<string, unknown>;
  close(): Promise<void>;
}
export function startFixtureServer(options?: {
  port?: number;
  host?: string;
  pages?: Record<string, { html: string; headers?: Record<string, string> }>;
}): Promise<FixtureServer>;
