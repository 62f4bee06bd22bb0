// Every error the console or the broadcast tool can get, worded for the official in their language: the code
// stays stable for programs, the message and details come from locales/console.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { CampaignError } from '../campaigns/service.js';
import { negotiateLocale, type ConsoleMessages } from '../i18n/console-messages.js';
import type { Locale } from '../knowledge/schema.js';
import { IntentEditError } from '../maintainers/intent-editor.js';
import { AppError, ERROR_CODES, type ErrorCode } from '../server/errors.js';
import { safeError } from '../server/safe-error.js';
import { describeIssues } from './issues.js';

/** A request the console refuses: a message id (and values), or validation issues to word by field. */
export class ConsoleError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason?: { readonly id: string; readonly args?: Readonly<Record<string, string | number>> },
    readonly issues?: readonly z.core.$ZodIssue[],
  ) {
    super(reason?.id ?? code);
    this.name = 'ConsoleError';
  }
}

export const localeOf = (request: FastifyRequest): Locale => negotiateLocale(request.headers['accept-language']);

interface Worded {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: readonly string[];
}

function word(error: unknown, locale: Locale, messages: ConsoleMessages): Worded {
  const t = (id: string, args?: Readonly<Record<string, string | number>>) => messages.t(locale, id, args ? { ...args } : undefined);
  if (error instanceof ConsoleError) {
    const details = error.issues ? describeIssues(error.issues, locale, messages) : undefined;
    return { code: error.code, message: error.reason ? t(error.reason.id, error.reason.args) : details?.join(' ') ?? t(`err-${error.code}`), ...(details ? { details } : {}) };
  }
  if (error instanceof CampaignError) {
    const code: ErrorCode = error.code === 'not_found' ? 'not_found' : error.code === 'invalid_state' ? 'conflict' : 'invalid_request';
    if (error.refusal) {
      const args = { ...error.refusal.args, ...(error.refusal.id === 'campaign-no-subscriber' && !error.refusal.args.topics ? { topics: t('campaign-all-topics') } : {}) };
      return { code, message: t(error.refusal.id, args) };
    }
    if (error.issues) return { code, message: t('campaign-invalid'), details: describeIssues(error.issues, locale, messages) };
    return { code, message: t(error.code === 'not_found' ? 'campaign-not-found' : `err-${code}`) };
  }
  if (error instanceof IntentEditError) {
    const code: ErrorCode = error.code;
    return { code, message: error.reason ? t(error.reason.id, error.reason.args) : t(`err-${code}`) };
  }
  if (error instanceof AppError) return { code: error.code, message: t(`err-${error.code}`) };
  const e = error as Partial<FastifyError>;
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) return { code: 'payload_too_large', message: t('err-payload_too_large') };
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415) return { code: 'unsupported_media_type', message: t('err-unsupported_media_type') };
  if (e.statusCode === 400) return { code: 'invalid_json', message: t('err-invalid_json') };
  return { code: 'internal', message: t('err-internal') };
}

/** The error handler of the console's routes. */
export function consoleErrorHandler(messages: ConsoleMessages) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const worded = word(error, localeOf(request), messages);
    const status = ERROR_CODES[worded.code].status;
    if (status >= 500) request.log.error({ error: safeError(error), route: request.routeOptions.url ?? 'unmatched' }, 'request failed');
    return reply.status(status).send({ error: { code: worded.code, message: worded.message, ...(worded.details ? { details: worded.details } : {}) } });
  };
}
