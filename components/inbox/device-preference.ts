"use client";

// Choices kept per browser (localStorage), not per account: whether this computer shows notifications
// or rings belongs to the device at the desk, whoever is signed in. Each hook reads its own key through
// useSyncExternalStore with subscribeDevicePreferences, so every tab follows a change made in any.

const CHANGED = "bellhop-device-preference";

export type DevicePreference = "on" | "off";

export function readDevicePreference(key: string): DevicePreference {
  try {
    return localStorage.getItem(key) === "on" ? "on" : "off";
  } catch {
    // Storage refused (a privacy setting): off, and asked again on the next click.
    return "off";
  }
}

export function saveDevicePreference(key: string, value: DevicePreference): void {
  try {
    localStorage.setItem(key, value);
  } finally {
    announceDevicePreferenceChange();
  }
}

/** Tells this tab's readers to read again (another tab's change arrives as a `storage` event). */
export function announceDevicePreferenceChange(): void {
  window.dispatchEvent(new Event(CHANGED));
}

export function subscribeDevicePreferences(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener("storage", onChange);
  };
}
