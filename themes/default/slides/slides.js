/* HTML slides: one slide at a time scaled to the window, #/n in the URL, keyboard and
   touch navigation, an overview grid (O) and a speaker view with notes and a timer (S).
   Without script the slides simply stand one under the other; printing gives one per page. */
(function () {
  "use strict";
  var root = document.documentElement;
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  if (!slides.length) { return; }
  var count = slides.length;
  var current = 0;
  var mode = "present";
  var timer = { start: 0, paused: 0, running: false, handle: 0 };
  var channel = null;
  try { channel = new BroadcastChannel("tall-teach-slides"); } catch (e) { channel = null; }
  var slideBox = slides[0].querySelector(".canvas").getBoundingClientRect();
  var W = slideBox.width, H = slideBox.height;

  root.classList.remove("no-js");
  root.classList.add("js", "present");

  function fromHash() {
    var m = /^#\/(\d+)/.exec(location.hash);
    var n = m ? parseInt(m[1], 10) : 1;
    return Math.min(Math.max(n, 1), count) - 1;
  }

  function place(slide, x, y, w, h) {
    var scale = Math.min(w / W, h / H);
    slide.style.setProperty("--scale", String(scale));
    slide.style.setProperty("--x", (x + (w - W * scale) / 2) + "px");
    slide.style.setProperty("--y", (y + (h - H * scale) / 2) + "px");
  }

  function layout() {
    var vw = window.innerWidth, vh = window.innerHeight;
    slides.forEach(function (s) { s.classList.remove("next"); });
    if (mode === "present") {
      place(slides[current], 0, 0, vw, vh);
    } else if (mode === "speaker") {
      var leftW = Math.round(vw * 0.62);
      place(slides[current], 12, 12, leftW - 24, vh * 0.62);
      if (current + 1 < count) {
        var next = slides[current + 1];
        next.classList.add("next");
        place(next, leftW, 12, vw - leftW - 12, vh * 0.3);
      }
      root.style.setProperty("--panel-x", leftW + "px");
      root.style.setProperty("--panel-y", Math.round(vh * 0.3 + 24) + "px");
      root.style.setProperty("--panel-w", (vw - leftW - 12) + "px");
    } else if (mode === "overview") {
      root.style.setProperty("--thumb", String(Math.max(0.12, Math.min(0.25, (vw - 60) / 4 / W))));
    }
  }

  function show(index, quiet) {
    index = Math.min(Math.max(index, 0), count - 1);
    slides[current].classList.remove("current");
    slides[current].removeAttribute("aria-current");
    current = index;
    var slide = slides[current];
    slide.classList.add("current");
    slide.setAttribute("aria-current", "true");
    var hash = "#/" + (current + 1);
    if (location.hash !== hash) { history.replaceState(null, "", hash); }
    document.getElementById("position").textContent = (current + 1) + " / " + count;
    if (!quiet) {  // screen readers hear where they are: "4 of 59: title"
      document.getElementById("announce").textContent = slide.getAttribute("aria-label");
    }
    updateSpeaker();
    layout();
    if (!quiet && channel) { channel.postMessage({ slide: current + 1 }); }
  }

  function setMode(next) {
    root.classList.remove(mode);
    mode = mode === next ? "present" : next;
    root.classList.add(mode);
    document.getElementById("speaker").hidden = mode !== "speaker";
    if (mode === "speaker" && !timer.running && !timer.paused) { startTimer(); }
    layout();
    if (mode === "overview") { slides[current].scrollIntoView({ block: "center" }); }
  }

  function updateSpeaker() {
    var notes = slides[current].querySelector(".notes");
    document.getElementById("speaker-notes").innerHTML = notes ? notes.innerHTML : "<p>(no notes)</p>";
    var next = slides[current + 1];
    document.getElementById("speaker-next").textContent =
      next ? next.getAttribute("aria-label").replace(/^\d+ of \d+: /, "") : "end of the slides";
    document.getElementById("speaker-position").textContent = "Slide " + (current + 1) + " of " + count;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function elapsed() { return timer.running ? Date.now() - timer.start : timer.paused; }
  function tick() {
    var s = Math.floor(elapsed() / 1000);
    var text = Math.floor(s / 60) + ":" + pad(s % 60);
    if (s >= 3600) { text = Math.floor(s / 3600) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60); }
    document.getElementById("speaker-timer").textContent = text;
    var now = new Date();
    document.getElementById("speaker-clock").textContent = pad(now.getHours()) + ":" + pad(now.getMinutes());
  }
  function startTimer() {
    timer.start = Date.now() - timer.paused;
    timer.running = true;
    clearInterval(timer.handle);
    timer.handle = setInterval(tick, 500);
    document.getElementById("timer-toggle").textContent = "Pause";
    tick();
  }
  function toggleTimer() {
    if (timer.running) {
      timer.paused = elapsed();
      timer.running = false;
      clearInterval(timer.handle);
      document.getElementById("timer-toggle").textContent = "Resume";
      tick();
    } else { startTimer(); }
  }
  function resetTimer() {
    timer.paused = 0;
    if (timer.running) { timer.start = Date.now(); }
    tick();
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    if (target && (target.tagName === "BUTTON" && (event.key === " " || event.key === "Enter"))) { return; }
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case " ": case "n": case "N":
        show(current + 1); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": case "p": case "P": case "Backspace":
        show(current - 1); break;
      case "Home": show(0); break;
      case "End": show(count - 1); break;
      case "o": case "O": setMode("overview"); break;
      case "s": case "S": setMode("speaker"); break;
      case "Escape": if (mode !== "present") { setMode(mode); } break;
      case "Enter": if (mode === "overview") { setMode("overview"); } break;
      default: return;
    }
    event.preventDefault();
  });

  var touch = null;
  document.addEventListener("touchstart", function (e) {
    if (e.touches.length === 1) { touch = { x: e.touches[0].clientX, y: e.touches[0].clientY }; }
  }, { passive: true });
  document.addEventListener("touchend", function (e) {
    if (!touch || mode === "overview") { touch = null; return; }
    var t = e.changedTouches[0];
    var dx = t.clientX - touch.x, dy = t.clientY - touch.y;
    touch = null;
    if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) { show(current + (dx < 0 ? 1 : -1)); }
  }, { passive: true });

  slides.forEach(function (slide, i) {
    slide.addEventListener("click", function () {
      if (mode === "overview") { show(i); setMode("overview"); }
    });
  });
  document.querySelector(".controls").addEventListener("click", function (e) {
    var button = e.target.closest("button");
    if (!button) { return; }
    var action = button.getAttribute("data-action");
    if (action === "next") { show(current + 1); }
    if (action === "prev") { show(current - 1); }
    if (action === "overview" || action === "speaker") { setMode(action); }
  });
  document.getElementById("timer-toggle").addEventListener("click", toggleTimer);
  document.getElementById("timer-reset").addEventListener("click", resetTimer);
  var idle = 0;
  document.addEventListener("mousemove", function () {  // the controls show while the mouse moves
    root.classList.add("pointer");
    clearTimeout(idle);
    idle = setTimeout(function () { root.classList.remove("pointer"); }, 2500);
  });
  window.addEventListener("resize", layout);
  window.addEventListener("hashchange", function () { show(fromHash()); });
  window.addEventListener("beforeprint", function () { root.classList.add("printing"); });
  if (channel) {
    channel.onmessage = function (e) {
      if (e.data && e.data.slide) { show(e.data.slide - 1, true); }
    };
  }
  if (/[?&]view=speaker\b/.test(location.search)) { setMode("speaker"); }
  window.talltSlides = { show: function (n) { show(n - 1); }, current: function () { return current + 1; },
                         mode: function () { return mode; } };
  show(fromHash(), true);
})();
