// Pages that follow the clock (the roadshow day's live review pages): reload every
// data-refresh-seconds seconds, unless the person is typing in a field on the page.
(function () {
  'use strict';
  const el = document.querySelector('[data-refresh-seconds]');
  if (!el) return;
  const seconds = Number(el.getAttribute('data-refresh-seconds'));
  if (!(seconds > 0)) return;
  setInterval(function () {
    const a = document.activeElement;
    if (a && (a.tagName === 'INPUT' || a.tagName === 'TEXTAREA' || a.tagName === 'SELECT')) return;
    location.reload();
  }, seconds * 1000);
})();
