/**
 * Index terms of a text: Chinese (Han) runs as overlapping character bigrams (a single character
 * stays a unigram), other text as lower-case words. 跨境数据 gives 跨境 境数 数据, so the query 跨境
 * (bigram 跨境) matches it, while 跨越…边境 (跨越, 边境) shares no bigram with it.
 */
const han = /\p{Script=Han}/u;
const wordChar = /[\p{L}\p{N}]/u;

export function tokens(text: string): string[] {
  const out: string[] = [];
  let hanRun = '';
  let word = '';
  const flushHan = () => {
    const chars = [...hanRun];
    if (chars.length === 1) out.push(chars[0] as string);
    for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
    hanRun = '';
  };
  const flushWord = () => {
    if (word) out.push(word.toLowerCase());
    word = '';
  };
  for (const ch of text) {
    if (han.test(ch)) {
      flushWord();
      hanRun += ch;
    } else if (wordChar.test(ch)) {
      flushHan();
      word += ch;
    } else {
      flushHan();
      flushWord();
    }
  }
  flushHan();
  flushWord();
  return out;
}
