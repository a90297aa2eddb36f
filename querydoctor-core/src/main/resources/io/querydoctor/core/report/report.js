/* QueryDoctor HTML report: draws the charts described by the JSON block #qd-chart-data with Chart.js.
   Every chart drawn gets data-drawn="true" on its canvas and the body counts them in data-charts-drawn;
   script errors are written, as text, into #qd-errors, so that a test (or a reader) can see them. */
(function () {
  'use strict';
  var errors = [];
  function record(message) {
    errors.push(String(message));
    var box = document.getElementById('qd-errors');
    if (box) {
      box.textContent = errors.join('\n');
      box.hidden = false;
    }
    document.documentElement.setAttribute('data-errors', String(errors.length));
  }
  window.addEventListener('error', function (event) {
    record(event.message || 'error');
  });

  function config(spec) {
    var compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 2 });
    var valueAxis = {
      type: spec.logarithmic ? 'logarithmic' : 'linear',
      title: { display: true, text: spec.valueAxisTitle },
      ticks: {
        maxTicksLimit: 6,
        callback: function (value) {
          return compact.format(value);
        }
      }
    };
    var scales = {};
    scales[spec.indexAxis === 'y' ? 'x' : 'y'] = valueAxis;
    // Every bar keeps its label (the full text is in the tooltip).
    scales[spec.indexAxis === 'y' ? 'y' : 'x'] = { ticks: { autoSkip: false, font: { size: 11 } } };
    return {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (set) {
          var line = spec.type === 'line';
          return {
            label: set.label,
            data: set.data,
            backgroundColor: set.colors || set.color,
            borderColor: line ? set.color : undefined,
            borderWidth: line ? 2 : 0,
            pointRadius: line ? 0 : undefined
          };
        })
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: spec.indexAxis,
        scales: scales,
        plugins: {
          legend: { display: spec.datasets.length > 1 },
          tooltip: {
            callbacks: {
              title: function (items) {
                return items.length ? spec.fullLabels[items[0].dataIndex] : '';
              }
            }
          }
        }
      }
    };
  }

  function draw() {
    var drawn = 0;
    var specs = [];
    try {
      specs = JSON.parse(document.getElementById('qd-chart-data').textContent).charts;
    } catch (e) {
      record('chart data: ' + e.message);
    }
    specs.forEach(function (spec) {
      var canvas = document.getElementById(spec.id);
      try {
        if (typeof Chart === 'undefined') {
          throw new Error('Chart.js did not load');
        }
        new Chart(canvas, config(spec));
        canvas.setAttribute('data-drawn', 'true');
        drawn++;
      } catch (e) {
        record(spec.id + ': ' + e.message);
      }
    });
    document.body.setAttribute('data-charts-drawn', String(drawn));
  }

  // Tables with class "sortable": a click on a heading sorts the rows by that column, numbers by their
  // data-sort value (a cell shows "1.2 s", sorts as 1200), text as text; a second click reverses.
  function sortable() {
    Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
      var headings = table.querySelectorAll('thead th');
      Array.prototype.forEach.call(headings, function (th, column) {
        th.addEventListener('click', function () {
          var ascending = th.getAttribute('aria-sort') !== 'ascending';
          Array.prototype.forEach.call(headings, function (other) { other.removeAttribute('aria-sort'); });
          th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[column], y = b.cells[column];
            var nx = x && x.hasAttribute('data-sort') ? parseFloat(x.getAttribute('data-sort')) : NaN;
            var ny = y && y.hasAttribute('data-sort') ? parseFloat(y.getAttribute('data-sort')) : NaN;
            var order = !isNaN(nx) && !isNaN(ny) ? nx - ny
              : (x ? x.textContent : '').localeCompare(y ? y.textContent : '');
            return ascending ? order : -order;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  }

  window.addEventListener('load', function () {
    try {
      sortable();
    } catch (e) {
      record('sortable tables: ' + e.message);
    }
    draw();
  });
})();
