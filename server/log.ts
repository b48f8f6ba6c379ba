/** Namespaced logging (the `debug` package): `DEBUG=bioeco:*` shows Cypher and parameters. */
import createDebug from 'debug';

export const log = (namespace: string) => createDebug(`bioeco:${namespace}`);
