"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslations } from "use-intl";
import type { ConnectionView } from "@/lib/admin/get-connections";
import type { SaveConnectionResult } from "@/lib/admin/save-connection";
import type { ConnectionTestResult } from "@/lib/admin/test-connection";
import { adminFetch, adminKeys, fieldErrors, useErrorMessage } from "./admin-api";
import { buttonClass, Field, inputClass, Notice, secondaryButtonClass, SectionCard, useFormatTime } from "./form-controls";

const REAL_BASE_URL = "https://supply-xml.booking.com/messaging";
const REAL_TOKEN_URL = "https://connectivity-authentication.booking.com/token-based-authentication/exchange";

export function ConnectionSection({ sandboxBaseUrl }: { sandboxBaseUrl: string | null }) {
  const connections = useQuery({ queryKey: adminKeys.connections(), queryFn: () => adminFetch<{ connections: ConnectionView[] }>("/api/admin/connections") });
  const [adding, setAdding] = useState(false);
  const list = connections.data?.connections ?? [];
  const t = useTranslations("settings.connection");
  const errorMessage = useErrorMessage();

  return (
    <SectionCard id="connection" title={t("title")} description={t("description")}>
      {connections.isPending && <p className="text-sm text-slate-600 dark:text-slate-400">{t("loading")}</p>}
      {connections.isError && <Notice tone="error">{errorMessage(connections.error)}</Notice>}
      {list.map((connection) => (
        <ConnectionForm key={connection.id} connection={connection} sandboxBaseUrl={sandboxBaseUrl} />
      ))}
      {connections.isSuccess && (list.length === 0 || adding) && <ConnectionForm connection={null} sandboxBaseUrl={sandboxBaseUrl} onDone={() => setAdding(false)} />}
      {connections.isSuccess && list.length > 0 && !adding && (
        <button type="button" className={secondaryButtonClass} onClick={() => setAdding(true)}>
          {t("addAnother")}
        </button>
      )}
    </SectionCard>
  );
}

type FormState = {
  name: string;
  baseUrl: string;
  authType: "basic" | "token";
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  tokenUrl: string;
  apiVersion: string;
  pollIntervalSeconds: string;
  enabled: boolean;
};

function initialState(connection: ConnectionView | null, sandboxBaseUrl: string | null): FormState {
  return {
    name: connection?.name ?? "Booking.com",
    baseUrl: connection?.baseUrl ?? sandboxBaseUrl ?? REAL_BASE_URL,
    authType: connection?.authType ?? "basic",
    username: connection?.username ?? "",
    password: "",
    clientId: connection?.clientId ?? "",
    clientSecret: "",
    tokenUrl: connection?.tokenUrl ?? REAL_TOKEN_URL,
    apiVersion: connection?.apiVersion ?? "1.2",
    pollIntervalSeconds: String(connection?.pollIntervalSeconds ?? 60),
    enabled: connection?.enabled ?? true,
  };
}

