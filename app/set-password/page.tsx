import type { Metadata } from "next";
import { SetPasswordForm } from "@/components/settings/set-password-form";
import { checkPasswordLink } from "@/lib/admin/redeem-password-link";

export const metadata: Metadata = { title: "Choose a password · Bellhop" };

// Public: the one-time token in the link is the credential. Checked here so an expired or used link
// says so before anyone types a password.
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const status = value ? await checkPasswordLink(value) : { valid: false as const, reason: "This link is incomplete. Ask an admin for a new one." };
  return (
    <main className="mx-auto mt-24 max-w-sm px-4">
      <h1 className="mb-6 text-2xl font-semibold">Choose your password</h1>
      {status.valid ? (
        <SetPasswordForm token={value} name={status.name} email={status.email} />
      ) : (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200" data-testid="set-password-invalid">
          {status.reason}
        </p>
      )}
    </main>
  );
}
