/* Progress per checklist item (open, bezig, klaar, n.v.t.), kept only in this browser's
   localStorage and keyed by the items' stable ids. No cookies, no requests.
   Stored as {version: 2, items: {id: {status, changed, owner?, due?, note?, text?}}}: one record
   per item (text: the hash of the item's text when it was marked, to flag a changed text), so a
   merge by newest change fits in. Stored progress is never wiped: every readable
   item is kept, version 1 is migrated, a copy of anything unreadable is set aside to download,
   a change that could not be saved is said. Sharing and importing live in ks-share.js, which
   uses window.ksProgress (at the end). */
(() => {
  "use strict";

  const KEY = "ks-voortgang";
  const OLD_KEY = "ks-voortgang-v1"; // version 1: {version: 1, items: {id: status}}
  const ASIDE = "ks-voortgang-apart-"; // + time: copies of stored progress that could not be read
  const VERSION = 2;
  const STATUSES = { open: "Nog niet begonnen", bezig: "Bezig", klaar: "Klaar", nvt: "Niet van toepassing" };
  const STATES = { open: "Niet begonnen", bezig: "Bezig", klaar: "Klaar" }; // of a step
  const FIELDS = { owner: ["Wie", 80], due: ["Wanneer", 10], note: ["Opmerking", 280] };
  const ID = /^[a-z0-9-]{1,100}$/;
  const MAX_ITEMS = 5000;
  const NO_STORAGE = "Uw browser staat opslaan niet toe. Uw voortgang blijft alleen tot u de pagina sluit.";
  const UNSAVED =
    "Let op: uw laatste wijziging is niet opgeslagen. De opslag van uw browser is vol of geblokkeerd. " +
    "Sla uw voortgang op als bestand, dan raakt u niets kwijt.";
  const KEPT = "Een kopie van wat wij niet konden lezen staat apart. U kunt die downloaden en bewaren.";

  const empty = () => Object.create(null); // ids such as "constructor" stay plain keys
  const statusOf = (items, id) => (items[id] ? items[id].status : "open");
  const time = (r) => Date.parse(r.changed) || 0;
  const points = (n) => (n === 1 ? "1 punt" : `${n} punten`);
  const str = (v) => (typeof v === "string" ? v : "");
  const day = (v) => new Date(`${v}T12:00`).toLocaleDateString("nl-NL", { dateStyle: "long" });

  /* One item's record, or null if it cannot be read. Version 1 stored the status alone. */
  function record(value) {
    const r = typeof value === "string" ? { status: value } : value;
    if (!r || typeof r !== "object" || !Object.hasOwn(STATUSES, r.status)) return null;
    const clean = { status: r.status };
    if (typeof r.changed === "string" && r.changed.length < 40 && Date.parse(r.changed)) clean.changed = r.changed;
    for (const [key, [, max]] of Object.entries(FIELDS)) if (str(r[key]).trim()) clean[key] = str(r[key]).slice(0, max);
    if (clean.due && !(/^\d{4}-\d\d-\d\d$/.test(clean.due) && Date.parse(clean.due))) delete clean.due;
    if (/^[0-9a-f]{4,16}$/.test(str(r.text))) clean.text = r.text;
    return clean;
  }

  /* The readable items of stored or imported data; bad counts the others (-1: none readable). */
  function read(data) {
    const items = empty();
    const all = data && data.items;
    if (!all || typeof all !== "object" || Array.isArray(all)) return { items, bad: -1 };
    const entries = Object.entries(all);
    let bad = Math.max(0, entries.length - MAX_ITEMS);
    for (const [id, value] of entries.slice(0, MAX_ITEMS)) {
      const r = ID.test(id) && record(value);
      if (r) items[id] = r;
      else bad++;
    }
    return { items, bad };
  }

  /* Per item the newest change wins; without dates, or with equal ones, the receiver's stays. */
  function merge(mine, theirs) {
    const out = Object.assign(empty(), mine);
    for (const [id, r] of Object.entries(theirs)) if (!mine[id] || time(r) > time(mine[id])) out[id] = r;
    return out;
  }

  function load() {
    let raw = null;
    try {
      raw = localStorage.getItem(KEY) ?? localStorage.getItem(OLD_KEY);
    } catch {
      return { items: empty(), notice: NO_STORAGE };
    }
    if (raw === null) return { items: empty() };
    let data = null;
    try {
      data = JSON.parse(raw);
    } catch {}
    const { items, bad } = read(data);
    const known = data && (data.version === 1 || data.version === VERSION);
    if (known && !bad) {
      if (data.version !== VERSION) save(items);
      return { items };
    }
    try {
      localStorage.setItem(ASIDE + new Date().toISOString(), raw);
      save(items); // only once the original is safe
    } catch {}
    const count = Object.keys(items).length;
    let notice = `Wij konden ${points(bad)} van uw opgeslagen voortgang niet lezen. De andere ${points(count)} hebben wij bewaard.`;
    if (bad < 0) notice = "Uw opgeslagen voortgang kon niet worden gelezen.";
    else if (!known) notice = `Uw opgeslagen voortgang komt uit een andere versie van deze site. Wij hebben ${points(count)} bewaard.`;
    return { items, notice: `${notice} ${KEPT}`, aside: raw };
  }

  function save(items) {
    try {
      localStorage.setItem(KEY, JSON.stringify({ version: VERSION, items }));
      localStorage.removeItem(OLD_KEY);
      return true;
    } catch {
      return false;
    }
  }

  function asideKeys() {
    try {
      return Object.keys(localStorage).filter((k) => k.startsWith(ASIDE));
    } catch {
      return [];
    }
  }

  /* The guidance's names, as the site header shows them (overrides/main.html): "long" is the
     site's name, "short" the one a phone shows; `slug` makes one fit for a file name. */
  function guidance(kind) {
    const shown = document.querySelector(`.ks-title--${kind}`);
    return (shown && shown.textContent.trim()) || document.title;
  }
  const slug = (text) =>
    text
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");

  /* Offer text as a file to save: <short name>-<name>-<date>.<ext>, e.g. kansrijke-start-voortgang-2026-11-29.json. */
  function download(name, text, type = "application/json", ext = "json") {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = `${slug(guidance("short"))}-${name}-${new Date().toISOString().slice(0, 10)}.${ext}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  const listeners = [];
  let current = null; // this page's progress: {state, ids, steps, persist, message}

  function init() {
    const island = document.getElementById("ks-progress-data");
    const lists = document.querySelectorAll("[data-ks-item]");
    if (!island || !lists.length || island.dataset.ksReady) return;
    island.dataset.ksReady = "true";
    const { steps, hashes = {} } = JSON.parse(island.textContent);
    const ids = new Set(Object.values(steps).flat());
    const state = load();
    const panel = document.querySelector("[data-ks-progress-panel]");
    const message = (text, actions = [], error = false) => {
      let box = document.querySelector("[data-ks-progress-message]");
      if (!box) {
        box = document.createElement("p");
        box.className = "ks-progress__message";
        box.dataset.ksProgressMessage = "";
        box.setAttribute("role", "status");
        document.querySelector("[data-ks-checklist]").before(box);
      }
      box.classList.toggle("ks-progress__message--error", error);
      box.textContent = text;
      for (const [label, run] of actions) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.textContent = label;
        button.addEventListener("click", run);
        box.append(" ", button);
      }
    };
    const downloadAside = () => {
      const keys = asideKeys();
      const copies = keys.map((k) => ({ apart: k.slice(ASIDE.length), tekst: localStorage.getItem(k) }));
      download("voortgang-apart", JSON.stringify(keys.length ? copies : [{ tekst: state.aside }], null, 2));
    };
    const removeAside = () => {
      if (!window.confirm("Wilt u de apart gezette voortgang verwijderen? Dit kunt u niet ongedaan maken.")) return;
      asideKeys().forEach((k) => localStorage.removeItem(k));
      message("De apart gezette voortgang is verwijderd.");
    };
    const offerAside = (text) =>
      message(text, [
        ["Apart gezette voortgang downloaden", downloadAside],
        ["Apart gezette voortgang verwijderen", removeAside],
      ]);

    /* Save after a change; say so when it failed, and when saving works again. */
    const persist = () => {
      if (!save(state.items)) {
        state.failed = true;
        message(UNSAVED, [], true);
      } else if (state.failed) {
        state.failed = false;
        message("Uw voortgang is weer opgeslagen, ook de wijzigingen van daarnet.");
      }
      refresh();
    };
    /* A status is marked with the item's current text hash; details change only themselves. */
    const update = (id, change) => {
      if (change.status) change.text = hashes[id];
      state.items[id] = record({ status: "open", ...state.items[id], ...change, changed: new Date().toISOString() });
      persist();
    };

    /* Items get their controls at once, except in the roadmap's closed stops: those get theirs a
       stop at a time in later tasks, as one task for all 63 held up a phone for ~140 ms after
       load. The island's data-ks-items-ready says all are there. */
    const built = [];
    const build = (items) => {
      items.forEach((item) => addItem(item, update));
      built.push(...items);
    };
    const now = [];
    const closed = new Map(); // a stop's panel -> its items
    for (const item of lists) {
      const panel = item.closest(".ks-roadmap__panel");
      if (!panel || `#${panel.parentElement.id}` === location.hash) now.push(item);
      else closed.set(panel, [...(closed.get(panel) || []), item]);
    }
    build(now);
    const next = () => {
      const [[panel, items] = []] = closed;
      if (!panel) return void (island.dataset.ksItemsReady = "true");
      closed.delete(panel);
      build(items);
      items.forEach((item) => show(item, state.items[item.dataset.ksItem], hashes));
      setTimeout(next);
    };
    setTimeout(next);
    const expired = document.querySelector("[data-ks-expired]");
    expired?.querySelector("button").addEventListener("click", () => {
      if (!window.confirm("Wilt u de vervallen punten verwijderen? Dit kunt u niet ongedaan maken.")) return;
      for (const id of gone()) delete state.items[id];
      persist();
    });
    /* Kept progress of items the data no longer has (only the roadmap knows every item). */
    const kept = (r) => r.status !== "open" || Object.keys(FIELDS).some((name) => r[name]);
    const gone = () => Object.keys(state.items).filter((id) => !ids.has(id) && kept(state.items[id]));
    function refresh() {
      built.forEach((item) => show(item, state.items[item.dataset.ksItem], hashes));
      route(steps, state.items);
      listeners.forEach((fn) => fn(state.items));
      if (!expired) return;
      expired.hidden = !gone().length;
      expired.querySelector("ul").replaceChildren(
        ...gone().map((id) => {
          const li = document.createElement("li");
          li.textContent = [`${id}: ${STATUSES[state.items[id].status]}`, ...details(state.items[id])].join(" · ");
          return li;
        }),
      );
    }
    refresh();
    if (state.notice) offerAside(state.notice);
    else if (panel && asideKeys().length) offerAside(`Er staat nog voortgang apart die wij niet konden lezen. ${KEPT}`);
    current = { state, ids, steps, persist, message };
    if (panel) controls(panel, state, persist, message);
    window.addEventListener("storage", (event) => {
      if (event.key !== KEY || state.failed) return; // another tab saved: show the same progress here
      state.items = load().items;
      refresh();
    });
  }

  /* Per item: a status radio group (arrow keys move and choose), a flag when the item's text
     changed since it was marked, and wie / wanneer / opmerking in a disclosure. */
  function addItem(item, update) {
    const id = item.dataset.ksItem;
    const text = item.querySelector(".ks-checklist__text").textContent.trim();
    const box = document.createElement("div");
    box.className = "ks-item";
    const options = Object.entries(STATUSES).map(
      ([value, label]) => `<label><input type="radio" name="ks-${id}" value="${value}"><span>${label}</span></label>`,
    );
    const fields = Object.entries(FIELDS).map(
      ([name, [label, max]]) => {
        const type = name === "due" ? "date" : "text";
        const input =
          name === "note"
            ? '<textarea name="note" maxlength="' + max + '" rows="2"></textarea>'
            : '<input name="' + name + '" type="' + type + '" maxlength="' + max + '">';
        return `<label>${label} ${input}</label>`;
      },
    );
    box.innerHTML =
      `<div class="ks-status" role="radiogroup">${options.join("")}</div>` +
      '<p class="ks-item__flag" hidden>Gewijzigd sinds u dit afvinkte. <button type="button">Ik heb de nieuwe tekst gelezen</button></p>' +
      `<details class="ks-details"><summary></summary><div role="group">${fields.join("")}</div></details>`;
    box.querySelector(".ks-status").setAttribute("aria-label", `Status van: ${text}`);
    box.querySelector("[role=group]").setAttribute("aria-label", `Wie, wanneer, opmerking bij: ${text}`);
    box.addEventListener("change", ({ target }) => target.type === "radio" && update(id, { status: target.value }));
    box.addEventListener("input", ({ target }) => FIELDS[target.name] && update(id, { [target.name]: target.value }));
    box.querySelector("button").addEventListener("click", () => update(id, { status: item.dataset.status }));
    (item.querySelector(".ks-checklist-table__item") || item).append(box);
  }

  const details = (r) =>
    Object.entries(FIELDS)
      .filter(([name]) => r[name])
      .map(([name, [label]]) => `${label}: ${name === "due" ? day(r.due) : r[name]}`);

  function show(item, r = { status: "open" }, hashes) {
    item.querySelector(`.ks-status [value="${r.status}"]`).checked = true;
    item.dataset.status = r.status;
    item.dataset.statusLabel = STATUSES[r.status];
    item.querySelector(".ks-item__flag").hidden = !r.text || !hashes[item.dataset.ksItem] || r.text === hashes[item.dataset.ksItem];
    for (const name of Object.keys(FIELDS)) {
      const input = item.querySelector(`[name="${name}"]`);
      const value = r[name] || "";
      if (input !== document.activeElement && input.value !== value) input.value = value; // a write costs, also of ""
      const cell = item.querySelector(`[data-ks-field="${name}"]`);
      if (cell) cell.textContent = name === "due" && r.due ? day(r.due) : r[name] || "";
    }
    const summary = details(r).map((d) => (d.startsWith("Opmerking") ? "met opmerking" : d));
    item.querySelector("summary").textContent = summary.join(" · ") || "Wie, wanneer, opmerking";
    item.querySelector(".ks-details").classList.toggle("ks-details--empty", !summary.length);
  }

  /* A step's state: klaar when every item that applies is klaar, bezig once any item is marked
     (busy: also when all are n.v.t.). Shared with the report in ks-share.js. */
  function stepState(ids, items) {
    const all = ids.map((id) => statusOf(items, id));
    const applicable = all.filter((s) => s !== "nvt");
    const ready = applicable.filter((s) => s === "klaar").length;
    const busy = all.some((s) => s !== "open");
    return { state: ready === applicable.length ? "klaar" : busy ? "bezig" : "open", ready, applicable: applicable.length, busy };
  }

  /* Counts per step and in all; on the roadmap also each stop's state and ring, and the next step:
     the first that is not done ("Begin hier" while nothing has been marked). */
  function route(steps, items) {
    let done = 0;
    let total = 0;
    let next = null;
    let started = false;
    for (const [step, ids] of Object.entries(steps)) {
      const { state, ready, applicable, busy } = stepState(ids, items);
      started ||= busy;
      next ??= state === "klaar" ? null : step;
      done += ready;
      total += applicable;
      document.querySelectorAll(`[data-ks-step-count="${step}"]`).forEach((el) => {
        el.textContent = `${ready} van ${applicable} klaar`;
      });
      const stop = document.querySelector(`[data-ks-step="${step}"]`);
      if (!stop) continue;
      stop.dataset.state = state;
      stop.style.setProperty("--ks-done", `${applicable ? (100 * ready) / applicable : 100}%`);
      stop.querySelector("[data-ks-step-state]").textContent = STATES[state];
    }
    document.querySelectorAll("[data-ks-step-next]").forEach((el) => {
      const stop = el.closest("[data-ks-step]");
      stop.toggleAttribute("data-next", stop.dataset.ksStep === next);
      el.textContent = stop.dataset.ksStep !== next ? "" : started ? "Volgende stap" : "Begin hier";
    });
    const link = document.querySelector("[data-ks-next-link]");
    if (link) {
      const heading = next && document.querySelector(`#rk-${next} [data-ks-step-heading]`);
      link.hidden = !heading;
      if (heading) link.textContent = heading.textContent.trim().replace(/\s+/g, " ");
      link.href = `#rk-${next}`;
      document.querySelector("[data-ks-next-label]").textContent = !next
        ? "Alle stappen zijn klaar."
        : started
          ? "Volgende stap:"
          : "Begin bij";
    }
    const bar = document.querySelector("[data-ks-progress-bar]");
    if (bar) {
      bar.max = Math.max(total, 1);
      bar.value = done;
      document.querySelector("[data-ks-progress-summary]").textContent =
        `${done} van ${total} checklistpunten klaar.`;
    }
  }

  function controls(panel, state, persist, message) {
    panel.querySelector("[data-ks-reset]").addEventListener("click", () => {
      if (!window.confirm("Wilt u alle voortgang wissen? Dit kunt u niet ongedaan maken.")) return;
      state.items = empty();
      persist();
      if (!state.failed) message("Uw voortgang is gewist.");
    });
  }

  /* For ks-share.js: this page's progress, read and merged as stored progress is. */
  window.ksProgress = {
    items: () => current && current.state.items,
    ids: () => current.ids,
    steps: () => current.steps,
    read,
    merge,
    /* Store these items instead; false if saving failed (the page already says so). */
    replace(items) {
      current.state.items = items;
      current.persist();
      return !current.state.failed;
    },
    onChange: (fn) => listeners.push(fn),
    message: (...args) => current.message(...args),
    download,
    guidance,
    slug,
    stepState,
    statusOf,
    points,
    time,
    day,
    STATUSES,
    STATES,
  };

  // Loaded async: it may run before Material's bundle (no document$ yet) or after the page loaded.
  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
