// The sandbox works without JavaScript (every control is a plain form); this file only adds comfort and live updates.
(() => {
  "use strict";

  const scrollDown = () => {
    for (const pane of document.querySelectorAll(".messages-scroll")) pane.scrollTop = pane.scrollHeight;
  };

  // "Acting as" switches at once; Enter sends in a composer (Shift+Enter for a new line); confirmations.
  document.addEventListener("change", (event) => {
    const target = event.target;
    if (target instanceof HTMLSelectElement && target.dataset.autosubmit !== undefined) target.form.requestSubmit();
  });
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (target instanceof HTMLTextAreaElement && target.dataset.composer !== undefined && event.key === "Enter" &&
        !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      target.form.requestSubmit();
    }
  });
  document.addEventListener("submit", (event) => {
    const question = event.submitter && event.submitter.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  });

  // Live: the server sends a new number when anything changed; swap the regions whose rendering differs.
  let seen = document.body.dataset.version;
  let running = null;
  let again = false;

  const refresh = async () => {
    const response = await fetch(window.location.href, { headers: { "X-Sandbox-Live": "1" }, cache: "no-store" });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    let messagesChanged = false;
    for (const region of fresh.querySelectorAll("[data-live]")) {
      const current = document.getElementById(region.id);
      if (!current || current.dataset.key === region.dataset.key) continue;
      current.replaceWith(document.importNode(region, true));
      messagesChanged = messagesChanged || region.classList.contains("messages-scroll");
    }
    if (messagesChanged) scrollDown();
  };

  const schedule = () => {
    if (running) {
      again = true;
      return;
    }
    running = refresh()
      .catch(() => undefined) // the server is restarting or gone: the next event tries again
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          schedule();
        }
      });
  };

  scrollDown();
  if (!("EventSource" in window)) return;
  const source = new EventSource("/events");
  source.onmessage = (event) => {
    if (event.data !== seen) {
      seen = event.data;
      schedule();
    }
  };
})();
