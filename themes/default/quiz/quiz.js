/* Self-check quiz: reads the items from the JSON block and renders them with textContent only.
   Content is never parsed as HTML; nothing is fetched; results leave the page only as a CSV the
   learner downloads. */
(function () {
  "use strict";

  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var data = JSON.parse(document.getElementById("quiz-data").textContent);
  var items = data.items;
  var $ = function (id) { return document.getElementById(id); };
  var view = {
    question: $("question-view"), score: $("score-view"), progressText: $("progress-text"),
    progress: $("progress"), module: $("module-label"), draft: $("draft-label"), stem: $("stem"), options: $("options"),
    hint: $("hint"), feedback: $("feedback"), check: $("check"), next: $("next"),
    scoreTitle: $("score-title"), scoreValue: $("score-value"), scorePercent: $("score-percent"),
    scoreMessage: $("score-message"), review: $("review"), retry: $("retry"), download: $("download")
  };
  var state = { attempt: 1, index: 0, order: [], chosen: [], selected: -1, answered: false, history: [] };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function identityOrder(item) {
    return item.options.map(function (_, i) { return i; });
  }

  function shuffledOrder(item) {
    var order = identityOrder(item);
    if (item.numeric) { return order; } // numeric ladders stay ascending
    for (var i = order.length - 1; i > 0; i -= 1) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = order[i]; order[i] = order[j]; order[j] = t;
    }
    return order;
  }

  function keyPosition(index) {
    var item = items[index];
    return state.order[index].findIndex(function (o) { return item.options[o].correct; });
  }

  function optionLabel(index, position) {
    var option = items[index].options[state.order[index][position]];
    return LETTERS.charAt(position) + ". " + option.text;
  }

  function optionNodes() {
    return Array.prototype.slice.call(view.options.querySelectorAll("[role=radio]"));
  }

  function select(position, focus) {
    if (state.answered) { return; }
    state.selected = position;
    optionNodes().forEach(function (node, i) {
      node.setAttribute("aria-checked", i === position ? "true" : "false");
      node.tabIndex = i === position ? 0 : -1;
      if (i === position && focus) { node.focus(); }
    });
    view.check.disabled = false;
  }

  function onOptionKey(event) {
    var count = optionNodes().length;
    var current = Number(event.currentTarget.getAttribute("data-position"));
    var target = -1;
    if (event.key === "ArrowDown" || event.key === "ArrowRight") { target = (current + 1) % count; }
    else if (event.key === "ArrowUp" || event.key === "ArrowLeft") { target = (current - 1 + count) % count; }
    else if (event.key === "Home") { target = 0; }
    else if (event.key === "End") { target = count - 1; }
    else if (event.key === " " || event.key === "Spacebar") { target = current; }
    else if (event.key === "Enter") {
      event.preventDefault();
      if (state.answered) { goNext(); return; }
      select(current, true);
      checkAnswer();
      return;
    } else { return; }
    event.preventDefault();
    if (state.answered) {
      optionNodes()[target].focus();
    } else {
      select(target, true);
    }
  }

  function buildOption(item, optionIndex, position) {
    var option = item.options[optionIndex];
    var node = el("div", "option");
    node.setAttribute("role", "radio");
    node.setAttribute("aria-checked", "false");
    node.setAttribute("data-position", String(position));
    node.tabIndex = position === 0 ? 0 : -1;
    node.appendChild(el("span", "letter", LETTERS.charAt(position))).setAttribute("aria-hidden", "true");
    var text = node.appendChild(el("span", "option-text", option.text));
    text.setAttribute("dir", "auto");
    node.appendChild(el("span", "mark")).setAttribute("aria-hidden", "true");
    node.appendChild(el("span", "visually-hidden status"));
    node.addEventListener("click", function () { select(position, true); });
    node.addEventListener("keydown", onOptionKey);
    return node;
  }

  function showQuestion(moveFocus) {
    var index = state.index;
    var item = items[index];
    state.selected = -1;
    state.answered = false;
    view.progressText.textContent = "Question " + (index + 1) + " of " + items.length;
    view.progress.value = index;
    view.module.textContent = item.label;
    view.draft.hidden = !item.draft;
    view.stem.textContent = item.stem;
    clear(view.options);
    view.options.classList.remove("answered");
    state.order[index].forEach(function (optionIndex, position) {
      view.options.appendChild(buildOption(item, optionIndex, position));
    });
    clear(view.feedback);
    view.feedback.className = "feedback";
    view.hint.hidden = false;
    view.check.hidden = false;
    view.check.disabled = true;
    view.next.hidden = true;
    view.next.textContent = index + 1 < items.length ? "Next question" : "See your score";
    view.score.hidden = true;
    view.question.hidden = false;
    if (moveFocus) { view.stem.focus(); }
  }

  function markOptions(index, chosen, key) {
    view.options.classList.add("answered");
    optionNodes().forEach(function (node, i) {
      node.setAttribute("aria-disabled", "true");
      var mark = node.querySelector(".mark");
      var status = node.querySelector(".status");
      if (i === key) {
        node.classList.add("is-key");
        mark.textContent = "✓";
        status.textContent = i === chosen ? " (your answer, correct)" : " (correct answer)";
      } else if (i === chosen) {
        node.classList.add("is-wrong");
        mark.textContent = "✗";
        status.textContent = " (your answer, incorrect)";
      }
    });
  }

  function paragraph(className, text) {
    var p = el("p", className, text);
    p.setAttribute("dir", "auto");
    return p;
  }

  // Our words, then content isolated in <bdi> so right-to-left text cannot reorder our words.
  function labelled(className, label, content) {
    var p = el("p", className, label);
    p.appendChild(el("bdi", "", content));
    return p;
  }

  function writeFeedback(index, chosen, key) {
    var item = items[index];
    var option = item.options[state.order[index][chosen]];
    var right = chosen === key;
    clear(view.feedback);
    view.feedback.className = "feedback " + (right ? "correct" : "incorrect");
    view.feedback.appendChild(right ? paragraph("verdict", "✓ Correct.")
      : labelled("verdict", "✗ Not quite. The answer is ", optionLabel(index, key)));
    if (option.feedback) { view.feedback.appendChild(paragraph("option-feedback", option.feedback)); }
    if (item.explanation) { view.feedback.appendChild(paragraph("explanation", item.explanation)); }
    if (item.source) { view.feedback.appendChild(paragraph("source", item.source)); }
  }

  function checkAnswer() {
    if (state.answered || state.selected < 0) { return; }
    var index = state.index;
    var key = keyPosition(index);
    state.answered = true;
    state.chosen[index] = state.selected;
    markOptions(index, state.selected, key);
    writeFeedback(index, state.selected, key);
    view.hint.hidden = true;
    view.check.hidden = true;
    view.next.hidden = false;
    view.progress.value = index + 1;
    view.next.focus();
  }

  function goNext() {
    if (!state.answered) { return; }
    if (state.index + 1 < items.length) {
      state.index += 1;
      showQuestion(true);
    } else {
      showScore();
    }
  }

  function attemptRecord() {
    var rows = items.map(function (item, index) {
      var key = keyPosition(index);
      var chosen = state.chosen[index];
      return {
        number: index + 1, id: item.id, module: item.module, question: item.stem,
        answer: optionLabel(index, chosen), key: optionLabel(index, key), correct: chosen === key
      };
    });
    return { attempt: state.attempt, finished: new Date().toISOString(), rows: rows };
  }

  function scoreMessage(percent) {
    if (percent >= 80) { return "Excellent: you have the take-home messages."; }
    if (percent >= 50) { return "Good work. Read the explanations below for the ones you missed."; }
    return "Keep going: the review below shows what to look at again, then try again.";
  }

  function reviewEntry(row) {
    var li = el("li");
    li.appendChild(paragraph("review-stem", row.question));
    var yours = labelled("", "Your answer: ", row.answer);
    yours.appendChild(document.createTextNode(" "));
    yours.appendChild(el("span", row.correct ? "right" : "wrong", row.correct ? "✓ correct" : "✗ incorrect"));
    li.appendChild(yours);
    if (!row.correct) { li.appendChild(labelled("", "Correct answer: ", row.key)); }
    var item = items[row.number - 1];
    if (item.source) { li.appendChild(paragraph("source", item.source)); }
    return li;
  }

  function showScore() {
    var record = attemptRecord();
    state.history.push(record);
    var right = record.rows.filter(function (r) { return r.correct; }).length;
    var percent = Math.round((100 * right) / items.length);
    view.scoreValue.textContent = right + " / " + items.length;
    view.scorePercent.textContent = percent + "%";
    view.scoreMessage.textContent = scoreMessage(percent);
    view.scoreTitle.textContent = state.attempt > 1 ? "Your score (attempt " + state.attempt + ")" : "Your score";
    clear(view.review);
    record.rows.forEach(function (row) { view.review.appendChild(reviewEntry(row)); });
    view.question.hidden = true;
    view.score.hidden = false;
    view.scoreTitle.focus();
  }

  function retry() {
    state.attempt += 1;
    state.index = 0;
    state.chosen = [];
    state.order = items.map(shuffledOrder);
    showQuestion(true);
  }

  function csvField(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) { text = "'" + text; } // never a formula in a spreadsheet
    return '"' + text.replace(/"/g, '""') + '"';
  }

  function resultsCsv() {
    var header = ["attempt", "finished", "number", "item_id", "module", "question", "your_answer",
      "correct_answer", "correct"];
    var lines = [header.map(csvField).join(",")];
    state.history.forEach(function (record) {
      record.rows.forEach(function (row) {
        lines.push([record.attempt, record.finished, row.number, row.id, row.module, row.question,
          row.answer, row.key, row.correct ? 1 : 0].map(csvField).join(","));
      });
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  function download() {
    var blob = new Blob([resultsCsv()], { type: "text/csv;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var link = el("a");
    link.href = url;
    link.download = data.fileStem + "-quiz-results.csv";
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  if (!items.length) { return; }
  state.order = items.map(identityOrder); // first attempt: the delivery order of the exports
  view.check.addEventListener("click", checkAnswer);
  view.next.addEventListener("click", goNext);
  view.retry.addEventListener("click", retry);
  view.download.addEventListener("click", download);
  showQuestion(false);
})();
