import { Link, useLocation } from "@remix-run/react";

/**
 * The page numbers to offer: all of them when there are few, otherwise the first, the last, and
 * the current one with its neighbours.
 */
export function pageNumbers(page: number, pages: number): Array<number | "gap"> {
  if (pages <= 7) return Array.from({ length: pages }, (_, index) => index + 1);
  const wanted = new Set([1, pages, page - 1, page, page + 1]);
  const shown = [...wanted].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const result: Array<number | "gap"> = [];
  for (const n of shown) {
    const previous = result.at(-1);
    if (typeof previous === "number" && n - previous === 2) result.push(n - 1);
    else if (typeof previous === "number" && n - previous > 2) result.push("gap");
    result.push(n);
  }
  return result;
}

/** Previous / numbered pages / Next; keeps the address's other search parameters. */
export function Pagination({
  page,
  pageSize,
  total,
  label = "Pages",
}: {
  page: number;
  pageSize: number;
  total: number;
  /** Names the navigation; two on one page need different names. */
  label?: string;
}) {
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(target));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <Link className="btn btn-small" to={hrefFor(page - 1)} rel="prev">
          Previous
        </Link>
      ) : (
        <span />
      )}
      <ol className="page-numbers">
        {pageNumbers(page, pages).map((n, index) =>
          n === "gap" ? (
            <li key={`gap-${index}`} aria-hidden="true" className="muted">
              …
            </li>
          ) : (
            <li key={n}>
              {n === page ? (
                <span className="page-number" aria-current="page">
                  <span className="visually-hidden">Page </span>
                  {n}
                </span>
              ) : (
                <Link className="page-number" to={hrefFor(n)}>
                  <span className="visually-hidden">Page </span>
                  {n}
                </Link>
              )}
            </li>
          ),
        )}
      </ol>
      {page < pages ? (
        <Link className="btn btn-small" to={hrefFor(page + 1)} rel="next">
          Next
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
