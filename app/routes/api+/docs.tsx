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
  const { intro, operations, schemas, webhooks } = useLoaderData<typeof loader>();
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

        <section className="card stack" aria-labelledby="webhooks">
          <h2 id="webhooks">Webhooks</h2>
          <p>
            Admins register endpoints in Admin → Integrations. Each event is POSTed as JSON:{" "}
            <code>{`{ "id", "type", "createdAt", "data": { "object", … } }`}</code>, where{" "}
            <code>object</code> is what the API&apos;s own GET for it answers the endpoint&apos;s
            owner (read when it is sent, so it never holds what they may not see), beside what the
            event adds (a previous status). Answer with any 2xx within 10 seconds; anything else is
            tried again after 1, 4, 16 and 64 minutes and about 4 and 17 hours. Deliveries may
            arrive out of order or twice: use <code>id</code> to ignore repeats.
          </p>
          <p>
            Check <code>Vanguard-Signature: t=…,v1=…</code> before trusting a body: it is an
            HMAC-SHA256 of <code>t</code>, a dot and the raw body, with the endpoint&apos;s signing
            secret (after a rotation, one <code>v1</code> per secret for a day). In Node.js:
          </p>
          <pre className="wrap-anywhere">{`const [t, ...macs] = header.split(",");
const timestamp = t.slice(2);
const expected = crypto.createHmac("sha256", secret)
  .update(\`\${timestamp}.\${rawBody}\`).digest("hex");
const valid = macs.some((mac) => mac === \`v1=\${expected}\`)
  && Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;`}</pre>
          <TableScroll label="Webhook events">
            <table className="data">
              <caption className="visually-hidden">Webhook events</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">When</th>
                  <th scope="col">Body</th>
                </tr>
              </thead>
              <tbody>
                {webhooks.map((event) => (
                  <tr key={event.type}>
                    <td>
                      <code>{event.type}</code>
                    </td>
                    <td>{event.summary}</td>
                    <td>
                      <a href={`#schema-${event.body}`}>{event.body}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
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
