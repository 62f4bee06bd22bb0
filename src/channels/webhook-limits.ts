/** Platform updates are small; anything larger than this is refused with 413 before it is parsed. */
export const WEBHOOK_BODY_LIMIT_BYTES = 256 * 1024;
/** Update ids are remembered this long (Telegram keeps undelivered updates 24 hours). */
export const SEEN_UPDATE_TTL_MS = 25 * 60 * 60 * 1000;
/** How long one attempt at an update holds it before a retry may take it over (a failed attempt releases it). */
export const UPDATE_LEASE_MS = 60_000;
