// annals serve: keeps an open report up to date. The server sends the state
// of the last build over Server-Sent Events; a newer good build reloads the
// page (at the same scroll position), a failed one shows its errors on top
// of the last good report until they are fixed.
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = Number(script.getAttribute("data-generation"));
  var scrollKey = "annals-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    window.scrollTo(0, Number(saved));
  }

  function overlay() {
    var box = document.getElementById("annals-errors");
    if (box) return box;
    box = document.createElement("div");
    box.id = "annals-errors";
    box.setAttribute("role", "alert");
    var s = box.style;
    s.position = "fixed"; s.left = "0"; s.right = "0"; s.top = "0";
    s.maxHeight = "70vh"; s.overflow = "auto"; s.zIndex = "2147483647";
    s.background = "#fff5f5"; s.color = "#611"; s.borderBottom = "3px solid #c00";
    s.padding = "12px 16px"; s.font = "13px/1.45 ui-monospace, monospace";
    var title = document.createElement("strong");
    title.textContent = "The last build failed; this is the last good report.";
    var list = document.createElement("pre");
    list.id = "annals-errors-list";
    list.style.whiteSpace = "pre-wrap"; list.style.margin = "8px 0 0";
    box.appendChild(title); box.appendChild(list);
    document.body.appendChild(box);
    return box;
  }

  var source = new EventSource("/_annals/events");
  source.onmessage = function (event) {
    var state = JSON.parse(event.data);
    if (state.errors.length > 0) {
      overlay();
      document.getElementById("annals-errors-list").textContent = state.errors.join("\n\n");
    } else if (state.generation !== shown) {
      source.close();
      sessionStorage.setItem(scrollKey, String(window.scrollY));
      location.reload();
    } else {
      var box = document.getElementById("annals-errors");
      if (box) box.remove();
    }
  };
})();
