// The signals a check can report, and how much each weighs toward a warning. A check warns when the weights it
// found add up to WARNING_WEIGHT; a single weak sign (weight 1) is reported but does not make a warning alone.

export const WARNING_WEIGHT = 2;

/** Signals of a link. */
export const LINK_SIGNALS = {
  official: 0,
  reported: 2,
  lookalike: 2,
  homoglyph: 2,
  'ip-host': 2,
  shortener: 2,
  'app-download': 2,
  userinfo: 2,
  idn: 1,
  'plain-http': 1,
  'many-subdomains': 1,
  'abused-tld': 1,
  'credential-path': 1,
} as const;

/** Signals of a phone number. */
export const PHONE_SIGNALS = {
  'official-hotline': 0,
  'foreign-number': 2,
  'premium-rate': 1,
  impersonation: 2,
} as const;

/** Signals found in the words of a message; maintainers attach phrases to them in _kiem-tra-lua-dao.yaml. */
export const MESSAGE_SIGNALS = {
  urgency: 1,
  'account-lock': 2,
  'prize-fee': 2,
  'otp-request': 2,
  'install-app': 2,
  'easy-job': 2,
  impersonation: 1,
  'legal-threat': 2,
  'money-transfer': 2,
  'personal-data': 2,
  'verify-request': 1,
  loan: 2,
  'link-click': 1,
} as const;

export type LinkSignal = keyof typeof LINK_SIGNALS;
export type PhoneSignal = keyof typeof PHONE_SIGNALS;
export type MessageSignal = keyof typeof MESSAGE_SIGNALS;
export type Signal = LinkSignal | PhoneSignal | MessageSignal;

export const MESSAGE_SIGNAL_IDS = Object.keys(MESSAGE_SIGNALS) as [MessageSignal, ...MessageSignal[]];

/** Every signal id, for the locale files (each needs a "scam-signal-<id>" text). */
export const ALL_SIGNALS: readonly Signal[] = [...new Set([...Object.keys(LINK_SIGNALS), ...Object.keys(PHONE_SIGNALS), ...MESSAGE_SIGNAL_IDS])] as Signal[];

/** The summed weight of a link's or a number's signals. */
export function itemWeight(signals: readonly (LinkSignal | PhoneSignal)[]): number {
  return signals.reduce((sum, s) => sum + ((LINK_SIGNALS as Record<string, number>)[s] ?? (PHONE_SIGNALS as Record<string, number>)[s] ?? 0), 0);
}

/** The summed weight of the scam patterns found in the words of a message. */
export function patternWeight(signals: readonly MessageSignal[]): number {
  return signals.reduce((sum, s) => sum + MESSAGE_SIGNALS[s], 0);
}

/** For ordering: the weight of one signal of any kind. */
export function signalWeight(signal: Signal): number {
  return Math.max(...[LINK_SIGNALS, PHONE_SIGNALS, MESSAGE_SIGNALS].map((t) => (t as Record<string, number>)[signal] ?? 0));
}

/** The locale texts the scam-check reply uses; loadMessages fails when a locale file lacks one. */
export const SCAM_MESSAGE_IDS = [
  'scam-official-link', 'scam-official-gov', 'scam-official-number', 'scam-official-caution-url', 'scam-official-caution-phone',
  'scam-warning-url', 'scam-warning-phone', 'scam-warning-message', 'scam-unknown-url', 'scam-unknown-phone', 'scam-unknown-message',
  'scam-signals-intro', 'scam-notes-intro', 'scam-verify', 'scam-actions', 'scam-report', 'scam-link-tinnhiemmang', 'scam-link-thongbaorac', 'scam-gov-name',
  ...ALL_SIGNALS.filter((s) => s !== 'official' && s !== 'official-hotline').map((s) => `scam-signal-${s}`),
];
