import { WEBHOOK_EVENT_TYPES } from "#db/schema/values";
import { webhookEventLabels } from "~/validation/webhooks";

/** The events a webhook endpoint may ask for, as checkboxes with their names in the payload. */
export function WebhookEventChoices({
  name,
  errorId,
  errors,
  chosen,
}: {
  name: string;
  errorId: string;
  errors?: string[];
  chosen?: unknown;
}) {
  const initial = Array.isArray(chosen) ? chosen : typeof chosen === "string" ? [chosen] : [];
  return (
    <fieldset className="field" aria-describedby={errors ? errorId : undefined}>
      <legend className="label">Events to send</legend>
      <div className="choice-grid">
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type} className="choice">
            <input
              type="checkbox"
              name={name}
              value={type}
              defaultChecked={initial.includes(type)}
            />
            <span>
              {webhookEventLabels[type]} <code className="muted small">{type}</code>
            </span>
          </label>
        ))}
      </div>
      {errors ? (
        <p id={errorId} className="field-error">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
