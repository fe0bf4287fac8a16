// The live reload of annals serve. The server adds this script to the pages
// it serves (never to the files of the build). It listens to the server's
// build events: when a build newer than the page's has succeeded, the page
// reloads; when the last build failed, its errors are shown over the page
// until a build succeeds.
(function () {
  "use strict";

  var script = document.currentScript;
  var shown = script.getAttribute("data-build");
  var source = new URL("events", script.src).href;
  var events = null;
  var box = null;

  // A page in a hidden tab lets go of its event stream: browsers open at
  // most six connections to one server, and a stream holds one for as long
  // as it is open. The server tells a page its state as soon as it
  // connects, so a page that missed a build reloads when it is shown again.
  function listen() {
    if (document.hidden) {
      if (events) events.close();
      events = null;
      return;
    }
    if (events) return;
    events = new EventSource(source);
    events.addEventListener("state", function (e) {
      var state = JSON.parse(e.data);
      if (state.build !== shown) {
        events.close();
        location.reload();
        return;
      }
      showError(state.error || "");
    });
  }
  document.addEventListener("visibilitychange", listen);
  listen();

  // showError shows text over the page, or removes what was shown when text
  // is empty. Styles are set through the DOM: the page's
  // Content-Security-Policy allows no inline style.
  function showError(text) {
    if (!text) {
      if (box) {
        box.remove();
        box = null;
      }
      return;
    }
    if (!box) {
      box = makeBox();
      document.body.appendChild(box);
    }
    box.querySelector("pre").textContent = text;
  }

  function makeBox() {
    var div = element("div", {
      position: "fixed", left: "0", right: "0", bottom: "0", zIndex: "2147483647",
      maxHeight: "50vh", overflow: "auto", boxSizing: "border-box", padding: "0.75em 1em",
      background: "#5c0b0b", color: "#fff", borderTop: "3px solid #e05252",
      font: "15px/1.4 system-ui, sans-serif", textAlign: "left"
    });
    div.id = "annals-serve-error";
    div.setAttribute("role", "alert");

    var close = element("button", {
      float: "right", font: "inherit", color: "inherit", background: "transparent",
      border: "1px solid currentColor", borderRadius: "3px", padding: "0 0.5em", cursor: "pointer"
    });
    close.type = "button";
    close.textContent = "Hide";
    close.addEventListener("click", function () {
      div.remove();
      if (box === div) box = null;
    });

    var title = element("p", { margin: "0 0 0.5em", fontWeight: "bold" });
    title.textContent = "annals serve: the last build failed. This page is from the build before; it reloads when the errors are fixed.";

    var pre = element("pre", {
      margin: "0", whiteSpace: "pre-wrap", overflowWrap: "anywhere",
      font: "13px/1.45 ui-monospace, monospace"
    });
    div.append(close, title, pre);
    return div;
  }

  function element(name, style) {
    var el = document.createElement(name);
    Object.keys(style).forEach(function (k) { el.style[k] = style[k]; });
    return el;
  }
})();
