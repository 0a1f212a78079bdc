/* Sharing progress without a server: save it as a file and load a partner's file. Nothing is
   overwritten silently: an import shows what differs first and merges by default. */
(() => {
  "use strict";

  const FORMAT = "kansrijke-start-voortgang";
  const VERSION = 2;
  const UNCHANGED = "Er is niets veranderd.";
  const points = (n) => (n === 1 ? "1 punt" : `${n} punten`);

  function init() {
    const p = window.ksProgress;
    const panel = document.querySelector("[data-ks-progress-panel]");
    if (!p || !p.items() || !panel || panel.dataset.ksShare) return;
    panel.dataset.ksShare = "true";
    const message = p.message;
    const statusOf = (items, id) => (items[id] ? items[id].status : "open");

    panel.querySelector("[data-ks-export]").addEventListener("click", () => {
      const data = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), items: p.items() };
      p.download("voortgang", JSON.stringify(data, null, 2));
      message("Uw voortgang is opgeslagen als bestand.");
    });
    const input = panel.querySelector("[data-ks-import]");
    input.addEventListener("change", async () => {
      const file = input.files[0];
      input.value = "";
      if (!file) return;
      let data = null;
      try {
        data = JSON.parse(await file.text());
      } catch {
        return message(`Dit bestand is beschadigd of geen JSON-bestand. ${UNCHANGED}`);
      }
      if (!data || data.format !== FORMAT) {
        return message(`Dit bestand is geen voortgangsbestand van deze site. ${UNCHANGED}`);
      }
      const { items, bad } = p.read(data);
      const ids = p.ids();
      const theirs = Object.create(null);
      for (const id of Object.keys(items)) if (ids.has(id)) theirs[id] = items[id];
      const skipped = Math.max(bad, 0) + Object.keys(items).length - Object.keys(theirs).length;
      if (!Object.keys(theirs).length) {
        return message(`In dit voortgangsbestand staan geen punten die wij kunnen lezen. ${UNCHANGED}`);
      }
      review(panel, p.items(), theirs, skipped, statusOf, p.STATUSES, (choice) => {
        if (!choice) return message(`U heeft het laden afgebroken. ${UNCHANGED}`);
        if (!p.replace(choice === "merge" ? p.merge(p.items(), theirs) : theirs)) return;
        if (choice === "merge") message("De voortgang uit het bestand is samengevoegd met die van u.");
        else message("Uw voortgang is vervangen door die uit het bestand.");
      });
    });
  }

  /* Before an import changes anything: what differs, and the choice to merge, replace or stop. */
  function review(panel, mine, theirs, skipped, statusOf, STATUSES, done) {
    const label = (id) => {
      const text = document.querySelector(`[data-ks-item="${id}"] .ks-checklist__text`);
      return text ? text.textContent.trim() : id;
    };
    const differ = Object.keys(theirs).filter((id) => statusOf(mine, id) !== theirs[id].status);
    const lost = Object.keys(mine).filter((id) => statusOf(mine, id) !== "open" && statusOf(theirs, id) === "open");
    const dialog = document.createElement("dialog");
    dialog.className = "ks-progress__review";
    dialog.setAttribute("aria-labelledby", "ks-review-title");
    const add = (tag, text, parent = dialog) => {
      const el = document.createElement(tag);
      el.textContent = text;
      parent.append(el);
      return el;
    };
    add("h2", "Voortgang uit bestand laden").id = "ks-review-title";
    let summary = `Het bestand heeft ${points(Object.keys(theirs).length)}. Anders dan uw voortgang: ${differ.length}.`;
    if (skipped) summary += ` Wij slaan ${points(skipped)} over: die konden wij niet lezen of deze site kent ze niet.`;
    add("p", summary);
    if (differ.length) {
      add("p", "Wat anders is (uw status → status in het bestand):");
      const list = add("ul", "");
      for (const id of differ.slice(0, 30)) {
        add("li", `${label(id)}: ${STATUSES[statusOf(mine, id)]} → ${STATUSES[theirs[id].status]}`, list);
      }
      if (differ.length > 30) add("li", `en nog ${points(differ.length - 30)}`, list);
    }
    add("p", "Samenvoegen: per punt blijft de nieuwste wijziging staan. Weten wij niet welke nieuwer is, dan blijft die van u.");
    const back = lost.length ? ` Van uw eigen punten ${lost.length === 1 ? "gaat er 1" : `gaan er ${lost.length}`} terug naar Open.` : "";
    add("p", `Vervangen: alleen de voortgang uit het bestand blijft over.${back}`);
    const buttons = add("p", "");
    for (const [choice, text] of [["merge", "Samenvoegen"], ["replace", "Vervangen"], ["", "Annuleren"]]) {
      const button = add("button", text, buttons);
      button.type = "button";
      button.className = choice === "merge" ? "md-button md-button--primary" : "md-button";
      button.addEventListener("click", () => {
        dialog.returnValue = choice;
        dialog.close();
      });
    }
    dialog.addEventListener("close", () => {
      dialog.remove();
      done(dialog.returnValue);
    });
    panel.append(dialog);
    dialog.showModal();
    buttons.firstChild.focus();
  }

  // After ks-progress.js in the bundle, and started the same way, so window.ksProgress is ready.
  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
