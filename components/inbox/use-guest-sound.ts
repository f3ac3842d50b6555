"use client";

// A chime when a guest writes, for a front desk whose staff look up from the counter rather than at
// the screen (shared inboxes' "audio alerts"). Opt-in per browser (the toolbar's speaker), and heard
// whether or not the tab is in front; the same news as a notification (recent-guest-message.ts: an
// imported history does not ring).
// One chime per message across every Bellhop tab of this browser, and at most one per CHIME_GAP_MS in a
// burst: the tab that rings holds a Web Lock that long, and the others (and the burst's next
// messages) find it taken. Only a tab that can be heard asks for the lock.
// Browsers let a page make sound only once the person has touched it: turning the sound on is such a
// touch; after a reload the first click or key on the page is (until then the button says so, and
// nothing rings: a chime queued on a silent page would sound at that click, long after the message).
// The sound is made here (Web Audio: a struck bell's partials, decaying), so there is no file to load.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { readDevicePreference, saveDevicePreference, subscribeDevicePreferences } from "./device-preference";

const PREFERENCE_KEY = "bellhop.sound";
const CHIME_LOCK = "bellhop.chime";
const CHIME_GAP_MS = 2_000;
const BELL_HZ = 1318.5; // E6
/** A struck plate's partials (ratio to the fundamental, loudness): bright, not a pure beep. */
const PARTIALS: [number, number][] = [
  [1, 1],
  [2.76, 0.25],
  [5.4, 0.08],
];
const RING_SECONDS = 1.6;

export type GuestSound = {
  /** The browser can make sound (Web Audio). */
  supported: boolean;
  /** On for this browser. */
  enabled: boolean;
  /** On, but the browser still waits for a click on the page before it plays anything. */
  waitingForClick: boolean;
  toggle: () => void;
  /** A guest just wrote: ring, if on and audible, unless a tab of this browser just did. */
  chime: () => void;
};

let audio: AudioContext | null = null;
let lastRingWithoutLocks = 0;

/** The page's one AudioContext; made only in answer to a click or a key, so the browser lets it run. */
function audioContext(): AudioContext {
  audio ??= new AudioContext();
  return audio;
}

export function useGuestSound(): GuestSound {
  const state = useSyncExternalStore(subscribeDevicePreferences, readState, () => "unsupported" as const);
  const enabled = state === "on";
  // Running already when this screen comes back within the page (the context outlives it).
  const [audible, setAudible] = useState(() => audio?.state === "running");
  const latest = useRef(enabled);
  useEffect(() => {
    latest.current = enabled;
  });

  // On after a reload: the first click or key on the page lets the sound play.
  useEffect(() => {
    if (!enabled) return;
    const unlock = () => {
      const context = audioContext();
      void context.resume().then(
        () => setAudible(context.state === "running"),
        () => undefined,
      );
    };
    window.addEventListener("pointerdown", unlock);
    window.addEventListener("keydown", unlock);
    return () => {
      window.removeEventListener("pointerdown", unlock);
      window.removeEventListener("keydown", unlock);
    };
  }, [enabled]);

  const toggle = useCallback(() => {
    if (state === "unsupported") return;
    if (state === "on") return saveDevicePreference(PREFERENCE_KEY, "off");
    saveDevicePreference(PREFERENCE_KEY, "on");
    // This click allows the sound, and the staff member hears what a guest's message will sound like.
    const context = audioContext();
    void context.resume().then(
      () => {
        setAudible(context.state === "running");
        ring(context);
      },
      () => undefined,
    );
  }, [state]);

  const chime = useCallback(() => {
    if (!latest.current || audio?.state !== "running") return;
    const context = audio;
    if (!("locks" in navigator)) {
      // No Web Locks (outside a secure context): this tab alone keeps the gap.
      if (Date.now() - lastRingWithoutLocks < CHIME_GAP_MS) return;
      lastRingWithoutLocks = Date.now();
      ring(context);
      return;
    }
    void navigator.locks.request(CHIME_LOCK, { ifAvailable: true }, async (lock) => {
      if (!lock) return;
      ring(context);
      await new Promise((resolve) => setTimeout(resolve, CHIME_GAP_MS));
    });
  }, []);

  return { supported: state !== "unsupported", enabled, waitingForClick: enabled && !audible, toggle, chime };
}

function ring(context: AudioContext): void {
  const start = context.currentTime;
  const level = context.createGain();
  level.gain.setValueAtTime(0.0001, start);
  level.gain.exponentialRampToValueAtTime(0.3, start + 0.01);
  level.gain.exponentialRampToValueAtTime(0.0001, start + RING_SECONDS);
  level.connect(context.destination);
  for (const [ratio, loudness] of PARTIALS) {
    const tone = context.createOscillator();
    tone.frequency.value = BELL_HZ * ratio;
    const partial = context.createGain();
    partial.gain.value = loudness;
    tone.connect(partial).connect(level);
    tone.start(start);
    tone.stop(start + RING_SECONDS + 0.1);
  }
}

function readState(): "unsupported" | "on" | "off" {
  if (!("AudioContext" in window)) return "unsupported";
  return readDevicePreference(PREFERENCE_KEY);
}
