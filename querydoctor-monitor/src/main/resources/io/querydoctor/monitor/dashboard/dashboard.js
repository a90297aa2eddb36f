// QueryDoctor dashboard: draws the charts whose data the server put in data-chart attributes. Tables and
// forms work without this script. Errors (and CSP violations) are recorded on the page for the browser tests.
(function () {
  'use strict';
  var errors = [];
  function record(text) {
    errors.push(text);
    var box = document.getElementById('qd-errors');
    if (box) {
      box.textContent = errors.join('\n');
      box.hidden = false;
      document.body.setAttribute('data-errors', String(errors.length));
    }
  }
  window.addEventListener('error', function (e) { record('error: ' + e.message); });
  document.addEventListener('securitypolicyviolation', function (e) {
    record('csp: ' + e.violatedDirective + ' ' + e.blockedURI);
  });

  // Deploy marks: a dashed vertical line at each mark's x position, labelled.
  var deployMarks = {
    id: 'deployMarks',
    afterDatasetsDraw: function (chart, args, options) {
      var marks = options.marks || [];
      var ctx = chart.ctx, x = chart.scales.x, area = chart.chartArea;
      marks.forEach(function (mark) {
        var px = x.getPixelForValue(mark.index);
        ctx.save();
        ctx.strokeStyle = '#b45309';
        ctx.setLineDash([4, 3]);
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        ctx.fillStyle = '#b45309';
        ctx.font = '11px sans-serif';
        var text = mark.label.length > 40 ? mark.label.substring(0, 40) + '…' : mark.label;
        ctx.fillText(text, px + 3, area.top + 10);
        ctx.restore();
      });
    }
  };

  var colors = ['#2563eb', '#dc2626', '#16a34a', '#9333ea'];

  function draw() {
    var canvases = document.querySelectorAll('canvas[data-chart]');
    var drawn = 0;
    canvases.forEach(function (canvas) {
      try {
        var spec = JSON.parse(canvas.getAttribute('data-chart'));
        new Chart(canvas, {
          type: 'line',
          data: {
            labels: spec.labels,
            datasets: spec.series.map(function (s, i) {
              return { label: s.name, data: s.values, borderColor: colors[i % colors.length], pointRadius: spec.labels.length > 40 ? 0 : 3,
                borderWidth: 1.5, spanGaps: true };
            })
          },
          options: {
            animation: false, responsive: false, maintainAspectRatio: false,
            plugins: { deployMarks: { marks: spec.marks } },
            scales: { x: { ticks: { maxTicksLimit: 8 } }, y: { beginAtZero: true } }
          },
          plugins: [deployMarks]
        });
        canvas.setAttribute('data-drawn', 'true');
        drawn++;
      } catch (e) {
        record('chart ' + canvas.id + ': ' + e.message);
      }
    });
    document.body.setAttribute('data-charts-drawn', String(drawn));
  }

  if (typeof Chart === 'undefined') {
    document.addEventListener('DOMContentLoaded', function () {
      if (typeof Chart === 'undefined') { record('Chart.js did not load'); } else { draw(); }
    });
  } else if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
