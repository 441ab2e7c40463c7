// Copy a paragraph's citation ("A/RES/55/109, par. 4") to the clipboard.
// Without this script the citation is plain text that one click selects
// (style.css: user-select: all), so the page works the same without it.
"use strict";

function selectText(node) {
  var range = document.createRange();
  range.selectNodeContents(node);
  var selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

function copied(button, text) {
  var status = document.getElementById("copy-status");
  if (status) {
    status.textContent = button.dataset.done + " : " + text;
  }
  if (!button.dataset.label) {
    button.dataset.label = button.textContent;
  }
  button.textContent = button.dataset.done;
  window.setTimeout(function () {
    button.textContent = button.dataset.label;
  }, 2000);
}

function copyCitation(button) {
  var target = document.getElementById(button.dataset.target);
  if (!target) {
    return;
  }
  var text = target.textContent;
  // The selection also lets the reader see what was copied, and press
  // Ctrl+C themselves where the clipboard is not available.
  selectText(target);
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(
      function () { copied(button, text); },
      function () { if (document.execCommand("copy")) { copied(button, text); } }
    );
  } else if (document.execCommand("copy")) {
    copied(button, text);
  }
}

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button.copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copyCitation(button); });
  });
});
