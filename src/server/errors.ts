// One error type with a status and a stable code; the catalogue is what clients can rely on.
export const ERROR_CODES = {
  invalid_json: { status: 400, message: 'The request body is not valid JSON.' },
  invalid_request: { status: 400, message: 'The request does not have the expected fields.' },
  unauthorized: { status: 401, message: 'Missing or wrong secret.' },
  forbidden: { status: 403, message: 'This request is not allowed (missing or wrong CSRF token).' },
  conflict: { status: 409, message: 'The campaign is not in a state that allows this.' },
  too_many_attempts: { status: 429, message: 'Too many failed sign-ins; try again later.' },
  too_many_requests: { status: 429, message: 'Too many requests from this address; try again shortly.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'Send JSON (Content-Type: application/json).' },
  not_found: { status: 404, message: 'There is nothing at this address.' },
  method_not_allowed: { status: 405, message: 'This method is not allowed here.' },
  unavailable: { status: 503, message: 'Temporarily unavailable; try again shortly.' },
  internal: { status: 500, message: 'Something went wrong on our side.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly status: number;
  constructor(readonly code: ErrorCode, message?: string, readonly details?: readonly string[]) {
    super(message ?? ERROR_CODES[code].message);
    this.name = 'AppError';
    this.status = ERROR_CODES[code].status;
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}
