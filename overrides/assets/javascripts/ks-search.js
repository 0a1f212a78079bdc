/* Search: when nothing is found, say so plainly and point to the glossary, the roadmap and
   the overview pages. */
(() => {
  "use strict";

  const NONE = "Geen overeenkomende documenten"; // Material's Dutch text for an empty result
  const PLACES = [
    ["begrippen/", "Begrippen en afkortingen"],
    ["routekaart/", "Routekaart: alle stappen op één pagina"],
    ["stappen/", "Stappen naar een ketenaanpak"],
    ["acties/", "De acties van het actieprogramma"],
    ["financiering/", "Financiering"],
    ["veelgestelde-vragen/", "Veelgestelde vragen"],
  ];

  function init() {
    const meta = document.querySelector(".md-search-result__meta");
    const config = document.getElementById("__config");
    if (!meta || !config || meta.dataset.ksReady) return;
    meta.dataset.ksReady = "true";
    const base = new URL(JSON.parse(config.textContent).base, location.href);

    const help = document.createElement("div");
    help.className = "ks-search-help";
    help.hidden = true;
    const intro = document.createElement("p");
    intro.textContent = "Geen resultaten. Probeer een ander of korter woord. Of kijk hier:";
    const list = document.createElement("ul");
    for (const [path, label] of PLACES) {
      const link = document.createElement("a");
      // Opened from file:// (the offline edition), a folder does not open its index.html.
      link.href = new URL(path + (location.protocol === "file:" ? "index.html" : ""), base).href;
      link.textContent = label;
      const item = document.createElement("li");
      item.append(link);
      list.append(item);
    }
    help.append(intro, list);
    meta.after(help);

    const update = () => (help.hidden = meta.textContent.trim() !== NONE);
    new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
  }

  // Loaded async: it may run before Material's bundle (no document$ yet) or after the page loaded.
  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
