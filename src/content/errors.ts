import type { ValidationIssue } from './validate.js';

/**
 * The one error family of Lede. Every error a user can cause carries an HTTP
 * status, a stable machine code and a message that names the fix; the HTTP
 * layer and the CLI print it as is, never a stack trace.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'GONE'
  | 'CONFLICT'
  | 'VERSION_CONFLICT'
  | 'IMPORT_FAILED'
  | 'DATA_DIR_LOCKED'
  | 'CONFIG'
  | 'UNAVAILABLE'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INTERNAL';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 422,
  NOT_FOUND: 404,
  GONE: 410,
  CONFLICT: 409,
  VERSION_CONFLICT: 412,
  IMPORT_FAILED: 422,
  DATA_DIR_LOCKED: 503,
  CONFIG: 500,
  UNAVAILABLE: 503,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
};

export class LedeError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues: ValidationIssue[];

  /** RATE_LIMITED: seconds until the next attempt may succeed (the Retry-After header). */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, opts: { issues?: ValidationIssue[]; cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'LedeError';
    this.code = code;
    this.status = STATUS[code];
    this.issues = opts.issues ?? [];
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  toJSON(): { error: { code: ErrorCode; message: string; issues?: ValidationIssue[] } } {
    return { error: { code: this.code, message: this.message, ...(this.issues.length && { issues: this.issues }) } };
  }
}

export function isLedeError(e: unknown): e is LedeError {
  return e instanceof LedeError;
}
