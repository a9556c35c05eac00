// Progressive enhancement of a Visual connection's pages (see exalate.js, loaded first); they work without it:
//  * the Initiate wizard lists the destination's projects in place, so the password typed stays;
//  * the Visual configuration shows one tab at a time (the first with an error, if any), and its
//    sync method arrows follow the method chosen.
(function () {
  "use strict";

  var LISTING_MESSAGE = "Listing the destination's projects\u2026";

  // ---------------------------------------------------------------- Visual wizard: the destination's projects

  // The same post as the button's, answered by the same page: its project list and its credentials error are
  // taken into this page, so that the password typed is kept. Anything else (the session expired, a page
  // error) is left to the ordinary post.
  function enhanceProjectList() {
    var button = document.querySelector("button.list-projects");
    if (!button || !window.fetch || !window.DOMParser) {
      return;
    }
    var form = button.form;
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var data = new FormData(form);
      data.set("action", button.value);
      window.exalate.setBusy(form, LISTING_MESSAGE);
      // form.action would be the buttons named "action", not the attribute.
      var request = {method: "POST", credentials: "same-origin", body: data};
      fetch(form.getAttribute("action"), request).then(function (response) {
        return response.text();
      }).then(function (markup) {
        var answer = new DOMParser().parseFromString(markup, "text/html");
        var list = answer.getElementById("destinationProjectKey");
        var pageError = answer.querySelector(".aui-message-error");
        if (!list || pageError) {
          throw new Error("not the project step");
        }
        window.exalate.setBusy(form, "");
        var current = document.getElementById("destinationProjectKey").closest(".field-group");
        current.replaceWith(document.importNode(list.closest(".field-group"), true));
        var oldError = document.getElementById("destinationAdmin-error");
        if (oldError) {
          oldError.remove();
        }
        var newError = answer.getElementById("destinationAdmin-error");
        if (newError) {
          button.before(document.importNode(newError, true));
        }
        (newError ? document.getElementById("destinationAdmin.password")
                  : document.getElementById("destinationProjectKey")).focus();
      }).catch(function () {
        window.exalate.setBusy(form, "");
        form.requestSubmit(button);
      });
    });
  }

  // ---------------------------------------------------------------- Visual configuration

  function enhanceVisualTabs() {
    var tabs = document.querySelectorAll(".visual-tab");
    if (!tabs.length) {
      return;
    }
    function select(chosen) {
      Array.prototype.forEach.call(tabs, function (tab) {
        var current = tab === chosen;
        document.getElementById(tab.getAttribute("data-panel")).hidden = !current;
        tab.parentNode.classList.toggle("aui-nav-selected", current);
        tab.setAttribute("aria-current", current ? "true" : "false");
      });
    }
    Array.prototype.forEach.call(tabs, function (tab) {
      tab.addEventListener("click", function (event) {
        event.preventDefault();
        select(tab);
      });
    });
    var withError = Array.prototype.filter.call(tabs, function (tab) {
      return document.getElementById(tab.getAttribute("data-panel")).querySelector(".error");
    });
    function named(panel) {
      return Array.prototype.filter.call(tabs, function (tab) { return tab.getAttribute("data-panel") === panel; })[0];
    }
    var form = document.querySelector("form[data-open-tab]");
    select(withError[0] || named(window.location.hash.slice(1)) || (form && named(form.getAttribute("data-open-tab"))) ||
           tabs[0]);
    Array.prototype.forEach.call(document.querySelectorAll(".sync-method select"), function (choice) {
      choice.addEventListener("change", function () {
        var method = choice.parentNode;
        method.className = method.className.replace(/method-\w+/, "method-" + choice.value.toLowerCase());
      });
    });
  }

  function enhance() {
    enhanceProjectList();
    enhanceVisualTabs();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
