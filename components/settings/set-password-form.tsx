"use client";

import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { adminFetch, useErrorMessage, fieldErrors } from "./admin-api";
import { buttonClass, Field, inputClass, Notice } from "./form-controls";

export function SetPasswordForm({ token, name, email }: { token: string; name: string; email: string }) {
  const errorMessage = useErrorMessage();
  const t = useTranslations("team.setPassword");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [state, setState] = useState<{ pending: boolean; error: unknown; done: boolean }>({ pending: false, error: null, done: false });
  const mismatch = confirm.length > 0 && confirm !== password;

  if (state.done) {
    return (
      <Notice tone="ok" testId="set-password-done">
        {t.rich("done", {
          email,
          signIn: (chunks) => (
            <Link href="/sign-in" className="font-medium underline">
              {chunks}
            </Link>
          ),
        })}
      </Notice>
    );
  }
  const errors = fieldErrors(state.error);
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (mismatch) return;
        setState({ pending: true, error: null, done: false });
        try {
          await adminFetch("/api/set-password", { method: "POST", body: { token, password } });
          setState({ pending: false, error: null, done: true });
        } catch (error) {
          setState({ pending: false, error, done: false });
        }
      }}
    >
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {t.rich("intro", { name, email, strong: (chunks) => <strong>{chunks}</strong> })}
      </p>
      <Field label={t("newPassword")} error={errors.password} hint={t("passwordHint")}>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            className={inputClass}
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              // The server's message was about the previous entry; a new one deserves a clean field.
              if (state.error !== null) setState({ pending: false, error: null, done: false });
            }}
          />
        )}
      </Field>
      <Field label={t("repeat")} error={mismatch ? t("mismatch") : undefined}>
        {(props) => <input {...props} type="password" autoComplete="new-password" className={inputClass} value={confirm} onChange={(e) => setConfirm(e.target.value)} />}
      </Field>
      {state.error !== null && Object.keys(errors).length === 0 && <Notice tone="error">{errorMessage(state.error)}</Notice>}
      <button type="submit" className={`${buttonClass} w-full`} disabled={state.pending || mismatch || password.length === 0}>
        {state.pending ? t("saving") : t("submit")}
      </button>
    </form>
  );
}
