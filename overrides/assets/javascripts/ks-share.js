/* Sharing progress without a server or account: as a link (the progress itself, compressed, in
   the part after #, which a browser never sends to a server) or as a file. An import never
   overwrites silently: it shows per step and per item what differs, merges by default (newest
   change wins, or the user chooses per item) and can be undone once. Also: partners' progress
   side by side (coalition overview), due dates as a calendar file, and a printable report. */
(() => {
  "use strict";

  const FORMAT = "kansrijke-start-voortgang"; // the id of the file format, not a name to show: saved files stay readable
  const VERSION = 2;
  const PREFIX = "#voortgang-v1."; // + base64url(deflate-raw(JSON rows)); a new format gets v2
  /* Longer links break in mail and chat: some mail programs cut links at 1024 or 2048 characters,
     and 2000 is the long-standing length every browser, mail and chat program keeps intact. */
  const LINK_MAX = 2000;
  const IN_MAX = 200000; // characters of a link or bytes of a file we are willing to read
  const UNCHANGED = "Er is niets veranderd.";
  const BROKEN = `Deze link is beschadigd of onvolledig. Vraag de afzender om een nieuwe link of om het bestand. ${UNCHANGED}`;
  const TOO_BIG = `Dit is te groot voor voortgang van deze site. ${UNCHANGED}`;
  const KEYS = ["status", "changed", "owner", "due", "note", "text"];
  const b64 = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

  const p = window.ksProgress;
  const { points, day, time, statusOf } = p;
  const el = (tag, text, parent, cls) => {
    const e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    if (parent) parent.append(e);
    return e;
  };
  const button = (text, parent, run, cls = "md-button") => {
    const b = el("button", text, parent, cls);
    b.type = "button";
    b.addEventListener("click", run);
    return b;
  };
  const label = (id) => {
    const text = document.querySelector(`[data-ks-item="${id}"] .ks-checklist__text`);
    return text ? text.textContent.trim() : id;
  };
  const stepLabel = (step) => {
    const heading = document.querySelector(`[data-ks-step="${step}"] [data-ks-step-heading]`);
    return heading ? heading.textContent.trim().replace(/\s+/g, " ") : step;
  };
  const describe = (r) =>
    r ? [p.STATUSES[r.status], r.owner, r.due && day(r.due), r.note].filter(Boolean).join(" · ") : p.STATUSES.open;
  const same = (a = {}, b = {}) => (a.status || "open") === (b.status || "open") && KEYS.slice(2).every((k) => a[k] === b[k]);

  /* The progress as a link: rows [id, status, changed (base-36 seconds), owner, due, note, text], compressed. */
  async function pack(items) {
    const rows = Object.entries(items).map(([id, r]) => {
      const row = [id, ...KEYS.map((k) => r[k] || ""), ""];
      if (r.changed) row[2] = Math.round(Date.parse(r.changed) / 1000).toString(36); // seconds: 6 characters
      while (row.at(-1) === "") row.pop();
      return row;
    });
    const stream = new Blob([JSON.stringify(rows)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    return location.href.split("#")[0] + PREFIX + b64(bytes);
  }

  /* A link's items, or an Error with a Dutch message. Never more than IN_MAX is read. */
  async function unpack(hash) {
    if (hash.length > IN_MAX) throw new Error(TOO_BIG);
    let rows;
    try {
      const bytes = Uint8Array.from(atob(hash.slice(PREFIX.length).replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
      const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
      const parts = [];
      let size = 0;
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        size += r.value.length;
        if (size > IN_MAX) {
          reader.cancel();
          throw new Error(TOO_BIG);
        }
        parts.push(r.value);
      }
      rows = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(await new Blob(parts).arrayBuffer()));
    } catch (error) {
      throw new Error(error.message === TOO_BIG ? TOO_BIG : BROKEN);
    }
    if (!Array.isArray(rows)) throw new Error(BROKEN);
    const items = {};
    for (const row of rows) {
      if (!Array.isArray(row) || typeof row[0] !== "string") throw new Error(BROKEN);
      const r = Object.fromEntries(KEYS.map((k, i) => [k, row[i + 1]]).filter(([, v]) => v));
      if (r.changed) r.changed = /^[0-9a-z]{1,8}$/.test(r.changed) ? new Date(parseInt(r.changed, 36) * 1000).toISOString() : "";
      items[row[0]] = r;
    }
    return known(p.read({ items }), "deze link");
  }

  /* A file's items, or an Error with a Dutch message. */
  async function unfile(file) {
    if (file.size > IN_MAX) throw new Error(`Dit bestand is te groot voor een voortgangsbestand. ${UNCHANGED}`);
    let data = null;
    try {
      data = JSON.parse(await file.text());
    } catch {
      throw new Error(`Dit bestand is beschadigd of geen JSON-bestand. ${UNCHANGED}`);
    }
    if (!data || data.format !== FORMAT) throw new Error(`Dit bestand is geen voortgangsbestand van deze site. ${UNCHANGED}`);
    return known(p.read(data), "dit voortgangsbestand");
  }

  /* Only items this site knows; skipped counts the others. */
  function known({ items, bad }, where) {
    const ids = p.ids();
    const theirs = Object.create(null);
    for (const id of Object.keys(items)) if (ids.has(id)) theirs[id] = items[id];
    const skipped = Math.max(bad, 0) + Object.keys(items).length - Object.keys(theirs).length;
    if (!Object.keys(theirs).length) throw new Error(`In ${where} staan geen punten die wij kunnen lezen. ${UNCHANGED}`);
    return { theirs, skipped };
  }

  function init() {
    const panel = document.querySelector("[data-ks-progress-panel]");
    if (!p || !p.items() || !panel || panel.dataset.ksShare) return;
    panel.dataset.ksShare = "true";
    const message = p.message;
    const fail = (error) => message(error.message, [], true);

    /* Show what came in; on a choice, keep the previous state for one undo. */
    const take = ({ theirs, skipped }, source) =>
      review(panel, p.items(), theirs, skipped, source, (choice, chosen) => {
        if (!choice) return message(`U heeft het laden afgebroken. ${UNCHANGED}`);
        const before = p.items();
        const next = choice === "merge" ? Object.assign(Object.create(null), before, chosen) : theirs;
        if (!p.replace(next)) return;
        const undo = () => {
          if (p.replace(before)) message("Uw voortgang staat weer zoals vóór het laden.");
        };
        const done = choice === "merge" ? `De voortgang uit ${source} is samengevoegd met die van u.` : `Uw voortgang is vervangen door die uit ${source}.`;
        message(done, [["Ongedaan maken", undo]]);
      });

    const fromLink = () => {
      if (!location.hash.startsWith(PREFIX)) return;
      const hash = location.hash;
      history.replaceState(null, "", location.href.split("#")[0]); // read once; a reload asks nothing
      unpack(hash).then((data) => take(data, "de link"), fail);
    };
    fromLink();
    window.addEventListener("hashchange", fromLink);

    const out = panel.querySelector("[data-ks-link-out]");
    panel.querySelector("[data-ks-link]").addEventListener("click", async () => {
      out.hidden = true;
      if (!Object.keys(p.items()).length) return message("U heeft nog geen voortgang om te delen.");
      const link = await pack(p.items());
      if (link.length > LINK_MAX) {
        return message(
          `Uw voortgang past niet in een link: die zou ${link.length} tekens lang worden. Links van meer dan ${LINK_MAX} tekens ` +
            "breken in sommige mail- en chatprogramma's. Sla uw voortgang op als bestand en stuur dat bestand.",
          [["Voortgang opslaan als bestand", exportFile]],
        );
      }
      out.hidden = false;
      const field = out.querySelector("input");
      field.value = link;
      field.select();
      message(`Uw link is klaar (${link.length} tekens). Wie de link opent, ziet eerst wat erin staat.`);
    });
    out.querySelector("button").addEventListener("click", () => {
      const field = out.querySelector("input");
      field.select();
      navigator.clipboard.writeText(field.value).then(
        () => message("De link staat op het klembord. Plak hem in een mail of chat."),
        () => message("Kopiëren lukte niet. Selecteer de link en kopieer hem zelf (Ctrl+C)."),
      );
    });

    const exportFile = () => {
      const data = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), items: p.items() };
      p.download("voortgang", JSON.stringify(data, null, 2));
      message("Uw voortgang is opgeslagen als bestand.");
    };
    panel.querySelector("[data-ks-export]").addEventListener("click", exportFile);
    const input = panel.querySelector("[data-ks-import]");
    input.addEventListener("change", () => {
      const file = input.files[0];
      input.value = "";
      if (file) unfile(file).then((data) => take(data, "het bestand"), fail);
    });
    panel.querySelector("[data-ks-ics]").addEventListener("click", () => {
      const text = calendar(p.items());
      if (!text) return message("Bij geen enkel punt staat een datum (wanneer). Er is geen agendabestand gemaakt.");
      p.download("agenda", text, "text/calendar", "ics");
      message("De data staan in een agendabestand (.ics). Open het in uw agenda.");
    });
    panel.querySelector("[data-ks-print]").addEventListener("click", () => {
      report(p.items());
      document.documentElement.classList.add("ks-print-report");
      window.addEventListener("afterprint", () => document.documentElement.classList.remove("ks-print-report"), { once: true });
      window.print();
    });
    coalition(document.querySelector("[data-ks-coalition]"));
  }

  /* Per step and per item what came in; where it differs from the user's, a choice (newest preselected). */
  function review(panel, mine, theirs, skipped, source, done) {
    const dialog = el("dialog", "", panel, "ks-share__review");
    dialog.setAttribute("aria-labelledby", "ks-review-title");
    el("h2", `Voortgang uit ${source.split(" ")[1]} laden`, dialog).id = "ks-review-title";
    const ids = Object.keys(theirs);
    const differ = ids.filter((id) => !same(mine[id], theirs[id]));
    let summary = `In ${source} staan ${points(ids.length)}. Anders dan uw voortgang: ${differ.length}.`;
    if (skipped) summary += ` Wij slaan ${points(skipped)} over: die konden wij niet lezen of deze site kent ze niet.`;
    el("p", summary, dialog);
    if (differ.length) el("p", "Bij samenvoegen telt per punt wat u hieronder kiest. Wij hebben de nieuwste wijziging al gekozen.", dialog);
    const picks = [];
    for (const [step, items] of Object.entries(p.steps())) {
      const here = items.filter((id) => theirs[id]);
      if (!here.length) continue;
      el("h3", stepLabel(step), dialog);
      const list = el("ul", "", dialog);
      for (const id of here) {
        const li = el("li", "", list);
        if (!differ.includes(id)) {
          el("span", `${label(id)}: ${describe(theirs[id])} (gelijk aan die van u)`, li);
          continue;
        }
        const group = el("fieldset", "", li);
        el("legend", label(id), group);
        const newest = !mine[id] || time(theirs[id]) > time(mine[id]) ? "theirs" : "mine";
        for (const [who, text, r] of [["mine", "Van u", mine[id]], ["theirs", `Uit ${source}`, theirs[id]]]) {
          const option = el("label", "", group);
          const radio = el("input", "", option);
          Object.assign(radio, { type: "radio", name: `ks-pick-${id}`, value: who, checked: who === newest });
          option.append(` ${text}: ${describe(r)}`);
          if (who === "theirs") picks.push([id, radio]);
        }
      }
    }
    const lost = Object.keys(mine).filter((id) => statusOf(mine, id) !== "open" && statusOf(theirs, id) === "open").length;
    const back = lost ? ` Van uw eigen punten ${lost === 1 ? "gaat er 1" : "gaan er " + lost} terug naar de status Nog niet begonnen.` : "";
    el("p", `Vervangen: alleen de voortgang uit ${source} blijft over.${back}`, dialog);
    const buttons = el("p", "", dialog, "ks-share__buttons");
    for (const [choice, text] of [["merge", "Samenvoegen"], ["replace", "Vervangen"], ["", "Annuleren"]]) {
      const b = button(text, buttons, () => {
        dialog.returnValue = choice;
        dialog.close();
      });
      if (choice === "merge") b.className += " md-button--primary";
    }
    dialog.addEventListener("close", () => {
      dialog.remove();
      const chosen = Object.create(null);
      for (const [id, radio] of picks) if (radio.checked) chosen[id] = theirs[id];
      done(dialog.returnValue, chosen);
    });
    dialog.showModal();
    buttons.firstChild.focus();
  }

  /* Partners' progress side by side, per step and per item; never stored, never merged. */
  function coalition(box) {
    if (!box) return;
    const sources = [];
    const say = (text) => (box.querySelector("[data-ks-coalition-message]").textContent = text);
    const name = box.querySelector("[data-ks-source-name]");
    const add = (promise) => {
      const who = name.value.trim();
      if (!who) return say("Typ eerst de naam van de partner, bijvoorbeeld JGZ.");
      if (who === "U" || sources.some((s) => s.who === who)) return say(`De naam ${who} is al in gebruik. Kies een andere naam.`);
      promise.then(
        ({ theirs }) => {
          sources.push({ who, items: theirs });
          name.value = "";
          say(`${who} staat in het overzicht (${points(Object.keys(theirs).length)}).`);
          draw();
        },
        (error) => say(error.message.replace(UNCHANGED, "")),
      );
    };
    const link = box.querySelector("[data-ks-source-link]");
    box.querySelector("[data-ks-source-add]").addEventListener("click", () => {
      const hash = "#" + link.value.trim().split("#")[1];
      add(hash.startsWith(PREFIX) ? unpack(hash) : Promise.reject(new Error("Dit is geen link met voortgang van deze site.")));
      link.value = "";
    });
    const file = box.querySelector("[data-ks-source-file]");
    file.addEventListener("change", () => {
      if (file.files[0]) add(unfile(file.files[0]));
      file.value = "";
    });
    const table = box.querySelector("[data-ks-coalition-table]");
    function draw() {
      table.replaceChildren();
      if (!sources.length) return;
      const all = [{ who: "U", items: p.items() }, ...sources];
      const list = el("ul", "", table, "ks-share__sources");
      for (const s of sources) {
        button(`${s.who} weghalen`, el("li", "", list), () => {
          sources.splice(sources.indexOf(s), 1);
          say(`${s.who} is uit het overzicht gehaald.`);
          draw();
        });
      }
      for (const [step, ids] of Object.entries(p.steps())) {
        const t = el("table", "", el("div", "", table, "ks-share__scroll"));
        el("caption", stepLabel(step), t);
        const head = el("tr", "", el("thead", "", t));
        el("th", "Punt", head).scope = "col";
        for (const s of all) el("th", s.who, head).scope = "col";
        const body = el("tbody", "", t);
        for (const id of ids) {
          const row = el("tr", "", body);
          el("th", label(id), row).scope = "row";
          for (const s of all) el("td", describe(s.items[id]), row);
        }
      }
    }
  }

  /* RFC 5545: CRLF lines folded at 75 octets, escaped text, one all-day event per item with a date. */
  function calendar(items) {
    const esc = (s) => s.replace(/[\\;,]/g, "\\$&").replace(/\r?\n/g, "\\n");
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    const short = p.guidance("short");
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:-//${esc(short)}//Handreiking routekaart//NL`, "CALSCALE:GREGORIAN"];
    const dated = Object.entries(items).filter(([, r]) => r.due && r.status !== "klaar" && r.status !== "nvt");
    for (const [id, r] of dated) {
      const start = r.due.replace(/-/g, "");
      const end = new Date(Date.parse(r.due) + 864e5).toISOString().slice(0, 10).replace(/-/g, "");
      const step = Object.keys(p.steps()).find((s) => p.steps()[s].includes(id));
      const about = [step && stepLabel(step), r.owner && `Wie: ${r.owner}`, r.note].filter(Boolean).join("\n");
      lines.push("BEGIN:VEVENT", `UID:${id}@${p.slug(short)}.routekaart`, `DTSTAMP:${stamp}`, `DTSTART;VALUE=DATE:${start}`,
        `DTEND;VALUE=DATE:${end}`, "SUMMARY:" + esc(`${short}: ${label(id)}`), `DESCRIPTION:${esc(about)}`, "END:VEVENT"); // prettier-ignore
    }
    lines.push("END:VCALENDAR");
    const encoder = new TextEncoder();
    const fold = (line) => {
      let out = "";
      let size = 0;
      for (const ch of line) {
        const n = encoder.encode(ch).length;
        if (size + n > 75) {
          out += "\r\n ";
          size = 1;
        }
        out += ch;
        size += n;
      }
      return out;
    };
    return dated.length ? lines.map(fold).join("\r\n") + "\r\n" : "";
  }

  /* The meeting report: date, who was present, per step the state and the open items. */
  function report(items) {
    document.querySelector(".ks-report")?.remove();
    const doc = el("section", "", document.body, "ks-report");
    el("p", p.guidance("long"), doc, "ks-report__kicker");
    el("h1", "Voortgangsverslag", doc);
    const facts = el("dl", "", doc, "ks-report__facts");
    el("dt", "Datum", facts);
    el("dd", day(new Date().toISOString().slice(0, 10)), facts);
    el("dt", "Aanwezig", facts);
    el("dd", "", facts, "ks-report__field");
    const table = el("table", "", doc);
    const head = el("tr", "", el("thead", "", table));
    for (const text of ["Open punt", "Status", "Wie", "Wanneer"]) el("th", text, head).scope = "col";
    const body = el("tbody", "", table);
    for (const [step, ids] of Object.entries(p.steps())) {
      const { state, ready, applicable } = p.stepState(ids, items);
      const text = `${stepLabel(step)}: ${p.STATES[state].toLowerCase()}, ${ready} van ${applicable} klaar`;
      const cell = el("th", text, el("tr", "", body, "ks-report__step"));
      Object.assign(cell, { colSpan: 4, scope: "rowgroup" });
      for (const id of ids.filter((i) => statusOf(items, i) === "open" || statusOf(items, i) === "bezig")) {
        const row = el("tr", "", body);
        const r = items[id] || {};
        const due = r.due && new Date(r.due).toLocaleDateString("nl-NL");
        for (const text of [label(id), statusOf(items, id) === "bezig" ? "Bezig" : "Niet begonnen", r.owner, due]) el("td", text || "", row);
      }
    }
  }

  // After ks-progress.js in the bundle, and started the same way, so window.ksProgress is ready.
  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
