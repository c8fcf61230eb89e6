/* Human Chat web chat widget: one script tag, no dependencies. Everything shown is set as text, never as HTML. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__humanChatWidget) { return; }
  window.__humanChatWidget = true;
  var base = script.src.replace(/widget\.js(\?.*)?$/, "");
  var storageKey = "humanchat:" + base;
  var session = null;
  try { session = JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { session = null; }
  var lastId = 0;
  var shown = {};
  var events = null;
  var config = { title: "Chat with us", subtitle: "We usually answer within minutes" };

  var css = ".hc-root{position:fixed;right:20px;bottom:20px;z-index:2147483000;font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111827}" +
    ".hc-launcher{width:56px;height:56px;border-radius:50%;border:0;background:#2563eb;color:#fff;display:flex;align-items:center;justify-content:center;cursor:pointer;box-shadow:0 6px 20px rgba(0,0,0,.25)}" +
    ".hc-launcher:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}" +
    ".hc-panel{display:none;position:absolute;right:0;bottom:70px;width:360px;max-width:calc(100vw - 40px);height:520px;max-height:calc(100vh - 110px);background:#fff;border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.25);flex-direction:column;overflow:hidden}" +
    ".hc-panel.hc-open{display:flex}" +
    ".hc-header{background:#2563eb;color:#fff;padding:14px 16px}.hc-title{font-weight:600;font-size:16px}.hc-subtitle{opacity:.85;font-size:12px}" +
    ".hc-log{flex:1;overflow-y:auto;padding:12px;background:#f9fafb}" +
    ".hc-msg{max-width:80%;margin:6px 0;padding:8px 12px;border-radius:14px;white-space:pre-wrap;word-wrap:break-word}" +
    ".hc-visitor{margin-left:auto;background:#2563eb;color:#fff;border-bottom-right-radius:4px}" +
    ".hc-staff{margin-right:auto;background:#e5e7eb;border-bottom-left-radius:4px}" +
    ".hc-author{font-size:11px;font-weight:600;opacity:.7;margin-bottom:2px}" +
    ".hc-file-link{display:block;color:inherit;text-decoration:underline;margin-top:2px}" +
    ".hc-status{font-size:12px;color:#b91c1c;padding:4px 12px;min-height:0}" +
    ".hc-composer{display:flex;gap:6px;align-items:flex-end;border-top:1px solid #e5e7eb;padding:8px}" +
    ".hc-input{flex:1;resize:none;border:1px solid #d1d5db;border-radius:10px;padding:8px;font:inherit;max-height:120px}" +
    ".hc-send,.hc-attach{border:0;border-radius:10px;padding:8px 12px;cursor:pointer;font:inherit}.hc-attach{padding:6px 8px;color:#374151;display:flex;align-items:center}" +
    ".hc-send{background:#2563eb;color:#fff}.hc-attach{background:#e5e7eb}.hc-file{display:none}";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  /* Icons are drawn, not emoji: they look the same on every system, fonts or not. */
  function icon(path) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24"); svg.setAttribute("width", "24"); svg.setAttribute("height", "24");
    svg.setAttribute("aria-hidden", "true");
    var p = document.createElementNS(ns, "path");
    p.setAttribute("d", path); p.setAttribute("fill", "currentColor");
    svg.appendChild(p);
    return svg;
  }
  var CHAT = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z";
  var CLIP = "M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z";

  var style = el("style"); style.textContent = css;
  var root = el("div", "hc-root");
  var launcher = el("button", "hc-launcher");
  launcher.appendChild(icon(CHAT));
  launcher.setAttribute("aria-label", "Open chat");
  var panel = el("div", "hc-panel");
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", config.title);
  var header = el("div", "hc-header");
  var title = el("div", "hc-title", config.title);
  header.appendChild(title);
  header.appendChild(el("div", "hc-subtitle", config.subtitle));
  var log = el("div", "hc-log");
  log.setAttribute("aria-live", "polite");
  var status = el("div", "hc-status");
  var composer = el("div", "hc-composer");
  var input = el("textarea", "hc-input");
  input.rows = 1;
  input.placeholder = "Write a message\u2026";
  input.setAttribute("aria-label", "Message");
  var file = el("input", "hc-file"); file.type = "file";
  var attach = el("button", "hc-attach"); attach.appendChild(icon(CLIP));
  attach.setAttribute("aria-label", "Attach a file"); attach.title = "Attach a file";
  var send = el("button", "hc-send", "Send");
  composer.appendChild(attach); composer.appendChild(file); composer.appendChild(input); composer.appendChild(send);
  panel.appendChild(header); panel.appendChild(log); panel.appendChild(status); panel.appendChild(composer);
  root.appendChild(panel); root.appendChild(launcher);

  function mount() { document.head.appendChild(style); document.body.appendChild(root); }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }

  function say(problem) { status.textContent = problem || ""; }

  function request(method, path, body, headers) {
    headers = headers || {};
    if (session) { headers.Authorization = "Bearer " + session.token; }
    return fetch(base + path, { method: method, headers: headers, body: body }).then(function (r) {
      if (r.status === 401 && session) {
        session = null; localStorage.removeItem(storageKey);
      }
      return r.json().catch(function () { return {}; }).then(function (json) {
        if (!r.ok) {
          var e = new Error(json.message || ("HTTP " + r.status)); e.status = r.status; throw e;
        }
        return json;
      });
    });
  }

  function ensureSession() {
    if (session) { return Promise.resolve(session); }
    return request("POST", "session", "{}", { "Content-Type": "application/json" }).then(function (s) {
      session = s; localStorage.setItem(storageKey, JSON.stringify(s)); return s;
    });
  }

  function show(m) {
    if (m.id && shown[m.id]) { return; }
    if (m.id) { shown[m.id] = true; lastId = Math.max(lastId, m.id); }
    var bubble = el("div", "hc-msg " + (m.fromVisitor ? "hc-visitor" : "hc-staff"));
    if (!m.fromVisitor && m.author) { bubble.appendChild(el("div", "hc-author", m.author)); }
    if (m.text) { bubble.appendChild(el("div", "hc-text", m.text)); }
    (m.files || []).forEach(function (f) {
      var a = el("a", "hc-file-link", f.name + " (" + size(f.size) + ")");
      a.href = base + f.url + "?token=" + encodeURIComponent(session.token);
      a.target = "_blank"; a.rel = "noopener";
      bubble.appendChild(a);
    });
    log.appendChild(bubble);
    log.scrollTop = log.scrollHeight;
    return bubble;
  }

  function size(n) {
    return n >= 1048576 ? (n / 1048576).toFixed(1) + " MB" : n >= 1024 ? Math.round(n / 1024) + " KB" : n + " bytes";
  }

  function loadHistory() {
    return request("GET", "history?after=" + lastId).then(function (h) { h.messages.forEach(show); });
  }

  function listen() {
    if (events || !session) { return; }
    events = new EventSource(base + "events?token=" + encodeURIComponent(session.token));
    events.addEventListener("message", function (e) {
      try { show(JSON.parse(e.data)); } catch (ignored) { /* a broken event is skipped */ }
    });
    events.onopen = function () { say(""); loadHistory().catch(function () {}); };
    events.onerror = function () { say("Reconnecting\u2026"); };
  }

  function open() {
    panel.classList.add("hc-open");
    launcher.setAttribute("aria-label", "Close chat");
    input.focus();
    if (session) { loadHistory().then(listen).catch(function (e) { say(e.message); }); }
  }

  launcher.addEventListener("click", function () {
    if (panel.classList.contains("hc-open")) { panel.classList.remove("hc-open"); launcher.setAttribute("aria-label", "Open chat"); }
    else { open(); }
  });

  function clientId() {
    return (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random();
  }

  function submit() {
    var text = input.value;
    if (!text.trim()) { return; }
    input.value = "";
    var pending = { fromVisitor: true, text: text };
    var bubble = show(pending);
    bubble.style.opacity = "0.6";
    ensureSession().then(function () {
      return request("POST", "messages", JSON.stringify({ clientId: clientId(), text: text }),
        { "Content-Type": "application/json" });
    }).then(function (r) {
      bubble.style.opacity = ""; shown[r.id] = true; lastId = Math.max(lastId, r.id); say(""); listen();
    }).catch(function (e) {
      bubble.remove(); input.value = text;
      say(e.status === 429 ? "You are sending messages too fast. Please wait a moment." : "Not sent: " + e.message);
    });
  }

  send.addEventListener("click", submit);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
  });
  attach.addEventListener("click", function () { file.click(); });
  file.addEventListener("change", function () {
    var f = file.files[0];
    file.value = "";
    if (!f) { return; }
    say("Sending " + f.name + "\u2026");
    ensureSession().then(function () {
      return request("POST", "files?name=" + encodeURIComponent(f.name), f,
        { "Content-Type": f.type || "application/octet-stream", "X-Client-Id": clientId() });
    }).then(function () { say(""); listen(); return loadHistory(); })
      .catch(function (e) { say(e.status === 413 ? f.name + " is too large." : "Not sent: " + e.message); });
  });
})();
