// Notices. The pages work without this script (the 预览 button, a reload); with it, the composer's count, sample
// of names and preview follow the fields as they change, and a notice's page follows its delivery until it is done.
(() => {
  const composer = document.getElementById('bc-composer');
  if (composer instanceof HTMLFormElement) {
    let timer = 0;
    let asked = 0;
    const refresh = async () => {
      const fields = new URLSearchParams();
      for (const [key, value] of new FormData(composer)) if (key !== '_csrf' && typeof value === 'string') fields.append(key, value);
      const mine = ++asked;
      const res = await fetch(`/console/broadcasts/live?${fields}`, { credentials: 'same-origin' });
      if (!res.ok || mine !== asked) return;
      const fresh = await res.text();
      const live = document.getElementById('bc-live');
      if (live && mine === asked) live.outerHTML = fresh;
    };
    const soon = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void refresh().catch(() => undefined), 250);
    };
    composer.addEventListener('input', soon);
    composer.addEventListener('change', (event) => {
      // Choosing a time means sending at that time.
      if (event.target instanceof HTMLInputElement && event.target.name === 'sendAt' && event.target.value) {
        const later = composer.querySelector('input[name="when"][value="later"]');
        if (later instanceof HTMLInputElement) later.checked = true;
      }
      soon();
    });
  }

  // A confirmation is sent once: the buttons are disabled once it goes (after the browser has read the pressed one).
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('bc-confirm') || event.defaultPrevented) return;
    window.setTimeout(() => form.querySelectorAll('button').forEach((b) => { b.disabled = true; }), 0);
  });

  const panel = document.getElementById('bc-progress-panel');
  if (panel && panel.dataset.progress && panel.dataset.state !== 'done' && panel.dataset.state !== 'cancelled') {
    const set = (id, value) => {
      const el = document.getElementById(id);
      if (el) el.textContent = String(value);
    };
    const poll = async () => {
      const res = await fetch(panel.dataset.progress, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      // Signed out, or no longer allowed: stop asking (a reload shows why).
      if (res.status === 401 || res.status === 403 || res.status === 404) return false;
      if (!res.ok) return true;
      const p = await res.json();
      for (const key of ['members', 'delivered', 'failed', 'read', 'waiting']) set(`bc-${key}`, p[key]);
      const state = document.getElementById('bc-state');
      if (state) {
        state.textContent = p.label;
        state.dataset.state = p.state;
      }
      panel.dataset.state = p.state;
      const bar = document.getElementById('bc-bar');
      if (bar instanceof HTMLProgressElement) {
        bar.max = Math.max(1, p.members);
        bar.value = p.delivered + p.failed;
      }
      const names = document.getElementById('bc-failed-names');
      if (names && p.failedNames.length) {
        names.textContent = p.failedNames.join('、');
        names.className = '';
      }
      return p.state !== 'done' && p.state !== 'cancelled';
    };
    const again = () => window.setTimeout(() => void poll().then((more) => more && again(), () => again()), 1500);
    again();
  }
})();
