// Marks around matched words that cannot occur in posts, so snippets are rendered as text, never HTML.
// Shared by the search query (server) and the snippet renderer (browser).
export const MATCH_START = "\u0001";
export const MATCH_END = "\u0002";
export const SEARCH_PAGE_SIZE = 20;
