/**
 * A PostgreSQL array literal of uuids, to pass as one parameter (`${uuidArray(ids)}::uuid[]`).
 * Anything that isn't a uuid is left out, so the literal can't be bent into another shape.
 */
export const uuidArray = (ids: string[]) =>
  `{${ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)).join(",")}}`;
