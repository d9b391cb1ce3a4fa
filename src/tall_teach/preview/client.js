/* tall-teach preview: reload this page when it is rebuilt (same slide: the #/n stays;
   same scroll position elsewhere) and show content errors over the last good view. */
(function () {
  "use strict";
  var me = window.__talltPreview;
  var key = "tallt-preview-scroll:" + me.page;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, parseInt(saved, 10) || 0); });
  }
  var overlay = null;

  function showProblems(problems) {
    if (!problems.length) {
      if (overlay) { overlay.remove(); overlay = null; }
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "tallt-preview-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;" +
        "max-height:45vh;overflow:auto;background:#2b0d0d;color:#fff;border-top:4px solid #e0544a;" +
        "font:16px/1.45 ui-monospace,Menlo,Consolas,monospace;padding:14px 18px;" +
        "box-shadow:0 -4px 18px rgba(0,0,0,.45)";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var head = document.createElement("p");
    head.style.cssText = "margin:0 0 8px;font:bold 17px/1.3 sans-serif;color:#ffb4ac";
    head.textContent = "The course has " + problems.length + " error" + (problems.length > 1 ? "s" : "") +
      "; this is the last good version. Fix and save to reload.";
    overlay.appendChild(head);
    problems.forEach(function (p) {
      var line = document.createElement("p");
      line.className = "tallt-problem";
      line.style.margin = "0 0 4px";
      var where = document.createElement("strong");
      where.textContent = p.path ? p.path + (p.line ? ":" + p.line : "") + ": " : "";
      line.appendChild(where);
      line.appendChild(document.createTextNode(p.severity + ": " + p.message));
      overlay.appendChild(line);
    });
  }

  function connect() {
    var events = new EventSource("/__preview/events?page=" + encodeURIComponent(me.page));
    events.addEventListener("state", function (e) {
      var state = JSON.parse(e.data);
      var version = state.versions[me.page] || 0;
      if (version > me.version) {
        events.close();
        sessionStorage.setItem(key, String(window.scrollY));
        location.reload();
        return;
      }
      showProblems(state.problems);
    });
    events.onerror = function () {
      events.close();
      setTimeout(connect, 1000);  // the preview was stopped or restarted: try again
    };
  }
  connect();
})();
