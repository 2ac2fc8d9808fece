import { hash, verify } from '@node-rs/argon2';
import { LedeError } from '../content/index.js';

/**
 * Passwords are stored as argon2id PHC strings (the library's defaults:
 * 19 MiB memory, 2 passes, 1 lane — the OWASP baseline).
 */

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** Says what is wrong with a new password, or nothing. Length is what counts; no composition rules. */
export function passwordProblem(password: string): string | undefined {
  if (typeof password !== 'string' || password.length < PASSWORD_MIN) return `the password must have at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `the password must have at most ${PASSWORD_MAX} characters`;
  if (!password.trim()) return 'the password must not be only spaces';
  return undefined;
}

export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new LedeError('VALIDATION', problem);
  return hash(password);
}

// Verified against when the account does not exist, so an unknown address costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;

/** True when `password` matches `stored`; with `stored` undefined, spends the same time and returns false. */
export async function checkPassword(stored: string | undefined, password: string): Promise<boolean> {
  const target = stored ?? (await (dummyHash ??= hash('not a real password, only for timing')));
  try {
    const ok = await verify(target, password.slice(0, PASSWORD_MAX));
    return ok && stored !== undefined;
  } catch {
    return false;
  }
}
