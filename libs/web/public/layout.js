// The menu's drop-downs (<details>): one open at a time, closed by a click elsewhere or Escape.
(function () {
  'use strict';
  const groups = function () {
    return Array.prototype.slice.call(document.querySelectorAll('.menu-group details'));
  };
  document.addEventListener('click', function (e) {
    groups().forEach(function (d) {
      if (!d.contains(e.target)) d.open = false;
    });
  });
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    groups().forEach(function (d) {
      if (d.open) {
        d.open = false;
        d.querySelector('summary').focus();
      }
    });
  });
})();
