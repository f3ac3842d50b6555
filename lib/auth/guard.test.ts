import { describe, expect, it } from "vitest";
import { AppError } from "../api/errors";
import { assertPropertyAccess, canSeeProperty, propertyIdFilter, requireRole, type Viewer } from "./guard";

const admin: Viewer = { id: "a", email: "a@x", name: "A", role: "admin", locale: null, propertyScope: "all" };
const staff: Viewer = { id: "s", email: "s@x", name: "S", role: "staff", locale: null, propertyScope: new Set(["111"]) };
const staffWithoutAccess: Viewer = { ...staff, propertyScope: new Set() };

function errorOf(fn: () => void): AppError | undefined {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  return undefined;
}

describe("property scope", () => {
  it("admins see every property", () => {
    expect(canSeeProperty(admin, "999")).toBe(true);
    expect(propertyIdFilter(admin)).toBeUndefined();
  });

  it("staff see only the properties assigned to them", () => {
    expect(canSeeProperty(staff, "111")).toBe(true);
    expect(canSeeProperty(staff, "222")).toBe(false);
    expect(propertyIdFilter(staff)).toEqual({ in: ["111"] });
    expect(propertyIdFilter(staffWithoutAccess)).toEqual({ in: [] });
  });

  it("answers 404, not 403, for a property outside the scope", () => {
    expect(errorOf(() => assertPropertyAccess(staff, "222"))?.status).toBe(404);
    expect(errorOf(() => assertPropertyAccess(staff, "111"))).toBeUndefined();
  });

  it("refuses admin-only actions to staff with 403", () => {
    expect(errorOf(() => requireRole(staff, "admin"))?.status).toBe(403);
    expect(errorOf(() => requireRole(admin, "admin"))).toBeUndefined();
    expect(errorOf(() => requireRole(staff, undefined))).toBeUndefined();
  });
});
