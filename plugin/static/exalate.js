// "Copy invitation code": select the code and put it on the clipboard. Everything works without
// this file; the code then sits in a read-only text area for the user to select and copy.
(function () {
  "use strict";

  function copied(button, message) {
    var status = button.parentNode.querySelector(".copy-status");
    if (status) {
      status.textContent = message;
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) {
      return;
    }
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    if (!field) {
      return;
    }
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value.trim()).then(
        function () { copied(button, "Copied to the clipboard."); },
        function () { copied(button, "Press Ctrl+C (Cmd+C) to copy the selected code."); }
      );
    } else {
      // Plain-HTTP pages have no Clipboard API; the selection is what the user copies.
      copied(button, "Press Ctrl+C (Cmd+C) to copy the selected code.");
    }
  });
})();
