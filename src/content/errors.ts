import type { IssueParams, ValidationIssue } from './validate.js';
import type { ErrorReason } from './error-reasons.js';

/**
 * The one error family of Lede. Every error a user can cause carries an HTTP
 * status, a stable machine code (the class: VALIDATION, NOT_FOUND, …), a
 * stable reason (what exactly: `schedule_in_past`, `no_story`, …, declared
 * in error-reasons.ts) and a message that names the fix; the HTTP layer and
 * the CLI print it as is, never a stack trace. The newsroom words reasons in
 * the editor's language by the reason, never by the English message.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'GONE'
  | 'CONFLICT'
  | 'VERSION_CONFLICT'
  | 'PRECONDITION_REQUIRED'
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
  PRECONDITION_REQUIRED: 428,
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

export type { ErrorReason } from './error-reasons.js';

export interface LedeErrorOptions {
  /** What exactly went wrong, stable across rewordings of the message (error-reasons.ts). */
  reason: ErrorReason;
  /** Values the reason's wording needs (`{ max: 1000 }`). */
  params?: IssueParams;
  issues?: ValidationIssue[];
  cause?: unknown;
  /** RATE_LIMITED: seconds until the next attempt may succeed (the Retry-After header). */
  retryAfterSeconds?: number;
  /** Fields the answer carries beside `error` (a 412's `current` and `yours`). */
  extra?: Record<string, unknown>;
}

export class LedeError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly reason: ErrorReason;
  readonly params: IssueParams;
  readonly issues: ValidationIssue[];
  readonly retryAfterSeconds: number | undefined;
  readonly extra: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, opts: LedeErrorOptions);
  // The implementation tolerates a missing `opts` (JavaScript callers); TypeScript callers must name a reason.
  constructor(code: ErrorCode, message: string, opts: LedeErrorOptions = { reason: 'unspecified' }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'LedeError';
    this.code = code;
    this.status = STATUS[code];
    this.reason = opts.reason ?? 'unspecified';
    this.params = opts.params ?? {};
    this.issues = opts.issues ?? [];
    this.retryAfterSeconds = opts.retryAfterSeconds;
    this.extra = opts.extra ?? {};
  }

  toJSON(): { error: ErrorBody } & Record<string, unknown> {
    return {
      error: {
        code: this.code,
        reason: this.reason,
        message: this.message,
        ...(Object.keys(this.params).length && { params: this.params }),
        ...(this.issues.length && { issues: this.issues }),
      },
      ...this.extra,
    };
  }
}

/** The `error` object of an answer. */
export interface ErrorBody {
  code: ErrorCode;
  reason: ErrorReason;
  message: string;
  params?: IssueParams;
  issues?: ValidationIssue[];
}

export function isLedeError(e: unknown): e is LedeError {
  return e instanceof LedeError;
}
