// One error type for every handler. Each API side renders it in its own envelope: the property side
// as `{meta, errors:[{code, message}]}`, the guest side as `{request_id, errors:[{id, message}]}`.

export type ErrorKind =
  | "invalid_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "payload_too_large"
  | "rate_limited"
  | "window_closed"
  | "server_error";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly kind: ErrorKind,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, "invalid_request", message);
export const notFound = (message: string) => new HttpError(404, "not_found", message);
