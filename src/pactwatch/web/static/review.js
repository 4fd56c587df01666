// pactwatch pages: signing in, and confirming, rejecting or correcting what the pipeline read.
// Every quote, event and commitment drawn by PW.quoteItem/eventItem/commitmentItem (and the
// board's steps) gets a review block: its mark when reviewed, and the buttons when signed in.
// The token stays in this browser (localStorage) and is sent as a bearer token.
"use strict";

const PWReview = (() => {
  const { t, el, api, append, clear } = PW;
  const KEY = "pactwatch-token";
  const STATUSES = {
    commitment: ["proposed", "requested", "under_negotiation", "agreed", "in_force", "suspended", "withdrawn", "rejected"],
    event: ["occurred", "planned", "reported", "denied", "hypothetical"],
  };
  const PARTIES = { commitment: ["guarantors", "beneficiaries"], event: ["source", "target"] };
  let me = null;

  function token() {
    try {
      return window.localStorage.getItem(KEY) || "";
    } catch (_) {
      return "";
    }
  }

  function headers(json) {
    const found = { Accept: "application/json", Authorization: `Bearer ${token()}` };
    if (json) found["Content-Type"] = "application/json";
    return found;
  }

  async function whoami() {
    if (!token()) return null;
    try {
      me = await api("/me", null, { headers: headers(false) });
    } catch (error) {
      if (error.status === 401) window.localStorage.removeItem(KEY);
      me = null;
    }
    return me;
  }

  function showSignedIn() {
    document.body.classList.toggle("signed-in", Boolean(me));
    const box = document.getElementById("signin");
    if (!box) return;
    clear(box);
    if (me) {
      append(box, [
        el("span", { id: "signin-name", class: "signed-in-as" }, `${t("signed_in_as")} ${me.name}`), " ",
        el("button", { type: "button", id: "signout", onclick: signOut }, t("sign_out")),
      ]);
      return;
    }
    const input = el("input", { type: "password", id: "signin-token", name: "token", autocomplete: "off",
      placeholder: t("token_placeholder"), size: 14, "aria-label": t("token_placeholder") });
    const form = el("form", { id: "signin-form", class: "signin-form" }, input, " ",
      el("button", { type: "submit", id: "signin-submit" }, t("sign_in")),
      el("span", { id: "signin-error", class: "error", role: "alert" }));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      window.localStorage.setItem(KEY, input.value.trim());
      await whoami();
      if (!me) document.getElementById("signin-error").textContent = ` ${t("sign_in_failed")}`;
      else showSignedIn();
    });
    box.appendChild(form);
  }

  function signOut() {
    window.localStorage.removeItem(KEY);
    me = null;
    showSignedIn();
  }

  function mark(review) {
    if (!review) return null;
    const when = (review.reviewed_at || "").slice(0, 10);
    return el("span", { class: `tag review review-${review.verdict}`, title: review.note || "" },
      `${PW.label("verdict", review.verdict)} · ${review.reviewer} · ${when}`);
  }

  // the types a correction may choose (shared/spec/analysis-json.md), shown in words
  const TYPES = {
    commitment: ["collective_defense", "security_guarantee", "military_aid", "intelligence_support",
      "logistics_support", "troop_deployment", "nuclear_deployment", "air_defense", "economic_support",
      "membership", "peace_plan", "territorial_arrangement"],
    event: ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
      "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"],
  };
  let datalists = 0;

  // "Mỹ, Ukraine" -> ["Mỹ", "Ukraine"]: parties are typed and shown by name; the server reads
  // each name (either language, an ISO3 code or an id) as an actor id, or refuses it
  function names(text) {
    return text.split(/[;,]/).map((s) => s.trim()).filter(Boolean);
  }
  function shownNames(ids) {
    return (ids || []).map((id) => PW.actorName(id)).join(", ");
  }

  function select(name, codes, chosen, labelOf) {
    const node = el("select", { name },
      (codes.includes(chosen) || !chosen ? [] : [chosen]).concat(codes).map((code) =>
        el("option", { value: code, selected: code === chosen }, labelOf(code))));
    return node;
  }

  function correctionForm(kind, row, send) {
    const fields = [];
    const before = {};
    const form = el("form", { class: "correction" });
    const labelled = (name, node) => el("label", {}, `${t(`field_${name}`)} `, node);
    const input = (name, value, attrs) => {
      const node = el("input", { name, value: value ?? "", size: 18, ...(attrs || {}) });
      fields.push(node);
      before[name] = value ?? "";
      return labelled(name, node);
    };
    // a party field: names, with suggestions as one types
    const party = (name, value) => {
      const field = input(name, value, { "data-party": "1", autocomplete: "off" });
      const list = el("datalist", { id: `review-actors-${++datalists}` });
      PW.suggestActors(field.querySelector("input"), list);
      return [field, list];
    };
    if (kind === "quote") {
      append(form, [party("speaker", row.speaker ? PW.actorName(row.speaker) : "")]);
    } else {
      const typeLabel = (code) => PW.label(kind === "event" ? "etype" : "ctype", code);
      const type = select("type", TYPES[kind], row.type || "", typeLabel);
      const status = select("status", STATUSES[kind], row.status || "", (code) => PW.label("status", code));
      for (const node of [type, status]) {
        fields.push(node);
        before[node.name] = node.value;
      }
      append(form, [
        labelled("type", type), " ", labelled("status", status), " ",
        input("date", row.date || "", { size: 10, placeholder: "2025-04" }),
        PARTIES[kind].map((side) => party(side, shownNames(row[side]))),
      ]);
    }
    append(form, [el("button", { type: "submit", class: "review-save" }, t("review_save"))]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const correction = {};
      for (const field of fields) {
        const value = field.value.trim();
        if (value === before[field.name].trim()) continue;
        if (PARTIES[kind] && PARTIES[kind].includes(field.name)) correction[field.name] = names(value);
        else correction[field.name] = value === "" ? null : value;
      }
      if (Object.keys(correction).length) send("corrected", correction);
    });
    return form;
  }

  // The review block of one item: ``row`` needs doc_id and either id or an evidence span.
  function block(kind, row) {
    const box = el("div", { class: "review-block", "data-kind": kind, "data-doc": row.doc_id, "data-item": row.id || "" });
    const status = el("span", { class: "review-mark" }, mark(row.review));
    const message = el("span", { class: "review-message", role: "status" });
    async function send(verdict, correction) {
      const body = { doc_id: row.doc_id, kind, verdict };
      const itemId = row.id || (row.review && row.review.item_id);
      if (itemId) body.item_id = itemId;
      else {
        body.span = row.span;
        body.item_type = row.type;
      }
      if (correction) body.correction = correction;
      try {
        const review = await api("/reviews", null, { method: "POST", headers: headers(true), body: JSON.stringify(body) });
        row.review = review;
        clear(status).appendChild(mark(review));
        box.closest(".item, .step")?.classList.toggle("is-rejected", verdict === "rejected");
        message.textContent = ` ${t("review_saved")}`;
        document.dispatchEvent(new CustomEvent("pw:reviewed", { detail: review }));
      } catch (error) {
        // the server's reason is English: the page says it in its language, the reason on hover
        message.textContent = ` ${t(error.status === 422 ? "review_refused" : error.status === 401 ? "sign_in_failed" : "review_failed")}`;
        message.title = error.message;
      }
    }
    const actions = el("span", { class: "review-actions" },
      el("button", { type: "button", class: "review-confirm", onclick: () => send("confirmed") }, t("review_confirm")),
      el("button", { type: "button", class: "review-reject", onclick: () => send("rejected") }, t("review_reject")),
      kind === "quote" && !row.id ? null : el("button", { type: "button", class: "review-correct", onclick: () => {
        const open = box.querySelector("form.correction");
        if (open) open.remove();
        else box.appendChild(correctionForm(kind, row, send));
      } }, t("review_correct")));
    append(box, [status, " ", actions, message]);
    return box;
  }

  function reviewed(item, kind, row) {
    if (!row || !row.doc_id) return item;
    if (row.review && row.review.verdict === "rejected") item.classList.add("is-rejected");
    item.appendChild(block(kind, row));
    return item;
  }

  document.addEventListener("DOMContentLoaded", async () => {
    showSignedIn();
    await whoami();
    showSignedIn();
  });

  return { block, reviewed, whoami, token, mark };
})();