function ConnectionForm({ connection, sandboxBaseUrl, onDone }: { connection: ConnectionView | null; sandboxBaseUrl: string | null; onDone?: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<FormState>(() => initialState(connection, sandboxBaseUrl));
  const [lastResult, setLastResult] = useState<ConnectionTestResult | null>(null);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((current) => ({ ...current, [key]: value }));
  const idPrefix = connection?.id ?? "new";
  const t = useTranslations("settings.connection");
  const errorMessage = useErrorMessage();
  const formatTime = useFormatTime();

  const save = useMutation({
    mutationFn: () =>
      adminFetch<SaveConnectionResult>(connection ? `/api/admin/connections/${connection.id}` : "/api/admin/connections", {
        method: connection ? "PUT" : "POST",
        body: { ...form, pollIntervalSeconds: form.pollIntervalSeconds },
      }),
    onSuccess: (result) => {
      setLastResult(result.test);
      setForm((current) => ({ ...current, password: "", clientSecret: "" }));
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
      if (!connection) onDone?.();
    },
  });
  const test = useMutation({
    mutationFn: () => adminFetch<{ test: ConnectionTestResult }>(`/api/admin/connections/${connection?.id}/test`, { method: "POST" }),
    onSuccess: (result) => {
      setLastResult(result.test);
      void queryClient.invalidateQueries({ queryKey: adminKeys.connections() });
    },
  });
  const errors = fieldErrors(save.error);
  const busy = save.isPending || test.isPending;

  // The freshest result: the one just returned, else what the last test stored.
  const shown =
    lastResult ??
    (connection?.lastTestAt
      ? { ok: connection.lastTestOk === true, message: connection.lastTestMessage ?? "", ruid: connection.lastTestRuid, testedAt: connection.lastTestAt }
      : null);

  return (
    <form
      aria-label={connection ? t("formLabel", { name: connection.name }) : t("newFormLabel")}
      className="space-y-4 rounded-md border border-slate-200 p-4 dark:border-slate-800"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("name")} error={errors.name}>
          {(props) => <input {...props} className={inputClass} value={form.name} onChange={(e) => set("name", e.target.value)} />}
        </Field>
        <Field
          label={t("baseUrl")}
          error={errors.baseUrl}
          hint={
            <>
              {t.rich("baseUrlBooking", { url: REAL_BASE_URL, code: (chunks) => <code>{chunks}</code> })}
              {sandboxBaseUrl && (
                <>
                  {" "}
                  {t.rich("baseUrlSandbox", { url: sandboxBaseUrl, code: (chunks) => <code>{chunks}</code> })}
                </>
              )}
            </>
          }
        >
          {(props) => <input {...props} type="url" className={inputClass} value={form.baseUrl} onChange={(e) => set("baseUrl", e.target.value)} />}
        </Field>
      </div>

      <fieldset>
        <legend className="mb-1 text-sm font-medium">{t("authentication")}</legend>
        <div className="flex gap-4 text-sm">
          {(["basic", "token"] as const).map((type) => (
            <label key={type} className="flex items-center gap-2">
              <input type="radio" name={`${idPrefix}-auth`} checked={form.authType === type} onChange={() => set("authType", type)} />
              {type === "basic" ? t("authBasic") : t("authToken")}
            </label>
          ))}
        </div>
      </fieldset>

      {form.authType === "basic" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("username")} error={errors.username}>
            {(props) => <input {...props} autoComplete="off" className={inputClass} value={form.username} onChange={(e) => set("username", e.target.value)} />}
          </Field>
          <Field label={t("password")} error={errors.password} hint={connection?.passwordSet ? t("passwordSet") : t("notSetYet")}>
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="new-password"
                placeholder={connection?.passwordSet ? t("unchangedPlaceholder") : ""}
                className={inputClass}
                value={form.password}
                onChange={(e) => set("password", e.target.value)}
              />
            )}
          </Field>
        </div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("clientId")} error={errors.clientId}>
            {(props) => <input {...props} autoComplete="off" className={inputClass} value={form.clientId} onChange={(e) => set("clientId", e.target.value)} />}
          </Field>
          <Field label={t("clientSecret")} error={errors.clientSecret} hint={connection?.clientSecretSet ? t("clientSecretSet") : t("notSetYet")}>
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="new-password"
                placeholder={connection?.clientSecretSet ? t("unchangedPlaceholder") : ""}
                className={inputClass}
                value={form.clientSecret}
                onChange={(e) => set("clientSecret", e.target.value)}
              />
            )}
          </Field>
          <Field label={t("tokenUrl")} error={errors.tokenUrl} className="sm:col-span-2">
            {(props) => <input {...props} type="url" className={inputClass} value={form.tokenUrl} onChange={(e) => set("tokenUrl", e.target.value)} />}
          </Field>
        </div>
      )}

      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={t("apiVersion")} error={errors.apiVersion}>
          {(props) => (
            <select {...props} className={inputClass} value={form.apiVersion} onChange={(e) => set("apiVersion", e.target.value)}>
              <option value="1.2">{t("apiVersionRecommended", { version: "1.2" })}</option>
              <option value="1.0">1.0</option>
            </select>
          )}
        </Field>
        <Field label={t("pollInterval")} error={errors.pollIntervalSeconds} hint={t("pollIntervalHint")}>
          {(props) => (
            <input {...props} type="number" min={5} inputMode="numeric" className={inputClass} value={form.pollIntervalSeconds} onChange={(e) => set("pollIntervalSeconds", e.target.value)} />
          )}
        </Field>
        <label className="flex items-center gap-2 self-center pt-5 text-sm">
          <input type="checkbox" checked={form.enabled} onChange={(e) => set("enabled", e.target.checked)} />
          {t("enabled")}
        </label>
      </div>

      {save.isError && Object.keys(errors).length === 0 && <Notice tone="error">{errorMessage(save.error)}</Notice>}
      {test.isError && <Notice tone="error">{errorMessage(test.error)}</Notice>}
      {shown && (
        <Notice tone={shown.ok ? "ok" : "warn"} testId="connection-test-result">
          <p className="font-medium">{shown.ok ? t("testWorks") : t("testFailed")}</p>
          <p>{shown.message}</p>
          <p className="mt-1 text-xs opacity-80">
            {t("testedAt", { time: formatTime(shown.testedAt) })}
            {shown.ruid && (
              <>
                {" "}
                {t.rich("testRequestId", { ruid: shown.ruid, code: (chunks) => <code>{chunks}</code> })}
              </>
            )}
          </p>
        </Notice>
      )}

      <div className="flex gap-2">
        <button type="submit" className={buttonClass} disabled={busy}>
          {save.isPending ? t("savingAndTesting") : connection ? t("saveAndTest") : t("add")}
        </button>
        {connection && (
          <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => test.mutate()}>
            {test.isPending ? t("testing") : t("test")}
          </button>
        )}
      </div>
    </form>
  );
}
