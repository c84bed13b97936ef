import { useLocation } from "@remix-run/react";

/**
 * Links that change some of the address's search parameters and keep the rest (a list's sort
 * or filter tabs). A change of view starts again at page 1.
 */
export function useHrefWith() {
  const location = useLocation();
  return (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams(location.search);
    params.delete("page");
    for (const [key, value] of Object.entries(changes)) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    const search = params.toString();
    return search ? `?${search}` : location.pathname;
  };
}
