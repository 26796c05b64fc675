// "Back to the previous page" on an error page: the browser's own Back, which brings the form back with
// what was typed in it (following the link would load the form empty). Without JavaScript the link opens it.
(function () {
  'use strict';
  document.querySelectorAll('[data-history-back]').forEach(function (link) {
    link.addEventListener('click', function (event) {
      if (history.length > 1) {
        event.preventDefault();
        history.back();
      }
    });
  });
})();
