// A "Print" link on printable pages (the review report): `<a href="#" data-print>` opens the
// browser's print dialog. A script file, as the page's CSP allows no inline handlers.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('[data-print]') : null;
  if (!link) return;
  event.preventDefault();
  window.print();
});
