import { Form, useLoaderData } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { RelativeTime } from "~/components/ui/relative-time";
import { TableScroll } from "~/components/ui/table-scroll";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { useIsPending } from "~/utils/use-is-pending";
import type { loader } from "./me.data";

/** Asking for a copy of everything, and the copies ready to download. */
export function ExportSection() {
  const { exports } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer("export");
  const pending = useIsPending({ intent: "export" });
  const problem = problemsOf(outcome);
  return (
    <section className="card" aria-labelledby="export">
      <h2 id="export">Take a copy</h2>
      <p className="small">
        Everything above, with every post, vote, reaction, endorsement, comment, bookmark, draft and
        notification in full, as one JSON file (the format is described in the project's{" "}
        <code>docs/data-export-format.md</code>). It is prepared in the background; we notify you
        when it is ready, and it can be downloaded for 7 days while you are signed in.
      </p>
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <Form method="post">
        <input type="hidden" name="intent" value="export" />
        <Button variant="primary" pending={pending} pendingLabel="Asking…">
          Prepare a copy of my data
        </Button>
      </Form>
      {exports.length > 0 ? (
        <TableScroll label="Your copies">
          <table className="data">
            <caption className="visually-hidden">Copies you asked for, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Asked</th>
                <th scope="col">State</th>
                <th scope="col">Size</th>
                <th scope="col">Download</th>
              </tr>
            </thead>
            <tbody>
              {exports.map((copy, index) => (
                <tr key={copy.id}>
                  <td>
                    <RelativeTime date={copy.requestedAt} />
                  </td>
                  <td>
                    <ExportState copy={copy} />
                  </td>
                  <td>{copy.byteSize === null ? "—" : formatBytes(copy.byteSize)}</td>
                  <td>
                    {copy.state === "ready" &&
                    copy.expiresAt &&
                    new Date(copy.expiresAt) > new Date() ? (
                      <a href={`/me/data/exports/${copy.id}.json`} download>
                        Download
                        <span className="visually-hidden"> copy {index + 1}</span>
                      </a>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  );
}

function ExportState({ copy }: { copy: { state: string; expiresAt: Date | null } }) {
  if (copy.state === "queued" || copy.state === "building") return <>Being prepared</>;
  if (copy.state === "failed") return <>Failed: ask again</>;
  if (!copy.expiresAt || new Date(copy.expiresAt) <= new Date()) return <>Expired</>;
  return (
    <>
      Ready; deleted <RelativeTime date={copy.expiresAt} />
    </>
  );
}

function formatBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
