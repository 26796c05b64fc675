// Enhancements of the layout that every page shares; each page works without them.
(function () {
  'use strict';

  // The menu's drop-downs (<details>): one open at a time, closed by a click elsewhere or Escape.
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

  // A table wider than a phone scrolls in its own box: that box takes the keyboard focus (arrow
  // keys scroll it) and is named after its heading, so it can be reached without a mouse.
  const scrollables = function () {
    document.querySelectorAll('main table').forEach(function (t) {
      const scrolls = t.scrollWidth > t.clientWidth + 1;
      if (scrolls && !t.hasAttribute('tabindex')) {
        t.setAttribute('tabindex', '0');
        t.setAttribute('data-scroll-focus', '');
        if (!t.getAttribute('aria-label') && !t.getAttribute('aria-labelledby')) {
          const section = t.closest('section');
          const heading =
            (section && section.querySelector('h2, h3')) || document.querySelector('h1');
          if (heading) t.setAttribute('aria-label', heading.textContent.trim());
        }
      } else if (!scrolls && t.hasAttribute('data-scroll-focus')) {
        t.removeAttribute('tabindex');
        t.removeAttribute('data-scroll-focus');
      }
    });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scrollables);
  else scrollables();
  window.addEventListener('resize', scrollables);
})();
