import type { IdeaStatus } from "#db/schema";
import { IDEA_STATUSES } from "#db/schema/values";
import { ideaStatusLabels } from "~/utils/labels";

/** A GET form's "status" choice over ideas, with "any" first. */
export function IdeaStatusFilter({
  id,
  label,
  value,
}: {
  id: string;
  label: string;
  value: IdeaStatus | undefined;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name="status" defaultValue={value ?? ""}>
        <option value="">Any status</option>
        {IDEA_STATUSES.map((status) => (
          <option key={status} value={status}>
            {ideaStatusLabels[status]}
          </option>
        ))}
      </select>
    </div>
  );
}
