/** The failures the API answers with, each with its code: clients branch on the code. */
export const ERROR_CODES = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "body_too_large",
  415: "unsupported_media_type",
  422: "unprocessable",
  429: "rate_limited",
  500: "internal_error",
  503: "service_unavailable",
} as const;
export type ErrorStatus = keyof typeof ERROR_CODES;

export const errorCodeForStatus = (status: number): string =>
  ERROR_CODES[status as ErrorStatus] ?? "error";

export type ErrorDetail = { in: string; path: string; message: string };

export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly code?: string;
  readonly details?: ErrorDetail[];
  constructor(
    readonly status: number,
    message: string,
    extra: { code?: string; details?: ErrorDetail[] } = {},
  ) {
    super(message);
    this.code = extra.code;
    this.details = extra.details;
  }
}
