import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, englishWords, errorResponse, validationError, type ErrorWords } from "./errors";

describe("the JSON error shape", () => {
  it("maps each error code to its status and the one body shape", async () => {
    const response = errorResponse(new AppError("not_found", "No such property."));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "No such property." } });
  });

  it("carries headers such as Retry-After", () => {
    const response = errorResponse(new AppError("rate_limited", "Slow down.", undefined, { "Retry-After": "30" }));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("30");
  });

  it("turns zod failures into a 400 with one message per field", async () => {
    const result = z.object({ email: z.string().email("Enter a valid e-mail address"), age: z.number() }).safeParse({ email: "nope", age: "x" });
    expect(result.success).toBe(false);
    const error = validationError(result.error!, "staff member");
    const body = await errorResponse(error).json();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.fields.email).toBe("Enter a valid e-mail address");
    expect(body.error.fields.age).toBeDefined();
    expect(body.error.message).toMatch(/^Invalid staff member: email: Enter a valid e-mail address/);
  });

  it("words a message and its fields by the catalogue's English, words inside words included", async () => {
    const problem: ErrorWords = { key: "assign.deactivated", values: { name: "Rita O'Brien" } };
    const error = AppError.worded("validation_failed", "assign.refused", { values: { problem }, fields: { userId: problem, other: "Text from elsewhere" }, headers: { "X-Test": "1" } });
    expect(error.message).toBe("Cannot assign: Rita O'Brien's account is deactivated.");
    expect(error.fields).toEqual({ userId: "Rita O'Brien's account is deactivated.", other: "Text from elsewhere" });
    expect(error.words).toEqual({ key: "assign.refused", values: { problem } });
    const response = errorResponse(error);
    expect(response.headers.get("x-test")).toBe("1");
    expect(await response.json()).toEqual({ error: { code: "validation_failed", message: error.message, fields: error.fields } });
    expect(englishWords({ key: "labels.atMost", values: { max: 1 } })).toBe("At most 1 label");
    expect(englishWords({ key: "labels.atMost", values: { max: 50 } })).toBe("At most 50 labels");
  });

  it("hides unexpected errors behind a generic 500 and logs them", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = errorResponse(new Error("connection string postgres://secret@db"));
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain("secret");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
