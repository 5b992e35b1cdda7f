// netemu's run report: highlights a link everywhere it is drawn, toggles chart series from the
// legends, and marks the page ready (the browser test reads data-ready and data-js-error).
(function () {
  'use strict';
  window.addEventListener('error', function (e) {
    document.body.setAttribute('data-js-error', String(e.message || e));
  });

  function highlight(link) {
    var all = document.querySelectorAll('[data-link]');
    for (var i = 0; i < all.length; i++) {
      var on = all[i].getAttribute('data-link') === link && !all[i].classList.contains('hl');
      all[i].classList.toggle('hl', on);
    }
  }

  document.addEventListener('click', function (e) {
    var el = e.target.closest ? e.target.closest('[data-link]') : null;
    if (el) {
      highlight(el.getAttribute('data-link'));
      return;
    }
    var legend = e.target.closest ? e.target.closest('.legend') : null;
    if (legend) {
      var chart = legend.closest('svg');
      var name = legend.getAttribute('data-series');
      legend.classList.toggle('off');
      var groups = chart.querySelectorAll('g.series');
      for (var j = 0; j < groups.length; j++) {
        if (groups[j].getAttribute('data-series') === name) {
          groups[j].classList.toggle('off');
        }
      }
    }
  });

  var nodes = document.querySelectorAll('#topology .node').length;
  var count = document.getElementById('node-count');
  if (count) {
    count.textContent = nodes + (nodes === 1 ? ' node' : ' nodes');
  }
  document.body.setAttribute('data-ready', '1');
})();
