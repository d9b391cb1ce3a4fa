/* Review page: renders items with textContent only and posts decisions to its own server. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("review-data").textContent);
  var token = document.querySelector("meta[name=review-token]").content;
  var main = document.getElementById("items");
  var statusBox = document.getElementById("status");
  var filter = "all";
  var busy = false;
  var LABELS = { approved: "approved", edited: "approved (edited)", rejected: "rejected",
    pending: "pending", stale: "pending again (changed since its review)", authored: "authored" };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function button(label, className, onClick) {
    var b = el("button", className, label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function isOpen(item) { return item.status === "pending" || item.status === "stale"; }

  function shown(item) {
    if (filter === "all") { return true; }
    if (filter === "open") { return isOpen(item); }
    if (filter === "approved") { return ["approved", "edited", "authored"].indexOf(item.status) >= 0; }
    return item.status === filter;
  }

  function list(className, lines, failing) {
    var ul = el("ul", className);
    lines.forEach(function (line) { ul.appendChild(el("li", failing ? "fail" : "", line)); });
    return ul;
  }

  function details(title, body) {
    var d = el("details");
    d.appendChild(el("summary", "", title));
    d.appendChild(body);
    return d;
  }

  function optionList(item) {
    var ol = el("ol", "options");
    ol.type = "A";
    var avoid = (item.review && item.review.avoid) || [];
    item.options.forEach(function (o) {
      var li = el("li", o.correct ? "key" : "", o.text);
      if (avoid.indexOf(o.text) >= 0) { li.className += " avoid"; li.title = "listed under avoid"; }
      ol.appendChild(li);
    });
    return ol;
  }

  function itemCard(item, index) {
    var card = el("article", "item " + item.status);
    card.tabIndex = 0;
    card.id = "item-" + index;
    card.dataset.id = item.id;
    card.setAttribute("aria-labelledby", "stem-" + index);
    var head = el("div", "head");
    head.appendChild(el("span", "badge " + item.status, LABELS[item.status] || item.status));
    head.appendChild(el("code", "item-id", item.id));
    head.appendChild(el("span", "", item.kind));
    card.appendChild(head);
    var stem = el("p", "stem", item.stem);
    stem.id = "stem-" + index;
    card.appendChild(stem);
    card.appendChild(optionList(item));
    var facts = el("p", "facts");
    facts.textContent = "Slide: " + (item.slide || "(untitled)") + " · " + item.module + " · " + item.where +
      (item.citations ? " · Source: " + item.citations : "");
    card.appendChild(facts);
    if (item.message) { card.appendChild(el("p", "facts", "Take-home message: " + item.message)); }
    if (item.review && item.review.by) {
      card.appendChild(el("p", "facts", "Decision: " + item.review.decision + " by " + item.review.by +
        (item.review.at ? " at " + item.review.at : "")));
    }
    card.appendChild(details(item.checks.length ? "Rule checks: " + item.checks.length + " problem(s)"
      : "Rule checks: all pass", item.checks.length ? list("checks", item.checks, true)
      : el("p", "", "The item passes every item-writing check.")));
    card.appendChild(details("Selection reasons (" + item.reasons.length + ")",
      item.reasons.length ? list("reasons", item.reasons, false) : el("p", "", "No reasons recorded (authored item, or the generator gave none).")));
    var actions = el("div", "actions");
    actions.appendChild(button("Approve", "approve", function () { decide(item, "approved"); }));
    actions.appendChild(button("Reject", "reject", function () { decide(item, "rejected"); }));
    actions.appendChild(button("Edit", "edit", function () { openEditor(card, item); }));
    if (item.review && item.review.decision) {
      actions.appendChild(button("Undo decision", "undo", function () { decide(item, "pending"); }));
    }
    card.appendChild(actions);
    return card;
  }

  function render(focusId) {
    while (main.firstChild) { main.removeChild(main.firstChild); }
    var counts = {};
    data.items.forEach(function (item, index) {
      counts[item.status] = (counts[item.status] || 0) + 1;
      if (shown(item)) { main.appendChild(itemCard(item, index)); }
    });
    var open = (counts.pending || 0) + (counts.stale || 0);
    document.getElementById("summary").textContent = data.items.length + " items: " + open + " pending, " +
      ((counts.approved || 0) + (counts.edited || 0)) + " approved, " + (counts.rejected || 0) + " rejected, " +
      (counts.authored || 0) + " authored. Review is " + data.review + " for this course.";
    if (focusId) {
      var card = main.querySelector("[data-id='" + CSS.escape(focusId) + "']");
      if (card) { card.focus(); }
    }
  }

  function say(text, isError) {
    statusBox.textContent = text;
    statusBox.className = isError ? "status error" : "status";
  }

  function post(body, focusId) {
    if (busy) { return Promise.resolve(); }
    busy = true;
    say("Saving and rebuilding the quiz outputs…");
    return fetch("/api/decide", {
      method: "POST", headers: { "Content-Type": "application/json", "X-Review-Token": token },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
    }).then(function (result) {
      busy = false;
      if (!result.ok) { say(result.answer.error || "Not saved.", true); return; }
      data = result.answer.data;
      render(focusId);
      say(result.answer.message);
    }).catch(function () { busy = false; say("Not saved: the review server is not reachable.", true); });
  }

  function decide(item, decision) { return post({ id: item.id, decision: decision }, item.id); }

  function openEditor(card, item) {
    if (card.querySelector(".editor")) { return; }
    var form = el("div", "editor");
    var stemLabel = el("label", "", "Stem");
    var stem = el("textarea");
    stem.rows = 3;
    stem.value = item.stem;
    stem.id = "edit-stem-" + card.id;
    stemLabel.htmlFor = stem.id;
    form.appendChild(stemLabel);
    form.appendChild(stem);
    var rows = [];
    item.options.forEach(function (o, i) {
      var row = el("div", "option-row");
      var radio = el("input");
      radio.type = "radio";
      radio.name = "key-" + card.id;
      radio.checked = o.correct;
      radio.setAttribute("aria-label", "Option " + (i + 1) + " is the key");
      var text = el("input");
      text.type = "text";
      text.value = o.text;
      text.setAttribute("aria-label", "Option " + (i + 1));
      row.appendChild(radio);
      row.appendChild(text);
      form.appendChild(row);
      rows.push({ radio: radio, text: text });
    });
    var error = el("p", "error");
    error.setAttribute("role", "alert");
    form.appendChild(error);
    function save() {
      var options = rows.map(function (r) { return { text: r.text.value.trim(), correct: r.radio.checked }; })
        .filter(function (o) { return o.text; });
      if (!stem.value.trim() || options.length < 2 || options.filter(function (o) { return o.correct; }).length !== 1) {
        error.textContent = "Write a stem, at least two options and mark exactly one as the key.";
        return;
      }
      post({ id: item.id, decision: "edited", stem: stem.value.trim(), options: options }, item.id);
    }
    function cancel() { card.removeChild(form); card.focus(); }
    var actions = el("div", "actions");
    actions.appendChild(button("Save edit", "approve", save));
    actions.appendChild(button("Cancel", "", cancel));
    form.appendChild(actions);
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); save(); }
      if (event.key === "Escape") { event.preventDefault(); cancel(); }
      event.stopPropagation();
    });
    card.appendChild(form);
    stem.focus();
  }

  function cards() { return Array.prototype.slice.call(main.querySelectorAll(".item")); }

  function currentCard() {
    var node = document.activeElement;
    while (node && node !== document.body) {
      if (node.classList && node.classList.contains("item")) { return node; }
      node = node.parentNode;
    }
    return null;
  }

  function itemOf(card) {
    return data.items.filter(function (i) { return i.id === card.dataset.id; })[0];
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea") { return; }
    var all = cards();
    var card = currentCard();
    var at = card ? all.indexOf(card) : -1;
    if (event.key === "j" || event.key === "k") {
      var next = all[Math.max(0, Math.min(all.length - 1, at + (event.key === "j" ? 1 : -1)))];
      if (next) { next.focus(); next.scrollIntoView({ block: "nearest" }); }
      event.preventDefault();
      return;
    }
    if (!card) { return; }
    var item = itemOf(card);
    if (event.key === "a") { decide(item, "approved"); }
    else if (event.key === "r") { decide(item, "rejected"); }
    else if (event.key === "u") { decide(item, "pending"); }
    else if (event.key === "e") { openEditor(card, item); }
    else { return; }
    event.preventDefault();
  });

  Array.prototype.forEach.call(document.querySelectorAll(".filter"), function (b) {
    b.addEventListener("click", function () {
      filter = b.dataset.filter;
      Array.prototype.forEach.call(document.querySelectorAll(".filter"), function (other) {
        other.setAttribute("aria-pressed", String(other === b));
      });
      render();
    });
  });

  render();
  var first = cards()[0];
  if (first) { first.focus(); }
})();
