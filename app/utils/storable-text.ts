/**
 * PostgreSQL cannot store a NUL character in text or JSON, and refuses a lone half of a UTF-16
 * surrogate pair in JSON. Browsers never send either from a keyboard, so finding one means
 * a crafted request: it gets a clear message instead of a database error.
 */
export const UNSTORABLE_TEXT_MESSAGE =
  "This contains a character we can't store (a NUL byte or a broken emoji). Remove it and try again.";

/** One pass, no regular expression: safe on any length. */
export function isStorableText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return false;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/**
 * At most `max` UTF-16 units of `text`, never ending on the first half of a surrogate pair: a
 * plain slice can cut an emoji in two, and the half left over makes PostgreSQL refuse the JSON
 * it is stored in (an excerpt in a notification's or audit entry's details).
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
