/* Progress per checklist item (open, bezig, klaar, n.v.t.), kept only in this browser's
   localStorage under a versioned key and keyed by the items' stable ids. No cookies, no
   requests. Export and import as a JSON file; corrupt or outdated state is reset with a notice. */
(() => {
  "use strict";

  const KEY = "ks-voortgang-v1";
  const FORMAT = "kansrijke-start-voortgang";
  const STATUSES = { open: "Open", bezig: "Bezig", klaar: "Klaar", nvt: "N.v.t." };
  const NOT_FOREIGN = "Dit bestand is geen voortgangsbestand van deze site. Er is niets veranderd.";

  const isStatusMap = (items) =>
    !!items && typeof items === "object" && !Array.isArray(items) &&
    Object.values(items).every((s) => Object.hasOwn(STATUSES, s));

  /* Only ids the site knows are kept: an item removed from the checklist drops quietly. */
  const known = (items, ids) => Object.fromEntries(Object.entries(items).filter(([id]) => ids.has(id)));

  function load(ids, complete) {
    let raw = null;
    try {
      raw = localStorage.getItem(KEY);
    } catch {
      return { items: {}, notice: "Uw browser staat opslaan niet toe. Uw voortgang blijft alleen tot u de pagina sluit." };
    }
    if (raw === null) return { items: {} };
    let data = null;
    try {
      data = JSON.parse(raw);
    } catch {}
    if (!data || data.version !== 1 || !isStatusMap(data.items)) {
      save({});
      return { items: {}, notice: "Uw opgeslagen voortgang was beschadigd of verouderd. Wij zijn opnieuw begonnen." };
    }
    if (!complete) return { items: data.items }; // this page knows only its own step's items
    const items = known(data.items, ids);
    if (Object.keys(items).length !== Object.keys(data.items).length) save(items);
    return { items };
  }

  function save(items) {
    try {
      localStorage.setItem(KEY, JSON.stringify({ version: 1, items }));
    } catch {}
  }

  function init() {
    const island = document.getElementById("ks-progress-data");
    const lists = document.querySelectorAll("[data-ks-item]");
    if (!island || !lists.length || island.dataset.ksReady) return;
    island.dataset.ksReady = "true";
    const { steps, complete } = JSON.parse(island.textContent);
    const ids = new Set(Object.values(steps).flat());
    const state = load(ids, complete);
    const panel = document.querySelector("[data-ks-progress-panel]");
    const message = (text) => {
      let box = panel && panel.querySelector("[data-ks-progress-message]");
      if (!box) {
        box = document.createElement("p");
        box.className = "ks-progress__message";
        box.setAttribute("role", "status");
        document.querySelector("[data-ks-checklist]").before(box);
      }
      box.textContent = text;
    };

    lists.forEach((item) => addStatus(item, state, refresh));
    function refresh() {
      document.querySelectorAll("[data-ks-item]").forEach((item) => show(item, state.items[item.dataset.ksItem]));
      counts(steps, state.items);
    }
    refresh();
    if (state.notice) message(state.notice);
    if (panel) controls(panel, state, ids, refresh, message);
  }

  function addStatus(item, state, refresh) {
    const id = item.dataset.ksItem;
    const check = item.querySelector("[data-ks-check]");
    if (check) {
      /* A printable checklist has a labelled checkbox: ticked means "klaar". */
      check.addEventListener("change", () => {
        if (check.checked) state.items[id] = "klaar";
        else delete state.items[id];
        save(state.items);
        refresh();
      });
      return;
    }
    const text = item.querySelector(".ks-checklist__text").textContent.trim();
    const select = document.createElement("select");
    select.className = "ks-status";
    select.setAttribute("aria-label", `Status van: ${text}`);
    for (const [value, label] of Object.entries(STATUSES)) select.add(new Option(label, value));
    select.addEventListener("change", () => {
      if (select.value === "open") delete state.items[id];
      else state.items[id] = select.value;
      save(state.items);
      refresh();
    });
    item.prepend(select);
  }

  function show(item, status = "open") {
    const control = item.querySelector(".ks-status, [data-ks-check]");
    if (control.type === "checkbox") control.checked = status === "klaar";
    else control.value = status;
    item.dataset.status = status;
    item.dataset.statusLabel = STATUSES[status];
  }

  function counts(steps, items) {
    let done = 0;
    let total = 0;
    for (const [step, ids] of Object.entries(steps)) {
      const applicable = ids.filter((id) => items[id] !== "nvt");
      const ready = applicable.filter((id) => items[id] === "klaar").length;
      done += ready;
      total += applicable.length;
      document.querySelectorAll(`[data-ks-step-count="${step}"]`).forEach((el) => {
        el.textContent = `${ready} van ${applicable.length} klaar`;
      });
    }
    const bar = document.querySelector("[data-ks-progress-bar]");
    if (bar) {
      bar.max = Math.max(total, 1);
      bar.value = done;
      document.querySelector("[data-ks-progress-summary]").textContent =
        `${done} van ${total} checklistpunten klaar.`;
    }
  }

  function controls(panel, state, ids, refresh, message) {
    panel.querySelector("[data-ks-export]").addEventListener("click", () => {
      const data = { format: FORMAT, version: 1, exported: new Date().toISOString(), items: state.items };
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      link.download = `kansrijke-start-voortgang-${new Date().toISOString().slice(0, 10)}.json`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
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
        return message("Dit bestand is beschadigd of geen JSON-bestand. Er is niets veranderd.");
      }
      if (!data || data.format !== FORMAT) return message(NOT_FOREIGN);
      if (data.version !== 1 || !isStatusMap(data.items)) {
        return message("Dit voortgangsbestand heeft een onbekende versie of onjuiste waarden. Er is niets veranderd.");
      }
      state.items = known(data.items, ids);
      save(state.items);
      refresh();
      const skipped = Object.keys(data.items).length - Object.keys(state.items).length;
      message(`Voortgang geladen.${skipped ? ` ${skipped} onbekende punten zijn overgeslagen.` : ""}`);
    });
    panel.querySelector("[data-ks-reset]").addEventListener("click", () => {
      if (!window.confirm("Wilt u alle voortgang wissen? Dit kunt u niet ongedaan maken.")) return;
      state.items = {};
      save(state.items);
      refresh();
      message("Uw voortgang is gewist.");
    });
    panel.querySelector("[data-ks-print]").addEventListener("click", () => {
      document.documentElement.classList.add("ks-print-progress");
      window.addEventListener("afterprint", () => document.documentElement.classList.remove("ks-print-progress"), {
        once: true,
      });
      window.print();
    });
  }

  // Loaded async: it may run before Material's bundle (no document$ yet) or after the page loaded.
  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
