import { clsx } from "clsx";
import type { ButtonHTMLAttributes } from "react";

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "default" | "danger";
  size?: "small" | "normal";
  pending?: boolean;
  pendingLabel?: string;
};

/** A button that shows it is working while its form submits. */
export function Button({
  variant = "default",
  size = "normal",
  pending = false,
  pendingLabel,
  className,
  children,
  type = "submit",
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={clsx(
        "btn",
        variant === "primary" && "btn-primary",
        variant === "danger" && "btn-danger",
        size === "small" && "btn-small",
        className,
      )}
      aria-disabled={pending || undefined}
      {...rest}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
