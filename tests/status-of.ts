// What an HTTP caller of a domain function would get: "ok", or the status of the AppError it threw.
// Anything else thrown is a bug, and fails the test as it is.
import { AppError } from "@/lib/api/errors";

export async function statusOf(promise: Promise<unknown>): Promise<number | "ok"> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}
