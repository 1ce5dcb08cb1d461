/*
 * The chat assistant in the browser. The server says everything (in the applicant's language);
 * this script only shows its messages, sends what the applicant types or taps, and keeps focus
 * where a keyboard or screen-reader user expects it. New messages are announced by the log's
 * live region. All text goes in with textContent: nothing the server or the applicant sends is
 * ever read as HTML.
 */
(function () {
  "use strict";
  var root = document.getElementById("chat");
  if (!root || !root.dataset.endpoint) return;
  var log = document.getElementById("chat-log");
  var replies = document.getElementById("chat-replies");
  var dock = document.getElementById("chat-dock");
  var composer = document.getElementById("chat-composer");
  var input = document.getElementById("chat-input");
  var inputLabel = document.getElementById("chat-input-label");
  var personButton = document.getElementById("chat-person");
  var callback = document.getElementById("chat-callback");
  var revision = null;
  var prompt = null;
  var busy = false;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(label, className, onClick) {
    var b = el("button", className, label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function messageNode(m) {
    var node = el("div", "chat__message chat__message--" + m.from + (m.tone ? " chat__message--" + m.tone : ""));
    node.dataset.id = m.id;
    var who = el("span", "visually-hidden", (m.from === "applicant" ? root.dataset.you : root.dataset.assistant) + ": ");
    var text = el("p", "chat__text");
    text.appendChild(who);
    text.appendChild(document.createTextNode(m.text));
    node.appendChild(text);
    if (m.details && m.details.length) {
      var list = el("ul", "chat__details");
      m.details.forEach(function (d) { list.appendChild(el("li", null, d)); });
      node.appendChild(list);
    }
    if (m.source) node.appendChild(el("p", "chat__source", m.source));
    (m.summary || []).forEach(function (section) {
      node.appendChild(el("h2", "heading-s", section.heading));
      var dl = el("dl", "chat__summary");
      section.rows.forEach(function (row) {
        dl.appendChild(el("dt", null, row.title));
        var dd = el("dd");
        dd.appendChild(el("span", null, row.value));
        var change = button(root.dataset.change, "link-button chat__change", function () { send(row.change); });
        change.setAttribute("aria-label", root.dataset.change + ": " + row.title);
        dd.appendChild(change);
        dl.appendChild(dd);
      });
      node.appendChild(dl);
    });
    if (m.links && m.links.length) {
      var links = el("ul", "list");
      m.links.forEach(function (l) {
        var li = el("li");
        var a = el("a", null, l.text);
        a.href = l.href;
        li.appendChild(a);
        links.appendChild(li);
      });
      node.appendChild(links);
    }
    if (m.change) {
      var again = button(root.dataset.change, "link-button chat__change", function () { send(m.change); });
      again.setAttribute("aria-label", m.changeLabel);
      node.appendChild(again);
    }
    return node;
  }

  function show(view) {
    if (view.reset) log.textContent = "";
    (view.removed || []).forEach(function (id) {
      var old = log.querySelector('[data-id="' + CSS.escape(id) + '"]');
      if (old) old.remove();
    });
    var last = null;
    view.messages.forEach(function (m) {
      var node = messageNode(m);
      var old = log.querySelector('[data-id="' + CSS.escape(m.id) + '"]');
      if (old) old.replaceWith(node);
      else log.appendChild(node);
      last = node;
    });
    revision = view.revision;
    showPrompt(view.prompt);
    if (last) {
      // The answer box sits over the bottom of the page: the newest message must end above it.
      last.style.scrollMarginBottom = dock.offsetHeight + 16 + "px";
      last.scrollIntoView({ block: "end" });
    }
  }

  function showPrompt(p) {
    prompt = p;
    replies.textContent = "";
    p.replies.forEach(function (r) {
      replies.appendChild(button(r.label, "button button--secondary", function () {
        if (r.turn.kind === "person") openCallback();
        else send(r.turn);
      }));
    });
    if (p.options) {
      var fieldset = el("fieldset", "fieldset chat__multi");
      fieldset.appendChild(el("legend", "fieldset__legend", p.label));
      p.options.forEach(function (o, i) {
        var item = el("div", "choices__item");
        var box = el("input", "choices__input");
        box.type = "checkbox";
        box.id = "chat-option-" + i;
        box.value = JSON.stringify(o.value);
        var label = el("label", "choices__label", o.label);
        label.htmlFor = box.id;
        item.appendChild(box);
        item.appendChild(label);
        fieldset.appendChild(item);
      });
      fieldset.appendChild(button(root.dataset.done, "button", function () {
        var value = Array.prototype.map.call(fieldset.querySelectorAll("input:checked"), function (b) { return JSON.parse(b.value); });
        send({ kind: "answer", pointer: p.pointer, value: value });
      }));
      replies.insertBefore(fieldset, replies.firstChild);
    }
    composer.hidden = p.input === "none";
    composer.dataset.pointer = p.pointer || "";
    if (p.pointer) inputLabel.textContent = p.label;
    if (p.inputmode) input.setAttribute("inputmode", p.inputmode);
    else input.removeAttribute("inputmode");
  }

  function focusNext() {
    if (!composer.hidden) input.focus();
    else if (replies.querySelector("button")) replies.querySelector("button").focus();
  }

  function failed(text) {
    show({ reset: false, removed: [], messages: [{ id: "n:" + Date.now(), from: "assistant", text: text, tone: "error" }], prompt: prompt, revision: revision });
  }

  function request(method, url, body) {
    return fetch(url, {
      method: method,
      headers: body ? { "Content-Type": "application/json", Accept: "application/json" } : { Accept: "application/json" },
      body: body ? JSON.stringify(body) : undefined,
      credentials: "same-origin",
    }).then(function (res) {
      return res.json().then(function (data) { return { status: res.status, data: data }; });
    });
  }

  function send(turn) {
    if (busy) return;
    busy = true;
    root.setAttribute("aria-busy", "true");
    request("POST", root.dataset.endpoint, { turn: turn, revision: revision })
      .then(function (r) {
        if (r.status === 200) show(r.data);
        else failed((r.data.errors || []).map(function (p) { return p.message; }).join(" ") || root.dataset.network);
      })
      .catch(function () { failed(root.dataset.network); })
      .then(function () {
        busy = false;
        root.removeAttribute("aria-busy");
        focusNext();
      });
  }

  composer.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    send({ kind: "text", pointer: prompt && prompt.pointer ? prompt.pointer : "", text: text });
  });

  function openCallback() {
    callback.hidden = false;
    personButton.setAttribute("aria-expanded", "true");
    document.getElementById("chat-callback-title").focus();
  }

  function closeCallback() {
    callback.hidden = true;
    personButton.setAttribute("aria-expanded", "false");
    personButton.focus();
  }

  personButton.hidden = false;
  personButton.addEventListener("click", function () {
    if (callback.hidden) openCallback();
    else closeCallback();
  });
  document.getElementById("chat-callback-cancel").addEventListener("click", closeCallback);

  callback.addEventListener("submit", function (event) {
    event.preventDefault();
    var fields = ["name", "contact", "message"];
    var body = {};
    fields.forEach(function (f) {
      body[f] = callback.elements[f].value;
      var error = document.getElementById("callback-" + f + "-error");
      error.hidden = true;
      error.textContent = "";
      callback.elements[f].removeAttribute("aria-invalid");
      var hint = document.getElementById("callback-" + f + "-hint");
      if (hint) callback.elements[f].setAttribute("aria-describedby", hint.id);
      else callback.elements[f].removeAttribute("aria-describedby");
    });
    request("POST", root.dataset.callback, body).then(function (r) {
      if (r.status === 201) {
        callback.reset();
        closeCallback();
        show({ reset: false, removed: [], messages: [{ id: "n:" + Date.now(), from: "assistant", text: r.data.message }], prompt: prompt, revision: revision });
        return;
      }
      var first = null;
      (r.data.errors || []).forEach(function (p) {
        var name = p.pointer.replace(/^\//, "");
        var error = document.getElementById("callback-" + name + "-error");
        if (!error) return failed(p.message);
        error.textContent = p.message;
        error.hidden = false;
        callback.elements[name].setAttribute("aria-invalid", "true");
        var hint = document.getElementById("callback-" + name + "-hint");
        callback.elements[name].setAttribute("aria-describedby", (hint ? hint.id + " " : "") + error.id);
        first = first || callback.elements[name];
      });
      if (first) first.focus();
    }).catch(function () { failed(root.dataset.network); });
  });

  request("GET", root.dataset.endpoint).then(function (r) {
    if (r.status === 200) show(r.data);
    else failed((r.data.errors || []).map(function (p) { return p.message; }).join(" "));
    focusNext();
  }).catch(function () { failed(root.dataset.network); });
})();
