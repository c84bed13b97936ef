/**
 * The CSV download of a chart's numbers, beside the chart: `table` names which of the page's
 * tables (the page's `.csv` route reads it), and `label` says which in the link's name.
 */
export function CsvLink({
  table,
  label,
  path,
  query = {},
}: {
  table: string;
  label: string;
  /** The page's address; the CSV lives at the same address with ".csv". */
  path: string;
  query?: Record<string, string>;
}) {
  const params = new URLSearchParams({ ...query, table });
  return (
    // A plain link: the browser downloads the file, no client-side navigation.
    <a className="btn btn-small" href={`${path}.csv?${params}`} download>
      Download CSV<span className="visually-hidden"> of {label}</span>
    </a>
  );
}
