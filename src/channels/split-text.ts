// Long replies are split at paragraph boundaries, then lines, then words, so each piece fits a platform's limit.

export function splitText(text: string, limit: number): string[] {
  if ([...text].length <= limit) return [text];
  const chunks: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim() !== '') chunks.push(current.trim());
    current = '';
  };
  for (const piece of pieces(text, limit)) {
    const joined = current === '' ? piece.text : `${current}${piece.separator}${piece.text}`;
    if ([...joined].length <= limit) current = joined;
    else {
      push();
      current = piece.text;
    }
  }
  push();
  return chunks;
}

/** Paragraphs; a paragraph too long on its own is cut at lines, then words, then characters. */
function pieces(text: string, limit: number): { text: string; separator: string }[] {
  const out: { text: string; separator: string }[] = [];
  for (const paragraph of text.split(/\n{2,}/)) {
    if ([...paragraph].length <= limit) {
      out.push({ text: paragraph, separator: '\n\n' });
      continue;
    }
    let first = true;
    for (const line of paragraph.split('\n')) {
      const separator = first ? '\n\n' : '\n';
      first = false;
      if ([...line].length <= limit) {
        out.push({ text: line, separator });
        continue;
      }
      let sep = separator;
      for (const word of line.split(' ')) {
        const chars = [...word];
        for (let i = 0; i < chars.length; i += limit) {
          out.push({ text: chars.slice(i, i + limit).join(''), separator: i === 0 ? sep : '' });
          sep = ' ';
        }
        sep = ' ';
      }
    }
  }
  return out;
}
