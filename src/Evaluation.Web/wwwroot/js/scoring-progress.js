// Polls the run's progress (a small JSON answer) and moves the bar until the run completes.
(function () {
  const box = document.getElementById('run');
  if (!box) return;
  const bar = box.querySelector('.bar');
  const meter = box.querySelector('[role=progressbar]');
  const set = (name, value) => { const el = box.querySelector('[data-field=' + name + ']'); if (el) el.textContent = value ?? ''; };
  async function poll() {
    try {
      const response = await fetch(box.dataset.progressUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (response.ok) {
        const p = await response.json();
        bar.style.width = p.percent + '%';
        meter.setAttribute('aria-valuenow', p.percent);
        for (const k of ['done', 'total', 'scored', 'unchanged', 'failed', 'lastError']) set(k, p[k]);
        set('status', p.statusLabel); // the page's language; p.status is the machine's word
        if (p.status === 'Completed') { box.classList.add('completed'); return; }
      }
    } catch (e) { /* the next poll retries */ }
    setTimeout(poll, 1000);
  }
  poll();
})();
