/**
 * `npm run user -- <command>`: accounts from the command line, on the configured store (DATA_DIR or
 * NEO4J_URI, as the server). Passwords are asked for without echo on a terminal, or read from the
 * first line of stdin otherwise — never taken from the command line, where `ps` and shell history
 * would keep them. Every change is in the audit log as `cli:<os user>`.
 *
 *   add NAME --role viewer|analyst|editor|admin [--region ID] [--display NAME]
 *   list
 *   set-role NAME ROLE
 *   disable NAME
 *   enable NAME
 *   reset-password NAME
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { normaliseUsername } from '../server/auth/accounts.js';
import { Auth } from '../server/auth/service.js';
import { loadConfig } from '../server/config.js';
import { DomainError } from '../server/domain/errors.js';
import { openStore } from '../server/store/index.js';
import type { GraphStore } from '../server/store/types.js';

const USAGE = `usage: npm run user -- <command>
  add NAME --role viewer|analyst|editor|admin [--region ID] [--display NAME]
  list
  set-role NAME ROLE
  disable NAME
  enable NAME
  reset-password NAME
The password is asked for (no echo), or read from stdin when it is not a terminal.`;

class UsageError extends Error {}

/** One line typed without echo (a terminal in raw mode); Ctrl-C aborts. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const done = (err: Error | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003') return done(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readStdinLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.split(/\r?\n/)[0];
}

async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readStdinLine();
  const first = await askHidden('Password: ');
  const again = await askHidden('Password again: ');
  if (first !== again) throw new UsageError('the two passwords differ; nothing was changed');
  return first;
}

function one(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected ${what}`);
  return positionals[0];
}

async function run(store: GraphStore, argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, region: { type: 'string' }, display: { type: 'string' }, password: { type: 'string' } },
  });
  if (values.password !== undefined) throw new UsageError('never put a password on the command line: it is asked for, or read from stdin');
  const [command, ...rest] = positionals;
  const config = loadConfig();
  const auth = new Auth(store, config);
  const cli = auth.cliCaller(os.userInfo().username);
  switch (command) {
    case 'add': {
      const username = one(rest, 'a NAME');
      if (!values.role) throw new UsageError('add needs --role viewer|analyst|editor|admin');
      const password = await askPassword();
      const user = await auth.createUser(cli, {
        username,
        password,
        role: values.role,
        region: values.region,
        displayName: values.display,
      });
      console.log(`added ${user.username} (${user.role})`);
      return;
    }
    case 'list': {
      const users = await auth.listUsers();
      if (!users.length) console.log('no accounts yet: the server runs in local mode on loopback');
      for (const u of users) {
        const last = u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : 'never';
        const flags = [u.region ? `region ${u.region}` : null, u.disabled ? 'DISABLED' : null].filter(Boolean).join(', ');
        console.log(`${u.username.padEnd(24)} ${u.role.padEnd(8)} last login ${last}${flags ? `  ${flags}` : ''}`);
      }
      return;
    }
    case 'set-role': {
      if (rest.length !== 2) throw new UsageError('expected NAME ROLE');
      const user = await auth.updateUser(cli, normaliseUsername(rest[0]), { role: rest[1] });
      console.log(`${user.username} is now ${user.role}`);
      return;
    }
    case 'disable':
    case 'enable': {
      const user = await auth.updateUser(cli, normaliseUsername(one(rest, 'a NAME')), { disabled: command === 'disable' });
      console.log(`${user.username} is ${user.disabled ? 'disabled (and signed out everywhere)' : 'enabled'}`);
      return;
    }
    case 'reset-password': {
      const id = normaliseUsername(one(rest, 'a NAME'));
      await auth.resetPassword(cli, id, await askPassword());
      console.log(`password of ${id} reset; its sessions have ended`);
      return;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command');
  }
}

async function main() {
  const config = loadConfig();
  let store: GraphStore;
  try {
    store = await openStore(config);
  } catch (err) {
    const hint = config.neo4j ? '' : '\n(The embedded store is opened by one process at a time: stop the server, or use its admin page.)';
    console.error(`Cannot open the store: ${(err as Error).message}${hint}`);
    process.exit(1);
  }
  try {
    await run(store, process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) console.error(`${err.message}\n\n${USAGE}`);
    else if (err instanceof DomainError) console.error(err.message);
    else console.error(`failed: ${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

void main();
