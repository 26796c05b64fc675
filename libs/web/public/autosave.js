// Progressive enhancement for long forms marked `data-autosave`: every 20 s, if something changed,
// post the form as "save draft" in the background. Without JavaScript the "save draft" button does the same.
(function () {
  'use strict';
  const INTERVAL_MS = 20000;
  document.querySelectorAll('form[data-autosave]').forEach(function (form) {
    const status = form.querySelector('[data-autosave-status]');
    let dirty = false;
    let busy = false;
    form.addEventListener('input', function () {
      dirty = true;
    });
    form.addEventListener('change', function () {
      dirty = true;
    });
    // The server refuses a body above its limit (data-max-bytes) without reading it: such a form is not
    // sent at all, so nothing typed is lost to an error page.
    function encodedSize() {
      return new TextEncoder().encode(new URLSearchParams(new FormData(form)).toString()).length;
    }
    function tooLarge() {
      const maxBytes = Number(form.getAttribute('data-max-bytes')) || 0;
      return maxBytes > 0 && encodedSize() + 64 > maxBytes;
    }
    form.addEventListener('submit', function (event) {
      if (tooLarge()) {
        event.preventDefault();
        say(form.getAttribute('data-too-large') || '');
        if (status) status.classList.add('error-text');
        return;
      }
      dirty = false;
    });
    function say(text) {
      if (status) status.textContent = text;
    }
    function save() {
      if (!dirty || busy) return;
      if (tooLarge()) {
        say(form.getAttribute('data-too-large') || '');
        return;
      }
      busy = true;
      dirty = false;
      const body = new URLSearchParams(new FormData(form));
      body.set('action', 'save');
      // getAttribute: the buttons are named "action", which shadows form.action.
      fetch(form.getAttribute('action') || location.pathname, {
        method: 'POST',
        body: body,
        credentials: 'same-origin',
        redirect: 'follow',
      })
        .then(function (res) {
          if (!res.ok) throw new Error(String(res.status));
          // A new proposal gets its id on the first save: later saves go to its edit address.
          const url = new URL(res.url);
          const m = /^\/proposals\/(\d+)\/edit$/.exec(url.pathname);
          if (m && form.getAttribute('action') !== url.pathname) {
            form.setAttribute('action', url.pathname);
            history.replaceState(null, '', url.pathname);
          }
          const now = new Date();
          const hhmm = ('0' + now.getHours()).slice(-2) + ':' + ('0' + now.getMinutes()).slice(-2);
          say((form.getAttribute('data-autosave-ok') || '').replace('__TIME__', hhmm));
        })
        .catch(function (err) {
          if (window.console) console.warn('autosave failed', err && err.message);
          dirty = true;
          say(form.getAttribute('data-autosave-failed') || '');
        })
        .then(function () {
          busy = false;
        });
    }
    setInterval(save, INTERVAL_MS);
  });
})();
