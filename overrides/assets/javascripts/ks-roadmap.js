/* Roadmap: each stop on the route becomes a disclosure button (collapsed), with "show all" and
   filters by level and partner that live in the URL. Without JavaScript every step stays open. */
(() => {
  "use strict";

  const SHOW_ALL = "Toon alle stappen";
  const HIDE_ALL = "Verberg alle stappen";

  function init() {
    const roadmap = document.querySelector("[data-ks-roadmap]");
    if (!roadmap || roadmap.dataset.ksReady) return;
    roadmap.dataset.ksReady = "true";
    const steps = [...roadmap.querySelectorAll("[data-ks-step]")].map(disclosure);
    const toggleAll = roadmap.querySelector("[data-ks-toggle-all]");
    const visible = () => steps.filter((s) => !s.element.hidden);

    function syncToggleAll() {
      const open = visible().length > 0 && visible().every((s) => s.isOpen());
      toggleAll.setAttribute("aria-expanded", String(open));
      toggleAll.textContent = open ? HIDE_ALL : SHOW_ALL;
    }
    steps.forEach((s) => s.onToggle(syncToggleAll));
    toggleAll.addEventListener("click", () => {
      const open = toggleAll.getAttribute("aria-expanded") !== "true";
      visible().forEach((s) => s.set(open));
      syncToggleAll();
    });

    const filter = filters(roadmap, steps, syncToggleAll);
    filter.apply();

    /* A link to a step the filters hide (the next step, a regional follow-up) shows every step
       again: otherwise it would lead nowhere. */
    function openFromHash() {
      const step = steps.find((s) => "#" + s.element.id === location.hash);
      const filtered = step && step.element.hidden;
      if (filtered) filter.clear();
      if (step) step.set(true);
      if (filtered) step.element.scrollIntoView();
      syncToggleAll();
    }
    window.addEventListener("hashchange", openFromHash);
    openFromHash();
  }

  /* The heading's content moves into a button with aria-expanded; the step number stays
     part of the button's text, so it is part of its accessible name. */
  function disclosure(element) {
    const heading = element.querySelector("[data-ks-step-heading]");
    const panel = element.querySelector(".ks-roadmap__panel");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ks-roadmap__toggle";
    button.setAttribute("aria-controls", panel.id);
    button.append(...heading.childNodes);
    heading.append(button);
    const listeners = [];
    const isOpen = () => button.getAttribute("aria-expanded") === "true";
    const set = (open) => {
      button.setAttribute("aria-expanded", String(open));
      panel.hidden = !open;
    };
    set(false);
    button.addEventListener("click", () => {
      set(!isOpen());
      listeners.forEach((f) => f());
    });
    return { element, isOpen, set, onToggle: (f) => listeners.push(f) };
  }

  function filters(roadmap, steps, changed) {
    const levels = [...roadmap.querySelectorAll('input[name="niveau"]')];
    const partner = roadmap.querySelector('select[name="partner"]');
    const status = roadmap.querySelector("[data-ks-filter-status]");
    const params = new URLSearchParams(location.search);
    const chosen = (options, value) => (options.includes(value) ? value : "");
    const level = chosen(levels.map((r) => r.value), params.get("niveau"));
    levels.forEach((r) => (r.checked = r.value === level));
    partner.value = chosen([...partner.options].map((o) => o.value), params.get("partner"));
    if (level || partner.value) roadmap.querySelector(".ks-filter-box").open = true; // say why steps are missing

    function apply() {
      const level = levels.find((r) => r.checked).value;
      const who = partner.value;
      let shown = 0;
      steps.forEach(({ element }) => {
        const match =
          (!level || element.dataset.level === level) &&
          (!who || element.dataset.partners.split(" ").includes(who));
        element.hidden = !match;
        shown += match ? 1 : 0;
      });
      roadmap.querySelectorAll(".ks-lane").forEach((lane) => {
        lane.hidden = !lane.querySelector("[data-ks-step]:not([hidden])");
      });
      status.textContent = `${shown} van ${steps.length} stappen getoond.`;
      changed();
    }

    function update() {
      const url = new URL(location.href);
      const level = levels.find((r) => r.checked).value;
      level ? url.searchParams.set("niveau", level) : url.searchParams.delete("niveau");
      partner.value ? url.searchParams.set("partner", partner.value) : url.searchParams.delete("partner");
      history.replaceState(history.state, "", url);
      apply();
    }
    function clear() {
      levels.forEach((r) => (r.checked = !r.value));
      partner.value = "";
      update();
    }
    levels.forEach((r) => r.addEventListener("change", update));
    partner.addEventListener("change", update);
    return { apply, clear };
  }

  // Loaded async: it may run before Material's bundle (no document$ yet) or after the page loaded.
  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
