/** First run stays two commands: local mode on loopback, and a clear refusal anywhere else until an account exists. */
import type { Config } from '../config.js';
import type { GraphStore } from '../store/types.js';
import { anyUsers } from './accounts.js';
import { localModePossible } from './caller.js';

/** Why the server must not start with this config and store, or null when it may. */
export async function startupRefusal(config: Config, store: GraphStore): Promise<string | null> {
  if (localModePossible(config) || (await anyUsers(store))) return null;
  const why = config.security.proxyHeader
    ? `AUTH_PROXY_HEADER is set, but there are no accounts yet for it to name`
    : `HOST=${config.host} is not a loopback address, and there are no accounts yet: anyone who can reach the server would be an admin`;
  return (
    `Cannot start: ${why}.\n` +
    'Create an admin first (the password is asked for):\n' +
    '  npm run user -- add NAME --role admin\n' +
    'or leave HOST at 127.0.0.1 to use the explorer alone on this machine (local mode).'
  );
}
