// Progressive enhancement of the admin pages. Every page works without this file: the wizards
// are plain form posts and the invitation code sits in a read-only text area. With it:
//  * the Initiate connection wizard offers the configuration modes as soon as a destination is
//    entered, asking the compatibility REST resource instead of reloading the page, and fills
//    the connection name in from the two short names;
//  * "Copy invitation code" puts the code on the clipboard;
//  * a form being sent, or a destination being checked, shows a spinner and disables its buttons,
//    so that a second click cannot send it twice;
//  * each wizard step puts the focus on its first field (the first one in error, if any);
//  * a sync script's line numbers follow the text as it is typed.
// visual.js does the same for Visual connections, with ``window.exalate.setBusy``.
// The Content-Security-Policy allows no inline script or style, so this file only toggles
// attributes and classes; the stylesheet does the rest.
(function () {
  "use strict";

  var TYPING_PAUSE_MS = 400;
  var CHECKING_MESSAGE = "Checking the destination\u2026";
  var SENDING_MESSAGE = "Please wait\u2026";

  // ---------------------------------------------------------------- busy forms

  // Disable (or enable again) a form's buttons and say why beside them.
  function setBusy(form, message) {
    Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (button) {
      button.disabled = Boolean(message);
    });
    var indicator = form.querySelector(".busy-indicator");
    if (indicator) {
      indicator.textContent = message || "";
    }
    form.setAttribute("aria-busy", message ? "true" : "false");
  }

  window.exalate = {setBusy: setBusy};

  // A disabled button is not submitted: the buttons are disabled once the browser has taken the
  // form's values (they are taken right after the submit event), and a second submit is refused.
  function guardSubmits() {
    var forms = document.querySelectorAll("form[method=post]");
    Array.prototype.forEach.call(forms, function (form) {
      form.addEventListener("submit", function (event) {
        if (form.getAttribute("aria-busy") === "true") {
          event.preventDefault();
          return;
        }
        form.setAttribute("aria-busy", "true");
        window.setTimeout(function () {
          setBusy(form, form.getAttribute("data-busy-message") || SENDING_MESSAGE);
        }, 0);
      });
    });
    // Back to a page from the browser's cache: its forms can be sent again.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        Array.prototype.forEach.call(forms, function (form) { setBusy(form, ""); });
      }
    });
  }

  // ---------------------------------------------------------------- wizard focus

  function focusFirstField() {
    var form = document.querySelector("form.wizard");
    if (!form) {
      return;
    }
    var fields = Array.prototype.filter.call(form.querySelectorAll("input, select, textarea"), function (field) {
      return field.type !== "hidden" && !field.disabled && field.getClientRects().length > 0;
    });
    var first = fields.filter(function (field) { return field.getAttribute("aria-invalid") === "true"; })[0] || fields[0];
    if (first) {
      first.focus();
    }
  }

  // ---------------------------------------------------------------- field errors

  // Show (or, with an empty message, remove) the error beside a field, as the server renders it.
  function setFieldError(input, message) {
    var group = input.closest(".field-group");
    var id = input.id + "-error";
    var error = document.getElementById(id);
    if (message && !error) {
      error = document.createElement("div");
      error.className = "error";
      error.id = id;
      group.appendChild(error);
    }
    if (error) {
      error.textContent = message || "";
      error.hidden = !message;
    }
    group.classList.toggle("has-error", Boolean(message));
    setDescribedBy(input, id, Boolean(message));
    if (message) {
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-invalid");
    }
  }

  function setDescribedBy(element, id, present) {
    var ids = (element.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (each) {
      return each && each !== id;
    });
    if (present) {
      ids.push(id);
    }
    if (ids.length) {
      element.setAttribute("aria-describedby", ids.join(" "));
    } else {
      element.removeAttribute("aria-describedby");
    }
  }

  // ------------------------------------------------------------ the mode choice

  function ModeChoice(form) {
    this.form = form;
    this.endpoint = form.getAttribute("data-compatibility-url");
    this.hint = form.getAttribute("data-no-url-hint");
    this.url = form.elements.namedItem("destinationUrl");
    this.noUrl = form.elements.namedItem("noUrl");
    this.step = form.elements.namedItem("step");
    this.choice = document.getElementById("mode-choice");
    this.timer = null;
    this.latest = 0;
    // The page as served already answers for what it was served with: check again only on a
    // change, including one typed before this script ran.
    this.checked = this.noUrl.defaultChecked ? null : this.url.defaultValue.trim();
  }

  // What the compatibility resource is asked about: null for "I don't have a URL".
  ModeChoice.prototype.destination = function () {
    return this.noUrl.checked ? null : this.url.value.trim();
  };

  ModeChoice.prototype.listen = function () {
    var self = this;
    this.url.addEventListener("input", function () { self.schedule(TYPING_PAUSE_MS); });
    this.url.addEventListener("change", function () { self.schedule(0); });
    this.noUrl.addEventListener("change", function () {
      self.lockUrl();
      self.schedule(0);
    });
    this.lockUrl();
    if (this.destination() !== this.checked) {
      this.schedule(0);
    }
  };

  // With "I don't have a URL" the URL is not used; read-only, it is still kept for a change of mind.
  ModeChoice.prototype.lockUrl = function () {
    this.url.readOnly = this.noUrl.checked;
  };

  ModeChoice.prototype.schedule = function (delay) {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { self.check(); }, delay);
  };

  ModeChoice.prototype.check = function () {
    var destination = this.destination();
    if (destination === this.checked) {
      return;
    }
    this.checked = destination;
    var ticket = ++this.latest;
    if (destination === "") {
      setBusy(this.form, "");
      this.withdraw("");
      return;
    }
    var self = this;
    setBusy(this.form, CHECKING_MESSAGE);
    fetch(this.endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-Atlassian-Token": "no-check"},
      body: JSON.stringify({destinationUrl: destination})
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    }).then(function (report) {
      if (ticket === self.latest) {
        setBusy(self.form, "");
        self.apply(report);
      }
    }).catch(function () {
      if (ticket === self.latest) {
        // Leave the check to the next form post, which explains any failure beside the field.
        setBusy(self.form, "");
        self.checked = undefined;
        self.withdraw("");
      }
    });
  };

  ModeChoice.prototype.apply = function (report) {
    if (report.problem) {
      this.withdraw(report.problem.message + " " + this.hint);
      return;
    }
    report.modes.forEach(this.offer, this);
    setFieldError(this.url, "");
    this.choice.hidden = false;
    this.step.value = "mode";
  };

  // Hide the modes, so that Next posts the first page again and the server checks the URL.
  ModeChoice.prototype.withdraw = function (message) {
    this.choice.hidden = true;
    this.step.value = "destination";
    Array.prototype.forEach.call(this.form.querySelectorAll("input[name=mode]"), function (radio) {
      radio.disabled = true;
    });
    setFieldError(this.url, message);
  };

  // One mode as the report has it. A choice made earlier stays selected: a disabled radio is
  // not submitted, and it comes back should the mode become available again.
  ModeChoice.prototype.offer = function (option) {
    var radio = document.getElementById("mode-" + option.mode);
    var reason = document.getElementById("mode-" + option.mode + "-reason");
    if (!radio || !reason) {
      return;
    }
    radio.disabled = !option.available;
    radio.closest(".mode-option").classList.toggle("unavailable", !option.available);
    reason.textContent = option.available ? "" : this.explain(option.reason);
    reason.hidden = option.available;
    setDescribedBy(radio, reason.id, !option.available);
  };

  // A reason the whole instance has (listed once above the form) is not repeated under each mode.
  ModeChoice.prototype.explain = function (reason) {
    var blockers = Array.prototype.map.call(document.querySelectorAll(".blockers li"), function (item) {
      return item.textContent.trim();
    });
    return blockers.indexOf(reason) >= 0 ? this.form.getAttribute("data-see-above") : reason;
  };

  function enhanceModeChoice() {
    var form = document.querySelector("form[data-compatibility-url]");
    if (form && window.fetch && document.getElementById("mode-choice")) {
      new ModeChoice(form).listen();
    }
  }

  // ------------------------------------------------------- the connection name

  // Propose the connection name from the two short names, as the product does, for as long as
  // the name is the one proposed: a name the user typed is left alone.
  function enhanceConnectionName() {
    var names = document.querySelector("[data-connection-name]");
    if (!names) {
      return;
    }
    var pattern = names.getAttribute("data-connection-name");
    var local = document.getElementById("localShortName");
    var remote = document.getElementById("remoteShortName");
    var name = document.getElementById("name");

    function proposal() {
      var localName = local.value.trim();
      var remoteName = remote.value.trim();
      return localName && remoteName ? pattern.replace("{local}", localName).replace("{remote}", remoteName) : "";
    }

    var proposed = name.value === proposal() ? name.value : null;
    function propose() {
      if (name.value === proposed || name.value === "") {
        proposed = proposal();
        name.value = proposed;
      }
    }
    local.addEventListener("input", propose);
    remote.addEventListener("input", propose);
  }

  // ------------------------------------------------------ Copy invitation code

  function reportCopy(button, message) {
    var status = button.parentNode.querySelector(".copy-status");
    if (status) {
      status.textContent = message;
    }
  }

  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    if (!field) {
      return;
    }
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value.trim()).then(
        function () { reportCopy(button, "Copied to the clipboard."); },
        function () { reportCopy(button, "Press Ctrl+C (Cmd+C) to copy the selected code."); }
      );
      return;
    }
    // Plain-HTTP pages have no Clipboard API; copying the selection still works in most browsers.
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (ignored) {
      done = false;
    }
    reportCopy(button, done ? "Copied to the clipboard." : "Press Ctrl+C (Cmd+C) to copy the selected code.");
  }

  function enhanceCopyButtons() {
    // The buttons are served hidden: without this script they would do nothing.
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy-target]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
  }

  // ------------------------------------------------------------ script editors

  // Keep each script editor's gutter numbered as its text changes, the text area as tall as the script,
  // and put the caret on the line an error marked.
  function enhanceCodeEditors() {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-gutter]"), function (editor) {
      var gutter = document.getElementById(editor.getAttribute("data-gutter"));
      var minimumRows = editor.rows;
      function renumber() {
        var count = editor.value.split("\n").length;
        while (gutter.children.length < count) {
          var item = document.createElement("li");
          item.textContent = String(gutter.children.length + 1);
          gutter.appendChild(item);
        }
        while (gutter.children.length > count) {
          gutter.removeChild(gutter.lastChild);
        }
        editor.rows = Math.max(minimumRows, count + 1);
      }
      editor.addEventListener("input", renumber);
      var marked = parseInt(editor.getAttribute("data-marked-line"), 10);
      if (marked > 0 && !editor.readOnly) {
        var start = editor.value.split("\n").slice(0, marked - 1).join("\n").length + (marked > 1 ? 1 : 0);
        editor.setSelectionRange(start, start);
      }
    });
  }

  function enhance() {
    guardSubmits();
    focusFirstField();
    enhanceModeChoice();
    enhanceConnectionName();
    enhanceCopyButtons();
    enhanceCodeEditors();
    var testRun = document.getElementById("test-run-result");
    if (testRun) {
      testRun.scrollIntoView();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
