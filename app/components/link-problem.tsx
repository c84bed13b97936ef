import { Link } from "@remix-run/react";

const problems = {
  invalid: "This link isn't valid. It may have been copied incompletely.",
  expired: "This link has expired.",
  used: "This link has already been used.",
  revoked: "This invitation was withdrawn or replaced by a newer one.",
} as const;

/** The page for an emailed link that can't be used, with the way forward. */
export function LinkProblem({
  title,
  status,
  next,
}: {
  title: string;
  status: keyof typeof problems;
  next: { to: string; label: string; hint: string };
}) {
  return (
    <div className="page-narrow">
      <div className="auth-card">
        <h1>{title}</h1>
        <p>{problems[status]}</p>
        <p className="muted">{next.hint}</p>
        <Link className="btn btn-primary" to={next.to}>
          {next.label}
        </Link>
      </div>
    </div>
  );
}
