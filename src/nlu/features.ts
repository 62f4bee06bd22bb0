// Vietnamese words are mostly two or three syllables ("chuyển đổi", "dịch vụ công"): syllable bigrams carry them.

export interface FeatureOptions {
  /** "a_b": adjacent syllables. */
  readonly bigrams?: boolean;
  /** "a~c": syllables one apart, for word-order and filler-word variation. */
  readonly skipBigrams?: boolean;
  /** "#ab", character trigrams inside longer words, for typos and unknown inflections. */
  readonly charTrigrams?: boolean;
}

export const DEFAULT_FEATURES: FeatureOptions = Object.freeze({ bigrams: true, skipBigrams: false, charTrigrams: false });

export function toFeatures(tokens: readonly string[], options: FeatureOptions = DEFAULT_FEATURES): string[] {
  const features = [...tokens];
  if (options.bigrams) for (let i = 0; i + 1 < tokens.length; i += 1) features.push(`${tokens[i]}_${tokens[i + 1]}`);
  if (options.skipBigrams) for (let i = 0; i + 2 < tokens.length; i += 1) features.push(`${tokens[i]}~${tokens[i + 2]}`);
  if (options.charTrigrams) {
    for (const token of tokens) {
      if (token.length < 5) continue;
      const padded = `<${token}>`;
      for (let i = 0; i + 3 <= padded.length; i += 1) features.push(`#${padded.slice(i, i + 3)}`);
    }
  }
  return features;
}
