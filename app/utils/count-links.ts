import type { JSONContent } from "@tiptap/core";

const URL_STARTS = ["http://", "https://", "www."];
/** Past this, the exact number doesn't matter to any limit; it keeps the scan linear. */
const COUNT_CAP = 50;

/**
 * How many links a post carries: each run of text under one link mark, plus every bare address
 * typed in plain text. One pass over the document and linear scans of its text.
 */
export function countLinks(doc: JSONContent): number {
  let count = 0;
  let previousHref: string | null = null;
  const stack: JSONContent[] = [doc];
  while (stack.length > 0 && count < COUNT_CAP) {
    const node = stack.pop()!;
    if (node.type === "text") {
      const href = node.marks?.find((mark) => mark.type === "link")?.attrs?.href;
      if (typeof href === "string") {
        if (href !== previousHref) count++;
        previousHref = href;
      } else {
        previousHref = null;
        count += countBareAddresses((node.text ?? "").toLowerCase());
      }
      continue;
    }
    previousHref = null;
    // Children go on in reverse so they come off in document order.
    for (let index = (node.content?.length ?? 0) - 1; index >= 0; index--) {
      stack.push(node.content![index]);
    }
  }
  return count;
}

function countBareAddresses(text: string): number {
  let count = 0;
  let at = 0;
  while (at < text.length && count < COUNT_CAP) {
    let next = -1;
    let length = 0;
    for (const start of URL_STARTS) {
      const found = text.indexOf(start, at);
      if (found !== -1 && (next === -1 || found < next)) {
        next = found;
        length = start.length;
      }
    }
    if (next === -1) break;
    count++;
    // "https://www." is one address: skip past its first character run.
    let end = next + length;
    while (end < text.length && text[end] !== " " && text[end] !== "\n") end++;
    at = end;
  }
  return count;
}
