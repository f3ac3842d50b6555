// The guest page's stylesheet: readable, calm, and with visible focus for keyboard users.
export const guestPageStyles = `
:root { color-scheme: light dark; --accent: #003b95; --muted: #5b6270; --bg: #f5f6f8; --card: #fff; --border: #d7dae0; }
@media (prefers-color-scheme: dark) { :root { --accent: #7fb2ff; --muted: #a5acb8; --bg: #16181c; --card: #1f2227; --border: #343840; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; background: var(--bg); color: CanvasText; }
.top { background: var(--accent); color: #fff; padding: 0.75rem 1.25rem; }
.top h1 { margin: 0; font-size: 1.25rem; }
.top .note { margin: 0; opacity: 0.85; font-size: 0.875rem; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h2 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
select, textarea, input[type=file] { width: 100%; font: inherit; padding: 0.5rem; border: 1px solid var(--border); border-radius: 6px; background: var(--card); color: inherit; }
button { margin-top: 0.75rem; font: inherit; font-weight: 600; padding: 0.5rem 1.25rem; border: 0; border-radius: 6px; background: var(--accent); color: #fff; cursor: pointer; }
button[disabled] { opacity: 0.6; cursor: progress; }
:focus-visible { outline: 3px solid #febb02; outline-offset: 2px; }
.hint, .stay { color: var(--muted); font-size: 0.875rem; }
.messages { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 0.5rem; }
.message { max-width: 85%; padding: 0.5rem 0.75rem; border-radius: 10px; background: var(--card); border: 1px solid var(--border); }
.message[data-sender=guest] { align-self: flex-end; border-color: var(--accent); }
.message .meta { font-size: 0.75rem; color: var(--muted); display: flex; gap: 0.5rem; flex-wrap: wrap; }
.message .content { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.25rem 0 0; }
.message img { display: block; max-width: 100%; max-height: 240px; margin-top: 0.5rem; border-radius: 6px; }
.read-status[data-read=true] { color: #2a7d2e; }
.error { color: #b3261e; font-weight: 600; }
.error:empty, #status:empty { display: none; }
`;
