/** Namespaced logging (the `debug` package): `DEBUG=bioeco:*` shows Cypher and parameters. */
import createDebug from 'debug';

export const log = (namespace: string) => createDebug(`bioeco:${namespace}`);

const SECRET = /password|hash|token|secret/i;

/** Statement parameters as the log shows them: secrets (password hashes, session token hashes) left out. */
export function loggable(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, SECRET.test(k) ? '[redacted]' : v]));
}
