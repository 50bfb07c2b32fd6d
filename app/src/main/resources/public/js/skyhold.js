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

  var TIMEOUT_MS = 10000;

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);

  /**
   * Never swap content out from under an operator who is using it: typing or choosing in it, having ticked or
   * typed something not yet sent (a focus check alone misses a ticked checkbox in browsers that do not focus
   * on click), or selecting its text to copy an IP or a DNS name.
   */
  function busy(element) {
    var active = document.activeElement;
    if (active && active !== document.body && element.contains(active)
        && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName)) {
      return true;
    }
    var controls = element.querySelectorAll('input, textarea, select');
    for (var i = 0; i < controls.length; i++) {
      var c = controls[i];
      if ((c.type === 'checkbox' || c.type === 'radio') ? c.checked !== c.defaultChecked
          : c.tagName === 'SELECT' ? Array.prototype.some.call(c.options, function (o) { return o.selected !== o.defaultSelected; })
          : c.type !== 'hidden' && c.value !== c.defaultValue) {
        return true;
      }
    }
    var selection = window.getSelection && window.getSelection();
    return !!(selection && !selection.isCollapsed && selection.rangeCount
      && element.contains(selection.getRangeAt(0).commonAncestorContainer));
  }

  function say(text, link) {
    var marker = document.getElementById('refresh-state');
    if (!marker) {
      return;
    }
    marker.textContent = text;
    if (link) {
      var a = document.createElement('a');
      a.href = link.href;
      a.textContent = link.text;
      marker.appendChild(document.createTextNode(' '));
      marker.appendChild(a);
    }
  }

  /** One refresh at a time per page; the next is planned only when this one has ended, so none pile up. */
  function start(ids, seconds) {
    var stopped = false;

    function plan() {
      if (!stopped) {
        window.setTimeout(run, seconds * 1000);
      }
    }

    function stop(text, link) {
      stopped = true;
      say(text, link);
    }

    function run() {
      if (document.hidden) {
        plan(); // a background tab costs the server nothing; it catches up when shown
        return;
      }
      var controller = window.AbortController ? new AbortController() : null;
      var timer = controller && window.setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
      var requested = window.location.href;
      fetch(requested, {
        headers: { 'X-Skyhold-Refresh': '1' },
        credentials: 'same-origin',
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        if (response.redirected && new URL(response.url).pathname === '/login' || response.status === 401) {
          stop('Your session has ended, so this page no longer updates —',
            { href: '/login?next=' + encodeURIComponent(window.location.pathname + window.location.search),
              text: 'sign in again' });
          return null;
        }
        if (response.status === 404 || response.status === 403) {
          stop('This page no longer exists or is no longer yours to see, so it stopped updating.');
          return null;
        }
        if (!response.ok) {
          throw new Error('refresh answered ' + response.status);
        }
        return response.text();
      }).then(function (html) {
        if (html === null || stopped || requested !== window.location.href) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        ids.forEach(function (id) {
          var now = document.getElementById(id);
          var next = fresh.getElementById(id);
          if (now && next && !busy(now)) {
            now.innerHTML = next.innerHTML;
          }
        });
        say('');
      }).catch(function () {
        say('Live updates paused: the server did not answer in time; retrying.');
      }).then(function () {
        if (timer) {
          window.clearTimeout(timer);
        }
        plan();
      });
    }

    plan();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var byInterval = {};
    document.querySelectorAll('[data-refresh][id]').forEach(function (element) {
      var seconds = Math.max(1, parseInt(element.getAttribute('data-refresh'), 10) || 5);
      (byInterval[seconds] = byInterval[seconds] || []).push(element.id);
    });
    Object.keys(byInterval).forEach(function (seconds) {
      start(byInterval[seconds], Number(seconds));
    });
  });
})();
