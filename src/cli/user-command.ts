import { createInterface } from 'node:readline';
import { LedeError } from '../content/index.js';
import { AccountService } from '../services/account-service.js';
import { passwordIssue, passwordRefusal } from '../services/passwords.js';
import { ROLES, isRole } from '../content/roles.js';
import type { CommandIO } from './command-support.js';
import { parseCommandArgs } from './command-support.js';
import { openConfiguredDatabase } from './open-configured-database.js';

export const USER_HELP = `Usage: lede user add --role ROLE [--name NAME] [--lang de|en] EMAIL
       lede user list

add    creates a newsroom account. The password is asked for twice on a
       terminal, or read as the first line of standard input otherwise:
         printf '%s\\n' "$PASSWORD" | lede user add --role admin chef@example.org
       Passwords have at least 10 characters.
list   shows every account with its role.

Roles: ${ROLES.join(', ')}.
`;

/** Reads a password: hidden prompt twice on a TTY, the first line of stdin otherwise. */
async function readPassword(io: CommandIO): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const rl = createInterface({ input: stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    throw new LedeError('VALIDATION', 'no password on standard input (give it as the first line)', { reason: 'password_missing' });
  }
  const ask = (prompt: string) => new Promise<string>((resolve) => {
    io.stderr.write(prompt);
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          io.stderr.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        if (ch === '\u007f') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
  const first = await ask('Password: ');
  const problem = passwordIssue(first);
  if (problem) throw passwordRefusal(problem);
  if ((await ask('Repeat:   ')) !== first) throw new LedeError('VALIDATION', 'the two passwords differ', { reason: 'passwords_differ' });
  return first;
}

export async function runUser(args: string[], io: CommandIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    parseCommandArgs(rest, {}, false);
    const db = await openConfiguredDatabase();
    try {
      const users = await new AccountService(db).users.list();
      if (!users.length) io.stdout.write('no accounts yet; create one with: lede user add --role admin EMAIL\n');
      for (const u of users) io.stdout.write(`${u.email}\t${u.role}\t${u.name}${u.disabled ? '\t(disabled)' : ''}\n`);
      return 0;
    } finally {
      await db.close();
    }
  }
  if (sub !== 'add') {
    io.stderr.write(`lede user: say "add" or "list"${sub ? ` (got "${sub}")` : ''}. See --help.\n`);
    return 2;
  }
  const { values, positionals } = parseCommandArgs(rest, { role: { type: 'string' }, name: { type: 'string' }, lang: { type: 'string' } });
  if (positionals.length !== 1) {
    io.stderr.write('lede user add: give exactly one e-mail address. See --help.\n');
    return 2;
  }
  if (!isRole(values.role)) {
    io.stderr.write(`lede user add: --role must be one of ${ROLES.join(', ')}${values.role ? ` (got "${values.role}")` : ''}.\n`);
    return 2;
  }
  const email = positionals[0]!;
  const language = values.lang ?? 'de';
  if (language !== 'de' && language !== 'en') throw new LedeError('VALIDATION', `--lang must be de or en (got "${language}")`, { reason: 'input_invalid' });
  // Name defaults to the address's local part, so the first admin needs nothing more than the issue's one line.
  const name = values.name ?? email.split('@')[0] ?? email;
  const password = await readPassword(io);
  const db = await openConfiguredDatabase();
  try {
    const user = await new AccountService(db).createUser({ email, name, role: values.role, password, language }, { name: 'cli' });
    io.stdout.write(`created ${user.role} ${user.email} (${user.id})\n`);
    return 0;
  } finally {
    await db.close();
  }
}
