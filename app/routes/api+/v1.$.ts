import type { LoaderFunctionArgs } from "@remix-run/node";

/** Any other address under /api/v1: a JSON 404 in the API's shape, never an HTML page. */
export const loader = ({ params }: LoaderFunctionArgs) =>
  new Response(
    JSON.stringify({
      error: {
        code: "not_found",
        message: `There is no /api/v1/${params["*"] ?? ""}: see /api/v1/openapi.json for every endpoint.`,
      },
    }),
    { status: 404, headers: { "Content-Type": "application/json; charset=utf-8" } },
  );
export const action = loader;
