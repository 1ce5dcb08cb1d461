// The form author's preview: reload the page once the package's files changed on disk.
(() => {
  const marker = document.querySelector("[data-revision-href]");
  if (!marker) return;
  const href = marker.getAttribute("data-revision-href");
  let known = null;
  const check = async () => {
    try {
      const response = await fetch(href, { headers: { accept: "application/json" }, cache: "no-store" });
      const { revision } = await response.json();
      if (known !== null && revision !== known) return window.location.reload();
      known = revision;
    } catch {
      // The server is restarting: try again on the next tick.
    }
    window.setTimeout(check, 1000);
  };
  check();
})();
