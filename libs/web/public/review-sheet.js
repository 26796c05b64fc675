// The judge's score sheet (form[data-review-sheet]): every change is kept in this browser at once
// (localStorage) and sent to the server shortly after (autosave with the version read). While the
// connection is lost the draft stays in the browser and is sent when it returns; a reload finds it.
// A save that lost a race (409) shows both versions and lets the judge choose. Without JavaScript
// the "save draft" button does the same job by posting the form.
(function () {
  'use strict';
  const form = document.querySelector('form[data-review-sheet]');
  if (!form) return;
  const key = form.getAttribute('data-draft-key');
  const text = function (name) {
    return form.getAttribute('data-text-' + name) || '';
  };
  const store = window.localStorage;
  if (form.getAttribute('data-locked') === 'true') {
    // Submitted: nothing left to send.
    store.removeItem(key);
    return;
  }
  const versionInput = form.querySelector('input[name="version"]');
  const csrf = form.querySelector('input[name="_csrf"]').value;
  const state = document.getElementById('sync-state');
  const conflictBox = document.getElementById('sheet-conflict');
  let timer = null;
  let busy = false;
  let again = false;

  function say(name, message) {
    if (!state) return;
    state.setAttribute('data-state', name);
    state.textContent = message;
  }
  function hhmm() {
    const d = new Date();
    return ('0' + d.getHours()).slice(-2) + ':' + ('0' + d.getMinutes()).slice(-2);
  }
  function criteria() {
    return Array.prototype.slice.call(form.querySelectorAll('fieldset[data-criterion]'));
  }
  function collect() {
    const scores = {};
    const comments = {};
    criteria().forEach(function (fs) {
      const id = fs.getAttribute('data-criterion');
      const num = fs.querySelector('input[type="number"]');
      const na = fs.querySelector('input[type="checkbox"]');
      if (na && na.checked) scores[id] = null;
      else if (num && num.value.trim() !== '') scores[id] = Number(num.value.trim());
      const c = fs.querySelector('textarea');
      if (c && c.value.trim()) comments[id] = c.value.trim();
    });
    const overall = form.querySelector('textarea[name="overall"]');
    return { scores: scores, comments: comments, overall: overall ? overall.value : '' };
  }
  function apply(d) {
    criteria().forEach(function (fs) {
      const id = fs.getAttribute('data-criterion');
      const num = fs.querySelector('input[type="number"]');
      const na = fs.querySelector('input[type="checkbox"]');
      const v = d.scores ? d.scores[id] : undefined;
      if (na) na.checked = v === null;
      if (num) num.value = v === null || v === undefined ? '' : String(v);
      const c = fs.querySelector('textarea');
      if (c) c.value = (d.comments && d.comments[id]) || '';
    });
    const overall = form.querySelector('textarea[name="overall"]');
    if (overall) overall.value = d.overall || '';
  }
  function keep(draft, base) {
    draft.baseVersion = base;
    draft.at = Date.now();
    store.setItem(key, JSON.stringify(draft));
  }
  function local() {
    try {
      return JSON.parse(store.getItem(key) || 'null');
    } catch {
      return null;
    }
  }
  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(sync, ms);
  }

  function sync() {
    timer = null;
    const draft = local();
    if (!draft) return Promise.resolve();
    if (busy) {
      again = true;
      return Promise.resolve();
    }
    if (navigator.onLine === false) {
      say('offline', text('offline'));
      return Promise.resolve();
    }
    busy = true;
    const sent = JSON.stringify(draft);
    return fetch(form.getAttribute('data-autosave-url'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': csrf,
      },
      body: JSON.stringify({
        version: draft.baseVersion,
        scores: draft.scores,
        comments: draft.comments,
        overall: draft.overall,
      }),
    })
      .then(function (res) {
        return res.json().then(
          function (body) {
            return { res: res, body: body };
          },
          function () {
            return { res: res, body: {} };
          },
        );
      })
      .then(function (r) {
        if (r.res.ok) {
          versionInput.value = String(r.body.version);
          const now = local();
          if (now && JSON.stringify(now) === sent) store.removeItem(key);
          else if (now) {
            // Typed on while this save travelled: the newer draft goes on the new version.
            keep(now, r.body.version);
            again = true;
          }
          say('saved', text('saved').replace('__TIME__', hhmm()));
          clearErrors();
        } else if (r.res.status === 409 && r.body.code === 'sheet_version_conflict') {
          showConflict(draft);
        } else if (r.res.status === 409 && r.body.code === 'sheet_submitted') {
          store.removeItem(key);
          location.reload();
        } else if (r.res.status >= 500 || r.res.status === 429) {
          say('offline', text('offline'));
          schedule(5000);
        } else {
          // Refused (e.g. a score out of range): kept in the browser; the field says why.
          say('error', r.body.message || String(r.res.status));
          showErrors(r.body.details || []);
        }
      })
      .catch(function () {
        say('offline', text('offline'));
      })
      .then(function () {
        busy = false;
        if (again) {
          again = false;
          schedule(300);
        }
      });
  }

  function clearErrors() {
    Array.prototype.forEach.call(form.querySelectorAll('.live-error'), function (el) {
      el.parentNode.removeChild(el);
    });
  }
  function showErrors(details) {
    clearErrors();
    details.forEach(function (d) {
      const fs = form.querySelector('fieldset[data-criterion="' + d.field + '"]');
      if (!fs) return;
      const p = document.createElement('p');
      p.className = 'error-text live-error';
      p.id = 'score-' + d.field + '-live-error';
      p.textContent = d.message || d.code;
      fs.appendChild(p);
    });
  }

  function cell(row, value) {
    const td = document.createElement('td');
    td.textContent = value === null ? 'N/A' : value === undefined ? '—' : String(value);
    row.appendChild(td);
  }
  function showConflict(mine) {
    fetch(form.getAttribute('data-draft-url'), {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    })
      .then(function (res) {
        return res.json();
      })
      .then(function (theirs) {
        say('conflict', text('conflict'));
        conflictBox.textContent = '';
        const table = document.createElement('table');
        table.id = 'conflict-table';
        const head = table.insertRow();
        [text('criterion'), text('mine'), text('theirs')].forEach(function (h) {
          const th = document.createElement('th');
          th.textContent = h;
          head.appendChild(th);
        });
        criteria().forEach(function (fs) {
          const id = fs.getAttribute('data-criterion');
          const row = table.insertRow();
          if (mine.scores[id] !== theirs.scores[id]) row.className = 'differs';
          cell(row, fs.getAttribute('data-label'));
          cell(row, mine.scores[id]);
          cell(row, theirs.scores[id]);
        });
        conflictBox.appendChild(table);
        const mineBtn = document.createElement('button');
        mineBtn.type = 'button';
        mineBtn.id = 'keep-mine';
        mineBtn.textContent = text('keep-mine');
        mineBtn.addEventListener('click', function () {
          versionInput.value = String(theirs.version);
          keep(mine, theirs.version);
          apply(mine);
          conflictBox.hidden = true;
          sync();
        });
        const theirsBtn = document.createElement('button');
        theirsBtn.type = 'button';
        theirsBtn.className = 'secondary';
        theirsBtn.id = 'keep-theirs';
        theirsBtn.textContent = text('keep-theirs');
        theirsBtn.addEventListener('click', function () {
          store.removeItem(key);
          if (theirs.status === 'submitted') return location.reload();
          versionInput.value = String(theirs.version);
          apply(theirs);
          conflictBox.hidden = true;
          say('saved', text('saved').replace('__TIME__', hhmm()));
        });
        conflictBox.appendChild(mineBtn);
        conflictBox.appendChild(document.createTextNode(' '));
        conflictBox.appendChild(theirsBtn);
        conflictBox.hidden = false;
      })
      .catch(function () {
        say('offline', text('offline'));
      });
  }

  function changed() {
    const base = Number(versionInput.value);
    const prev = local();
    keep(collect(), prev ? prev.baseVersion : base);
    say('pending', text('pending'));
    schedule(1000);
  }
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  window.addEventListener('online', function () {
    sync();
  });
  window.addEventListener('offline', function () {
    say('offline', text('offline'));
  });
  // Submit: send what is pending first, so the posted version is the newest one.
  form.addEventListener('submit', function (e) {
    if (!local() && !busy) return;
    e.preventDefault();
    const action = e.submitter ? e.submitter.value : 'save';
    clearTimeout(timer);
    const wait = function () {
      if (busy) return setTimeout(wait, 100);
      sync().then(function () {
        if (local() && navigator.onLine === false) return; // offline: kept; sent when back
        const hidden = document.createElement('input');
        hidden.type = 'hidden';
        hidden.name = 'action';
        hidden.value = action;
        form.appendChild(hidden);
        store.removeItem(key);
        form.submit();
      });
    };
    wait();
  });

  // A draft left in this browser (typed offline, or not sent before a reload): restore and send it.
  const left = local();
  if (left) {
    if (left.baseVersion === Number(versionInput.value)) {
      apply(left);
      say('pending', text('restored'));
      sync();
    } else showConflict(left);
  }
})();
