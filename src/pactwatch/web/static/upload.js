// Upload page: drop or choose files, give the token, POST them to /api/documents with
// "Authorization: Bearer"; follow the job the server answers with (202) until it is done,
// then show each file's outcome with a link to the stored article.
"use strict";

(() => {
  const { t, el, clear, $ } = PW;
  const TOKEN_KEY = "pactwatch-token";
  let chosen = [];

  function showNames() {
    $("file-names").textContent = chosen.map((f) => `${f.name} (${f.size} B)`).join(", ");
  }

  function resultItem(file) {
    const status = file.status || "failed";
    return el("li", { class: `item upload-${status}` },
      el("strong", {}, file.filename || "?"), " ", PW.tag(t(status), `upload-status-${status}`), " ",
      file.doc_id ? el("a", { href: PW.documentHref(file.doc_id) }, file.doc_id) : null,
      file.reason ? el("div", { class: "error" }, file.reason) : null);
  }

  // poll a job (GET /api/jobs/{id}) until it is done, failed or cancelled
  async function finished(url, status) {
    for (;;) {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      const job = await response.json();
      if (!response.ok || !["queued", "running"].includes(job.status)) return job;
      status.textContent = `${t("loading")} (${job.status})`;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  async function send(event) {
    event.preventDefault();
    const status = $("upload-status");
    const token = $("token").value.trim();
    if (!token) {
      status.textContent = t("upload_need_token");
      return;
    }
    if (!chosen.length) {
      status.textContent = t("upload_need_files");
      return;
    }
    // kept for this tab only, so a second upload does not ask again
    sessionStorage.setItem(TOKEN_KEY, token);
    const form = new FormData();
    for (const file of chosen) form.append("files", file, file.name);
    status.textContent = t("loading");
    $("upload-submit").disabled = true;
    try {
      const response = await fetch("/api/documents", {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
        body: form,
      });
      let body = null;
      try {
        body = await response.json();
      } catch (_) {
        body = null;
      }
      if (response.status === 202 && body && body.url) {
        // analysed by a job on the server: follow it until it is done
        body = await finished(body.url, status);
      }
      const list = clear($("upload-results"));
      if (body && body.status === "failed") {
        status.textContent = "";
        list.appendChild(el("li", { class: "error" }, body.error || t("error_loading")));
        return;
      }
      if (body && body.result) body = body.result;
      if (!response.ok) {
        const error = (body && body.error) || {};
        status.textContent = "";
        list.appendChild(el("li", { class: "error" }, `${response.status} ${error.code || ""}: ${error.message || response.statusText}`));
        return;
      }
      const runs = new Set([body.run_id, ...(body.files || []).map((f) => f.run_id)].filter((r) => r !== undefined && r !== null));
      status.textContent = `${runs.size ? `run ${[...runs].join(", ")}: ` : ""}${(body.stored || []).length} ${t("stored")}, ${(body.duplicates || []).length} ${t("duplicate")}`;
      for (const file of body.files || []) list.appendChild(resultItem(file));
    } catch (error) {
      status.textContent = `${t("error_loading")} — ${error.message}`;
    } finally {
      $("upload-submit").disabled = false;
    }
  }

  function main() {
    $("token").value = sessionStorage.getItem(TOKEN_KEY) || "";
    const zone = $("dropzone");
    $("files").addEventListener("change", () => {
      chosen = [...$("files").files];
      showNames();
    });
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("over");
      chosen = [...event.dataTransfer.files];
      showNames();
    });
    $("upload-form").addEventListener("submit", send);
    document.body.dataset.ready = "1";
  }

  main();
})();
