// The OA webhook signature: `X-ZEvent-Signature: mac=<hex>`, hex = SHA-256 (a plain hash, not an HMAC) of
// app_id + raw body + timestamp + OA secret key (zalo-oa.md). Checked on the raw bytes, before any parsing.
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The event's `timestamp` as it is written in the raw body (digits, quoted or not), without parsing the JSON:
 * the signature covers the exact text, so the number is never re-formatted.
 */
export function rawTimestamp(raw: string): string | undefined {
  return /"timestamp"\s*:\s*"?(\d{1,20})"?/.exec(raw)?.[1];
}

export function expectedMac(appId: string, raw: string, timestamp: string, secretKey: string): string {
  return createHash('sha256').update(`${appId}${raw}${timestamp}${secretKey}`, 'utf8').digest('hex');
}

/** True only for a header `mac=<hex>` matching the body; compared in constant time. */
export function signatureMatches(header: string | string[] | undefined, raw: string, appId: string, secretKey: string): boolean {
  if (typeof header !== 'string') return false;
  const given = /^\s*mac=([0-9a-fA-F]{64})\s*$/.exec(header)?.[1]?.toLowerCase();
  const timestamp = rawTimestamp(raw);
  if (!given || timestamp === undefined) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expectedMac(appId, raw, timestamp, secretKey), 'hex'));
}
