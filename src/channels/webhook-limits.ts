/** Platform updates are small; anything larger than this is refused with 413 before it is parsed. */
export const WEBHOOK_BODY_LIMIT_BYTES = 256 * 1024;
/** Update ids are remembered this long (Telegram keeps undelivered updates 24 hours). */
export const SEEN_UPDATE_TTL_MS = 25 * 60 * 60 * 1000;
