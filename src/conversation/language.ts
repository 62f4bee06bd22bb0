// A question written in English gets the English answer without /lang. Vietnamese typed without diacritics shares
// many short words with English ("can", "to", "do", "the" = thẻ), so only clearly English words count.
const ENGLISH = new Set(
  ('what how is are was were does did should could would will my your you i am me we our where when which who why of for with it this that ' +
    'if from about number numbers call called calling phone scam scammer fraud website site link account password bank police fire ambulance ' +
    'help need lost forgot card law digital transformation online public service services citizen citizens report message text someone ' +
    'get got please tell want know check safe fake money transfer transferred child children data personal privacy province ministry ' +
    'emergency register apply there their they he she his her has have had been be any some which whom whose new old still yet the')
    .split(' '),
);
/** Folded Vietnamese words that are also English-looking: they count for neither side. */
const AMBIGUOUS = new Set('an to do me can con ban may hay the so no on in a o i tin he she'.split(' '));
const VIETNAMESE = new Set(
  'khong ko k gi j sao nao cho hoi toi tui minh duoc dc lam bi cua nhu vay z thi la co va voi nha nhe ad oi o dau may nguoi goi so tien'.split(' '),
);
/** Vietnamese letters that English never uses. */
const VIETNAMESE_LETTERS = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;

export function looksEnglish(text: string): boolean {
  if (VIETNAMESE_LETTERS.test(text)) return false;
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  let english = 0;
  let vietnamese = 0;
  for (const w of words) {
    if (AMBIGUOUS.has(w)) continue;
    if (ENGLISH.has(w)) english += 1;
    else if (VIETNAMESE.has(w)) vietnamese += 1;
  }
  return english >= 2 && english > vietnamese * 2 && english / Math.max(1, words.length) >= 0.3;
}
