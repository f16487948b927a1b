export interface BuiltServer {
  origin: string;
  /** What the server printed, for failure messages. */
  log(): string;
  close(): Promise<void>;
}
export function startBuiltServer(
  env?: Record<string, string>,
  options?: { healthyWithinMs?: number },
): Promise<BuiltServer>;
