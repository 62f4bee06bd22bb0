// Links in a message: found word by word (no backtracking regex over the whole text), parsed with the WHATWG URL
// parser, the registrable domain from the public suffix list (tldts), then the signals of each.
import { parse } from 'tldts';
import { hasHomoglyph, imitatedName, unicodeHost } from './lookalike.js';
import type { Localized, ScamRules } from './rules.js';
import type { LinkSignal } from './signals.js';
import { fold } from './text.js';

export interface FoundLink {
  readonly url: URL;
  /** Where it is in the text, to leave it out when reading the words around it. */
  readonly start: number;
  readonly end: number;
}

export interface LinkFinding {
  readonly kind: 'url';
  /** The registrable domain ("example.top"); undefined for a raw IP. */
  readonly domain?: string;
  readonly signals: readonly LinkSignal[];
  /** Set when the link is official: whose address it is (undefined name: any .gov.vn domain). */
  readonly official?: { readonly name?: Localized };
  /** The trusted name a lookalike imitates ("dichvucong", "gov.vn"). */
  readonly imitates?: string;
  /** Written as a bare domain name ("dichvucong.gov.vn"), not pasted as a link (no scheme, no www). */
  readonly bareName?: boolean;
}

/** Links typed without a scheme ("abc.vn/x"): "plain http" is not reported for them. */
const BARE = new WeakSet<URL>();
const APP_FILE = /\.(apk|apks|xapk|ipa)$/i;
const MAX_TOKEN = 2048;
const SCHEME = /^(https?):\/\//i;
const BARE_HOST = /^(?:www\.)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?::\d{1,5})?(?:[/?#]\S*)?$/u;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?([/?#]\S*)?$/;

/** Links in the text, in order, at most `limit`. Bare domains count when their ending is a real one (tldts). */
export function findLinks(text: string, limit: number): FoundLink[] {
  const found: FoundLink[] = [];
  const token = /[^\s<>"'`()[\]{}]+/g;
  for (let m = token.exec(text); m && found.length < limit; m = token.exec(text)) {
    const raw = m[0].replace(/[.,;:!?…]+$/u, '');
    if (raw.length < 4 || raw.length > MAX_TOKEN || !raw.includes('.')) continue;
    const url = toUrl(raw);
    if (url) found.push({ url, start: m.index, end: m.index + raw.length });
  }
  return found;
}

function toUrl(raw: string): URL | undefined {
  const hasScheme = SCHEME.test(raw);
  if (!hasScheme) {
    // "abc@gmail.com" is an e-mail address, "1.000.000đ" a sum of money: neither is a link.
    if (raw.includes('@')) return undefined;
    // A bare IP needs a port or a path ("50.000" is a sum, and the URL parser would read it as an IP address).
    if (IPV4.test(raw) ? !/[:/]/.test(raw) : !(BARE_HOST.test(raw) && /\p{L}/u.test(raw.split(/[/?#:]/)[0]!.split('.').at(-1)!))) return undefined;
  }
  let url: URL;
  try {
    url = new URL(hasScheme ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
  if (!url.hostname) return undefined;
  const info = parse(url.hostname, { allowPrivateDomains: true });
  if (!info.isIp && (!info.domain || !info.publicSuffix || (!hasScheme && !info.isIcann && !info.isPrivate))) return undefined;
  if (hasScheme) return url;
  BARE.add(url);
  return url;
}

/** What one link shows. */
export function analyzeLink(url: URL, rules: ScamRules): LinkFinding {
  const hostname = url.hostname.replace(/\.$/, '');
  const info = parse(hostname, { allowPrivateDomains: true });
  if (info.isIp || hostname.startsWith('[')) return { kind: 'url', signals: withCommon(['ip-host'], url, info.subdomain, rules) };
  const domain = info.domain ?? hostname;
  // An internationalized (xn--) name is never taken as official: that is where homoglyphs hide.
  const official = hostname.includes('xn--') ? undefined : officialName(hostname, info.publicSuffix, rules);
  if (official) return { kind: 'url', domain, signals: ['official'], official, ...(BARE.has(url) && !hostname.startsWith('www.') ? { bareName: true } : {}) };

  const signals: LinkSignal[] = [];
  const unicode = unicodeHost(hostname);
  const imitates = imitatedName(unicode, info.domainWithoutSuffix ?? domain, rules.trustedNames);
  if (rules.reported.has(domain) || rules.reported.has(hostname)) signals.push('reported');
  if (imitates) signals.push('lookalike');
  if (hostname.includes('xn--')) signals.push(hasHomoglyph(unicode) ? 'homoglyph' : 'idn');
  if (rules.shorteners.has(domain) || rules.shorteners.has(hostname)) signals.push('shortener');
  if (rules.abusedTlds.has(domain.split('.').at(-1)!)) signals.push('abused-tld');
  return { kind: 'url', domain, signals: withCommon(signals, url, info.subdomain, rules), ...(imitates ? { imitates } : {}) };
}

function withCommon(signals: LinkSignal[], url: URL, subdomain: string | null, rules: ScamRules): LinkSignal[] {
  if (APP_FILE.test(url.pathname)) signals.push('app-download');
  if (url.username || url.password) signals.push('userinfo');
  if (url.protocol === 'http:' && !BARE.has(url)) signals.push('plain-http');
  if ((subdomain ?? '').split('.').filter((l) => l && l !== 'www').length >= 3) signals.push('many-subdomains');
  const flat = fold(safeDecode(`${url.hostname} ${url.pathname} ${url.search}`)).replace(/ /g, '');
  if (rules.credentialWords.some((w) => flat.includes(w.replace(/ /g, '')))) signals.push('credential-path');
  return signals;
}

function officialName(hostname: string, publicSuffix: string | null, rules: ScamRules): { name?: Localized } | undefined {
  for (let host = hostname; host.includes('.'); host = host.slice(host.indexOf('.') + 1)) {
    const name = rules.trustedDomains.get(host);
    if (name) return { name };
  }
  return publicSuffix === 'gov.vn' ? {} : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
