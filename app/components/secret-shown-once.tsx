import { useEffect, useId, useRef } from "react";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";

/** A secret shown this once (a token, a signing secret): selected for copying, with a button. */
export function SecretShownOnce({
  secret,
  done,
  label,
  copyLabel,
}: {
  secret: string;
  done: string;
  label: string;
  copyLabel: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => input.current?.select(), [secret]);
  return (
    <Alert tone="success">
      <p>{done}</p>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          ref={input}
          id={id}
          type="text"
          readOnly
          value={secret}
          className="token-secret"
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <Button
        size="small"
        type="button"
        onClick={() => void navigator.clipboard?.writeText(secret)}
      >
        {copyLabel}
      </Button>
    </Alert>
  );
}
