import { hash, verify } from '@node-rs/argon2';
import { LedeError } from '../content/index.js';

/**
 * Passwords are stored as argon2id PHC strings (the library's defaults:
 * 19 MiB memory, 2 passes, 1 lane — the OWASP baseline).
 */

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** What is wrong with a new password, as an issue code, its English words and the values they name. */
export interface PasswordIssue {
  code: 'password_short' | 'password_long' | 'password_blank';
  message: string;
  params: Record<string, number>;
}

/** Says what is wrong with a new password, or nothing. Length is what counts; no composition rules. */
export function passwordIssue(password: unknown): PasswordIssue | undefined {
  if (typeof password !== 'string' || password.length < PASSWORD_MIN) {
    return { code: 'password_short', message: `the password must have at least ${PASSWORD_MIN} characters`, params: { min: PASSWORD_MIN } };
  }
  if (password.length > PASSWORD_MAX) return { code: 'password_long', message: `the password must have at most ${PASSWORD_MAX} characters`, params: { max: PASSWORD_MAX } };
  if (!password.trim()) return { code: 'password_blank', message: 'the password must not be only spaces', params: {} };
  return undefined;
}

/** The English words of passwordIssue, or nothing. */
export function passwordProblem(password: string): string | undefined {
  return passwordIssue(password)?.message;
}

/** VALIDATION for a password that is not good enough (the reason is its issue code). */
export function passwordRefusal(problem: PasswordIssue): LedeError {
  return new LedeError('VALIDATION', problem.message, { reason: problem.code, params: problem.params });
}

export async function hashPassword(password: string): Promise<string> {
  const problem = passwordIssue(password);
  if (problem) throw passwordRefusal(problem);
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
