export type FilterOption = { value: string; label: string };

/** Options for a constant list of values, in its order, each with its label. */
export function labelledOptions<T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
): FilterOption[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

/**
 * One choice in a list page's filter form (a GET form, so the address keeps the filters): a
 * labelled select whose first option, `any`, sends an empty value, meaning no filter. Without
 * `any` the choice always has a value (an order).
 */
export function FilterSelect({
  id,
  name,
  label,
  value,
  any,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  any?: string;
  options: readonly FilterOption[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        {any === undefined ? null : <option value="">{any}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
