import { openApiDocument } from "./__openapi.server";

// The reference page's reading of the OpenAPI document: the same document clients download,
// flattened into what a person scans (operations, their inputs and answers, the shapes).

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
};

/** A short, readable type: `string (uuid)`, `Idea[]`, `"top" | "new"`, `… or null`. */
function typeOf(schema: Schema | undefined): string {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop()!;
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(typeOf).join(" or ");
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any");
  if (type === "array") return `${typeOf(schema.items)}[]`;
  if (type === "object" && schema.properties) return "object";
  return schema.format ? `${type} (${schema.format})` : type;
}

function fieldsOf(schema: Schema | undefined, prefix = ""): Field[] {
  if (!schema?.properties) return [];
  return Object.entries(schema.properties).flatMap(([name, property]) => {
    const field = {
      name: prefix + name,
      type: typeOf(property),
      required: schema.required?.includes(name) ?? false,
      description: property.description ?? "",
    };
    const nested = property.type === "object" ? fieldsOf(property, `${prefix}${name}.`) : [];
    return [field, ...nested];
  });
}

type Field = { name: string; type: string; required: boolean; description: string };

export function apiReference() {
  const document = openApiDocument() as unknown as {
    info: { description: string };
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Schema> };
    webhooks: Record<string, { post: Webhook }>;
  };
  type Webhook = {
    summary: string;
    description: string;
    requestBody: { content: { "application/json": { schema: Schema } } };
  };
  type Operation = {
    operationId: string;
    summary: string;
    description: string;
    tags: string[];
    "x-scope": string;
    parameters?: {
      name: string;
      in: string;
      required?: boolean;
      description?: string;
      schema?: Schema;
    }[];
    requestBody?: { content: { "application/json": { schema: Schema } } };
    responses: Record<
      string,
      { description: string; content?: { "application/json": { schema: Schema } } }
    >;
  };
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      id: operation.operationId,
      method: method.toUpperCase(),
      path: `/api/v1${path}`,
      summary: operation.summary,
      description: operation.description,
      group: operation.tags[0],
      scope: operation["x-scope"],
      parameters: (operation.parameters ?? []).map((parameter) => ({
        name: parameter.name,
        in: parameter.in,
        type: typeOf(parameter.schema),
        required: parameter.required ?? false,
        description: parameter.description ?? parameter.schema?.description ?? "",
      })),
      body: typeOf(operation.requestBody?.content["application/json"].schema) || null,
      responses: Object.entries(operation.responses).map(([status, response]) => ({
        status,
        description: response.description,
        type: typeOf(response.content?.["application/json"].schema),
      })),
    })),
  );
  const schemas = Object.entries(document.components.schemas).map(([name, schema]) => ({
    name,
    description: schema.description ?? "",
    fields: fieldsOf(schema),
  }));
  const webhooks = Object.entries(document.webhooks).map(([type, { post }]) => ({
    type,
    summary: post.summary,
    description: post.description,
    body: typeOf(post.requestBody.content["application/json"].schema),
  }));
  return { intro: document.info.description, operations, schemas, webhooks };
}
