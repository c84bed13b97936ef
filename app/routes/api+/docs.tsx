import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/ui/badge";
import { TableScroll } from "~/components/ui/table-scroll";
import { apiReference } from "./__api-reference.server";

/** The API's reference, read from the OpenAPI document itself: public, it holds no data. */
export function loader() {
  return apiReference();
}

export default function ApiDocsPage() {
  const { intro, operations, schemas } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>API reference</h1>
          <p>
            <WithCode text={intro} />
          </p>
          <p>
            The whole description, for code generators and tools:{" "}
            <a href="/api/v1/openapi.json">openapi.json</a> (OpenAPI 3.1).
          </p>
        </div>
      </div>
      <div className="stack">
        <section className="card" aria-labelledby="basics">
          <h2 id="basics">How it works</h2>
          <dl className="reference-terms">
            <dt>Authentication</dt>
            <dd>
              Make a token in <Link to="/settings/tokens">Settings → API tokens</Link> and send it
              as <code>Authorization: Bearer vgp_…</code>. A token acts as you, with your role as it
              is now, and only within its scopes: <code>read</code>, <code>write</code>,{" "}
              <code>admin</code>.
            </dd>
            <dt>Errors</dt>
            <dd>
              Always <code>{`{ "error": { "code", "message", "details"? } }`}</code>: branch on{" "}
              <code>code</code>, show <code>message</code> to people; <code>details</code> names
              each field that didn't fit.
            </dd>
            <dt>Pages</dt>
            <dd>
              Lists answer <code>data</code> and <code>nextCursor</code>; pass the cursor back as{" "}
              <code>?cursor=</code> (the <code>Link: rel=&quot;next&quot;</code> header has the
              address). <code>limit</code> is 1 to 100.
            </dd>
            <dt>Caching</dt>
            <dd>
              Reads carry an <code>ETag</code>: send it as <code>If-None-Match</code> and an
              unchanged answer is a bodiless 304.
            </dd>
            <dt>Retries</dt>
            <dd>
              Creates take an <code>Idempotency-Key</code> header: a retry with the same key gets
              the first answer again and makes nothing twice.
            </dd>
            <dt>Limits</dt>
            <dd>
              Each token has an hourly budget, reported in <code>X-RateLimit-Limit</code>,{" "}
              <code>X-RateLimit-Remaining</code> and <code>X-RateLimit-Reset</code>; past it, 429
              with <code>Retry-After</code>.
            </dd>
          </dl>
        </section>

        <nav aria-label="Endpoints" className="card">
          <h2>Endpoints</h2>
          <ul className="plain-list">
            {operations.map((operation) => (
              <li key={operation.id}>
                <a href={`#${operation.id}`}>
                  <code>
                    {operation.method} {operation.path}
                  </code>
                </a>{" "}
                {operation.summary}
              </li>
            ))}
          </ul>
        </nav>

        {operations.map((operation) => (
          <section
            key={operation.id}
            id={operation.id}
            className="card"
            aria-labelledby={`${operation.id}-heading`}
          >
            <h2 id={`${operation.id}-heading`}>
              {operation.summary}{" "}
              <Badge tone="neutral">
                {operation.scope}
                <span className="visually-hidden"> scope</span>
              </Badge>
            </h2>
            <p>
              <code>
                {operation.method} {operation.path}
              </code>
            </p>
            <p>
              <WithCode text={operation.description} />
            </p>
            {operation.parameters.length > 0 ? (
              <TableScroll label={`Parameters of ${operation.summary}`}>
                <table className="data">
                  <caption className="visually-hidden">Parameters</caption>
                  <thead>
                    <tr>
                      <th scope="col">Parameter</th>
                      <th scope="col">In</th>
                      <th scope="col">Type</th>
                      <th scope="col">Description</th>
                    </tr>
                  </thead>
                  <tbody>
                    {operation.parameters.map((parameter) => (
                      <tr key={`${parameter.in}-${parameter.name}`}>
                        <td>
                          <code>{parameter.name}</code>
                          {parameter.required ? " (required)" : ""}
                        </td>
                        <td>{parameter.in}</td>
                        <td>
                          <code className="wrap-anywhere">{parameter.type}</code>
                        </td>
                        <td>
                          <WithCode text={parameter.description} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            ) : null}
            {operation.body ? (
              <p>
                Body: <a href={`#schema-${operation.body}`}>{operation.body}</a> (JSON)
              </p>
            ) : null}
            <TableScroll label={`Answers of ${operation.summary}`}>
              <table className="data">
                <caption className="visually-hidden">Answers</caption>
                <thead>
                  <tr>
                    <th scope="col">Status</th>
                    <th scope="col">Body</th>
                    <th scope="col">Meaning</th>
                  </tr>
                </thead>
                <tbody>
                  {operation.responses.map((response) => (
                    <tr key={response.status}>
                      <td>{response.status}</td>
                      <td>
                        {response.type ? (
                          <a href={`#schema-${response.type}`}>{response.type}</a>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td>
                        <WithCode text={response.description} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        ))}

        {schemas.map((schema) => (
          <section
            key={schema.name}
            id={`schema-${schema.name}`}
            className="card"
            aria-labelledby={`schema-${schema.name}-heading`}
          >
            <h2 id={`schema-${schema.name}-heading`}>{schema.name}</h2>
            {schema.description ? <p>{schema.description}</p> : null}
            {schema.fields.length > 0 ? (
              <TableScroll label={`Fields of ${schema.name}`}>
                <table className="data">
                  <caption className="visually-hidden">Fields</caption>
                  <thead>
                    <tr>
                      <th scope="col">Field</th>
                      <th scope="col">Type</th>
                      <th scope="col">Description</th>
                    </tr>
                  </thead>
                  <tbody>
                    {schema.fields.map((field) => (
                      <tr key={field.name}>
                        <td>
                          <code>{field.name}</code>
                          {field.required ? "" : " (optional)"}
                        </td>
                        <td>
                          <code className="wrap-anywhere">{field.type}</code>
                        </td>
                        <td>
                          <WithCode text={field.description} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            ) : null}
          </section>
        ))}
      </div>
    </div>
  );
}

/** The document's descriptions mark code with backticks, as Markdown does: shown as code here. */
function WithCode({ text }: { text: string }) {
  return (
    <>
      {text
        .split("`")
        .map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part))}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "API reference · Vanguard" }];
