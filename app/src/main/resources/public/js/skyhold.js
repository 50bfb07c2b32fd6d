/*
 * Skyhold's only script (CSP allows no inline script). Two behaviours, both declared in the HTML:
 *  - data-refresh="SECONDS" on an element with an id: every SECONDS the page's own URL is fetched again and the
 *    element's content replaced by the same element of the new page, so a table stays live without a reload.
 *    The server renders the page once; there is no second, JSON-driven rendering to keep in step.
 *  - data-confirm="QUESTION" on a form: submitting it asks first (drain, destroy, delete).
 * Listeners are on the document, so content swapped in by a refresh keeps working.
 */
(function () {
  'use strict';

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);

  function busy(element) {
    // never swap content out from under an operator who is typing or choosing in it
    var active = document.activeElement;
    return active && active !== document.body && element.contains(active)
      && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName);
  }

  function refresh(ids) {
    fetch(window.location.href, { headers: { 'X-Skyhold-Refresh': '1' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok || response.redirected) {
          throw new Error('refresh answered ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        ids.forEach(function (id) {
          var now = document.getElementById(id);
          var next = fresh.getElementById(id);
          if (now && next && !busy(now)) {
            now.innerHTML = next.innerHTML;
          }
        });
        setStale(false);
      })
      .catch(function () {
        setStale(true);
      });
  }

  function setStale(stale) {
    var marker = document.getElementById('refresh-state');
    if (marker) {
      marker.textContent = stale ? 'Live updates paused: the server did not answer; retrying.' : '';
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    var byInterval = {};
    document.querySelectorAll('[data-refresh][id]').forEach(function (element) {
      var seconds = Math.max(1, parseInt(element.getAttribute('data-refresh'), 10) || 5);
      (byInterval[seconds] = byInterval[seconds] || []).push(element.id);
    });
    Object.keys(byInterval).forEach(function (seconds) {
      window.setInterval(function () { refresh(byInterval[seconds]); }, seconds * 1000);
    });
  });
})();
