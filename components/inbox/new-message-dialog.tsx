"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import type { InboxProperty } from "./inbox-app";
import { lookupReservation } from "./inbox-api";
import { useErrorText } from "./use-error-text";

/** "New message": Booking.com has no "create conversation"; every reservation has one, found by number. */
export function NewMessageDialog({ open, properties, defaultPropertyId, onClose, onFound }: { open: boolean; properties: InboxProperty[]; defaultPropertyId: string | null; onClose: () => void; onFound: (conversationId: string) => void }) {
  const errorText = useErrorText();
  const t = useTranslations("inbox.newMessage");
  const ref = useRef<HTMLDialogElement>(null);
  const [propertyId, setPropertyId] = useState(defaultPropertyId ?? properties[0]?.id ?? "");
  const [reservation, setReservation] = useState("");
  const lookup = useMutation({
    mutationFn: () => lookupReservation(propertyId, reservation.trim()),
    onSuccess: ({ conversationId }) => {
      setReservation("");
      onFound(conversationId);
    },
  });
  const { reset } = lookup;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      reset();
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, reset]);

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="new-message-title" className="m-auto w-[min(28rem,94vw)] rounded-xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100">
      <form
        className="space-y-3 p-4"
        onSubmit={(event) => {
          event.preventDefault();
          lookup.mutate();
        }}
      >
        <h2 id="new-message-title" className="text-base font-semibold">
          {t("title")}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("intro")}</p>
        {properties.length > 1 ? (
          <div>
            <label htmlFor="new-message-property" className="mb-1 block text-sm font-medium">
              {t("property")}
            </label>
            <select id="new-message-property" className="input w-full" value={propertyId} onChange={(event) => setPropertyId(event.target.value)}>
              {properties.map((property) => (
                <option key={property.id} value={property.id}>
                  {property.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="new-message-reservation" className="mb-1 block text-sm font-medium">
            {t("reservation")}
          </label>
          <input
            id="new-message-reservation"
            className="input w-full"
            inputMode="numeric"
            autoComplete="off"
            value={reservation}
            onChange={(event) => setReservation(event.target.value)}
            placeholder={t("reservationPlaceholder")}
            required
            autoFocus
          />
        </div>
        {lookup.isError ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200" data-testid="lookup-error">
            {errorText(lookup.error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <button type="button" className="btn-ghost" onClick={() => ref.current?.close()}>
            {t("cancel")}
          </button>
          <button type="submit" className="btn-primary" disabled={lookup.isPending || reservation.trim() === ""}>
            {lookup.isPending ? t("finding") : t("find")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
