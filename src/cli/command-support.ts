import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LedeError, isLedeError } from '../content/index.js';

/**
 * What every `lede` command shares: its output streams, argument parsing and
 * the one-line description of an error. Kept apart from main.ts, which loads
 * the commands, so no command imports the module that imports it.
 */

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface CommandIO {
  stdout: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean };
  stderr: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean };
}

export function describeError(err: unknown): string {
  if (isLedeError(err)) return err.message;
  if (err instanceof TypeError && 'code' in err && String((err as { code?: string }).code).startsWith('ERR_PARSE_ARGS')) {
    return `${err.message}. See --help.`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `unexpected error: ${message} (set LEDE_DEBUG=1 for details)`;
}

/** parseArgs with a clear LedeError for unknown options. */
export function parseCommandArgs<const O extends ParseArgsOptionsConfig>(args: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals: allowPositionals as true, strict: true });
  } catch (err) {
    throw new LedeError('VALIDATION', `${err instanceof Error ? err.message : String(err)}. See --help.`, { reason: 'bad_arguments' });
  }
}
