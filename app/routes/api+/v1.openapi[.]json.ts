import { openApiDocument } from "./__openapi.server";

/** The API's OpenAPI 3.1 document: public, like any API reference (it holds no data). */
export const loader = () =>
  new Response(JSON.stringify(openApiDocument(), null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=300",
    },
  });
