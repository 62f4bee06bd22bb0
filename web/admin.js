// Admin console. Everything from the server is inserted as text (textContent), never as HTML.
(() => {
  const $ = (id) => document.getElementById(id);
  let csrf = null;
  let audienceTimer = null;
  const STATUS = { draft: 'Nháp', scheduled: 'Đã hẹn giờ', sending: 'Đang gửi', paused: 'Tạm dừng', done: 'Đã xong', cancelled: 'Đã hủy' };

  async function api(path, options = {}) {
    const headers = { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) };
    const response = await fetch(path, { method: options.method || 'GET', headers, body: options.body !== undefined ? JSON.stringify(options.body) : undefined, credentials: 'same-origin' });
    const data = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
    if (!response.ok) {
      const error = new Error(data?.error?.message || `HTTP ${response.status}`);
      error.status = response.status;
      error.details = data?.error?.details || [];
      throw error;
    }
    return data;
  }

  async function showConsole() {
    $('signin').hidden = true;
    $('console').hidden = false;
    $('logout').hidden = false;
    const options = await api('/admin/api/options');
    fillChecks('channels', options.channels.map((c) => ({ id: c, label: c === 'telegram' ? 'Telegram' : c === 'zalo' ? 'Zalo' : c })), true);
    fillChecks('topics', options.topics, false);
    updatePreview();
    updateAudience();
    refreshCampaigns();
    setInterval(refreshCampaigns, 1000);
  }

  function fillChecks(containerId, items, checked) {
    const box = $(containerId);
    box.replaceChildren();
    for (const item of items) {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = item.id;
      input.checked = checked;
      input.name = containerId;
      input.addEventListener('change', scheduleAudience);
      label.append(input, document.createTextNode(item.label));
      box.append(label);
    }
  }

  const checked = (name) => [...document.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);

  function audience() {
    const a = {};
    const channels = checked('channels');
    const topics = checked('topics');
    if (channels.length) a.channels = channels;
    if (topics.length) a.topics = topics;
    if ($('locale').value) a.locale = $('locale').value;
    return a;
  }

  function draft() {
    const body = { title: $('title').value.trim(), text: { vi: $('text-vi').value.trim() }, audience: audience() };
    if ($('text-en').value.trim()) body.text.en = $('text-en').value.trim();
    if ($('link-label').value.trim() || $('link-url').value.trim()) body.link = { label: $('link-label').value.trim(), url: $('link-url').value.trim() };
    if ($('send-at').value) body.sendAt = new Date($('send-at').value).toISOString();
    return body;
  }

  function scheduleAudience() {
    clearTimeout(audienceTimer);
    audienceTimer = setTimeout(updateAudience, 250);
  }

  async function updateAudience() {
    try {
      const { count } = await api('/admin/api/audience', { method: 'POST', body: audience() });
      $('audience-count').textContent = String(count);
    } catch {
      $('audience-count').textContent = '?';
    }
  }

  let previewTimer = null;
  function updatePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(async () => {
      const body = { text: { vi: $('text-vi').value || ' ' } };
      const label = $('link-label').value.trim();
      const url = $('link-url').value.trim();
      if (label && /^https:\/\/\S+$/.test(url)) body.link = { label, url };
      try {
        const preview = await api('/admin/api/preview', { method: 'POST', body });
        const tg = $('preview-telegram');
        tg.replaceChildren(document.createTextNode(preview.telegram.map((p) => p.text).join('\n\n')));
        for (const row of preview.telegram.at(-1)?.reply_markup?.inline_keyboard || []) {
          for (const b of row) {
            const span = document.createElement('span');
            span.className = 'tg-button';
            span.textContent = `🔗 ${b.text}`;
            tg.append(span);
          }
        }
        $('preview-zalo').textContent = preview.zalo.map((p) => p.text).join('\n\n');
      } catch {
        /* preview is best effort while typing */
      }
    }, 200);
  }

  async function create(asDraft) {
    $('compose-error').textContent = '';
    const body = draft();
    if (asDraft) body.draft = true;
    try {
      await api('/admin/api/campaigns', { method: 'POST', body });
      $('compose').reset();
      fillChecks('channels', [...document.querySelectorAll('input[name="channels"]')].map((i) => ({ id: i.value, label: i.parentElement.textContent })), true);
      $('confirm').hidden = true;
      updatePreview();
      refreshCampaigns();
    } catch (error) {
      $('compose-error').textContent = [error.message, ...(error.details || [])].join(' ');
    }
  }

  async function refreshCampaigns() {
    let list;
    try {
      ({ campaigns: list } = await api('/admin/api/campaigns'));
    } catch (error) {
      if (error.status === 401) location.reload();
      return;
    }
    const box = $('campaigns');
    box.replaceChildren();
    for (const c of list) {
      const li = document.createElement('li');
      li.className = 'campaign';
      li.dataset.id = c.id;
      li.dataset.status = c.status;
      const title = document.createElement('div');
      const strong = document.createElement('strong');
      strong.textContent = c.title;
      const status = document.createElement('span');
      status.className = 'status';
      status.textContent = ` · ${STATUS[c.status] || c.status}`;
      title.append(strong, status);
      const done = c.sent + c.failed + c.blocked;
      const progress = document.createElement('progress');
      progress.max = Math.max(1, c.total);
      progress.value = done;
      progress.setAttribute('aria-label', `Tiến độ: ${done}/${c.total}`);
      const counts = document.createElement('div');
      counts.className = 'counts';
      counts.textContent = `Tổng ${c.total} · đã gửi ${c.sent} · lỗi ${c.failed} · đã chặn ${c.blocked} · chờ ${c.pending}`;
      const buttons = document.createElement('div');
      buttons.className = 'buttons';
      const action = (label, path) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'secondary';
        b.textContent = label;
        b.addEventListener('click', async () => {
          try { await api(`/admin/api/campaigns/${c.id}/${path}`, { method: 'POST' }); } catch (e) { alert(e.message); }
          refreshCampaigns();
        });
        buttons.append(b);
      };
      if (c.status === 'draft') action('Gửi', 'start');
      if (c.status === 'sending' || c.status === 'scheduled') action('Tạm dừng', 'pause');
      if (c.status === 'paused') action('Tiếp tục', 'resume');
      if (!['done', 'cancelled'].includes(c.status)) action('Hủy', 'cancel');
      const csv = document.createElement('a');
      csv.href = `/admin/api/campaigns/${c.id}/report.csv`;
      csv.textContent = 'Tải báo cáo CSV';
      csv.setAttribute('download', '');
      buttons.append(csv);
      li.append(title, progress, counts, buttons);
      box.append(li);
    }
  }

  $('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('signin-error').textContent = '';
    try {
      const result = await api('/admin/login', { method: 'POST', body: { token: $('token').value } });
      csrf = result.csrf;
      $('token').value = '';
      await showConsole();
    } catch (error) {
      $('signin-error').textContent = error.status === 429 ? 'Sai quá nhiều lần, hãy thử lại sau 15 phút.' : 'Mã quản trị không đúng.';
    }
  });
  $('logout').addEventListener('click', async () => {
    await api('/admin/logout', { method: 'POST' }).catch(() => {});
    location.reload();
  });
  for (const id of ['text-vi', 'link-label', 'link-url']) $(id).addEventListener('input', updatePreview);
  $('locale').addEventListener('change', scheduleAudience);
  $('save-draft').addEventListener('click', () => create(true));
  $('compose').addEventListener('submit', (event) => {
    event.preventDefault();
    $('confirm-text').textContent = `Gửi "${$('title').value.trim()}" tới ${$('audience-count').textContent} người?`;
    $('confirm').hidden = false;
    $('confirm-send').focus();
  });
  $('confirm-send').addEventListener('click', () => create(false));
  $('confirm-cancel').addEventListener('click', () => { $('confirm').hidden = true; });

  api('/admin/api/session').then((s) => { csrf = s.csrf; return showConsole(); }).catch(() => { $('signin').hidden = false; });
})();
