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
    for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => showTab(tab.dataset.tab));
    $('period').addEventListener('change', refreshStats);
    refreshKnowledge();
    refreshInbox();
    setInterval(refreshKnowledge, 3000);
    refreshChannels();
    setInterval(refreshChannels, 5000);
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
      const { count, warnings = [] } = await api('/admin/api/audience', { method: 'POST', body: audience() });
      $('audience-count').textContent = String(count);
      $('quota-warnings').textContent = warnings.join('\n');
      $('quota-warnings').hidden = warnings.length === 0;
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
      const done = c.sent + c.failed + c.blocked + (c.skipped || 0);
      const progress = document.createElement('progress');
      progress.max = Math.max(1, c.total);
      progress.value = done;
      progress.setAttribute('aria-label', `Tiến độ: ${done}/${c.total}`);
      const counts = document.createElement('div');
      counts.className = 'counts';
      counts.textContent = `Tổng ${c.total} · đã gửi ${c.sent} · lỗi ${c.failed} · đã chặn ${c.blocked} · ngoài hạn mức ${c.skipped || 0} · chờ ${c.pending}`;
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

  // ---- Tabs ----
  function showTab(id) {
    for (const tab of document.querySelectorAll('.tab')) {
      if (tab.dataset.tab === id) tab.setAttribute('aria-current', 'page');
      else tab.removeAttribute('aria-current');
    }
    for (const panel of document.querySelectorAll('.tab-panel')) panel.hidden = panel.id !== id;
    if (id === 'inbox-tab') refreshInbox();
    if (id === 'stats-tab') refreshStats();
  }

  // ---- Knowledge status: a broken intent file is shown until it is fixed ----
  async function refreshKnowledge() {
    try {
      const status = await api('/admin/api/knowledge');
      const banner = $('knowledge-error');
      if (status.error) {
        banner.textContent = ['Tệp kiến thức có lỗi; trợ lý vẫn dùng bản đúng gần nhất:', ...status.error.issues.map((i) => `${i.file}${i.line ? `:${i.line}` : ''}: ${i.message}`)].join('\n');
        banner.hidden = false;
      } else banner.hidden = true;
    } catch { /* next time */ }
  }

  // ---- Channel alerts: an OA that needs re-consent, a Zalo Bot whose monthly quota is used up ----
  const ALERTS = {
    'reconsent-needed': (a) => `Kênh ${a.channel === 'zalo-oa' ? 'Zalo OA' : a.channel} đã dừng gửi: Zalo yêu cầu cấp quyền lại (mã -118). Quản trị OA cần cấp quyền lại cho ứng dụng, đặt ZALO_OA_ACCESS_TOKEN và ZALO_OA_REFRESH_TOKEN mới rồi khởi động lại.`,
    'quota-exhausted': (a) => `Kênh ${a.channel === 'zalo' ? 'Zalo Bot' : a.channel} đã hết hạn mức tin nhắn tháng (429): chiến dịch trên kênh này dừng, câu trả lời đang chờ sẽ được thử lại thưa dần.`,
  };
  async function refreshChannels() {
    try {
      const health = await api('/healthz');
      const alerts = health.alerts || [];
      const banner = $('channel-alerts');
      banner.textContent = alerts.map((a) => (ALERTS[a.code] ? ALERTS[a.code](a) : `${a.channel}: ${a.code}`)).join('\n');
      banner.hidden = alerts.length === 0;
    } catch { /* next time */ }
  }

  // ---- Inbox ----
  const REASONS = { fallback: 'không hiểu', unresolved: 'không chọn gợi ý', unhelpful: 'chưa hữu ích' };
  async function refreshInbox() {
    let groups;
    try {
      ({ groups } = await api('/admin/api/inbox'));
    } catch { return; }
    $('inbox-count').textContent = groups.length ? String(groups.length) : '';
    const list = $('inbox');
    list.replaceChildren();
    if (!groups.length) {
      const empty = document.createElement('li');
      empty.textContent = 'Không còn câu hỏi nào chờ xử lý.';
      list.append(empty);
    }
    for (const g of groups) {
      const li = document.createElement('li');
      li.dataset.id = g.id;
      const q = document.createElement('div');
      q.className = 'question';
      q.textContent = `“${g.examples[0]}”`;
      const meta = document.createElement('div');
      meta.className = 'meta';
      const reasons = Object.entries(g.reasons).map(([r, n]) => `${REASONS[r] || r}: ${n}`).join(', ');
      meta.textContent = `${g.count} lần, ${g.askers} người hỏi · ${reasons} · lần cuối ${new Date(g.lastAt).toLocaleString('vi-VN')}` + (g.examples.length > 1 ? ` · cách hỏi khác: ${g.examples.slice(1).join(' | ')}` : '');
      const actions = document.createElement('div');
      actions.className = 'actions';
      for (const c of g.candidates) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'secondary add-candidate';
        b.textContent = `Thêm vào “${c.title}” (${Math.round(c.score * 100)}%)`;
        b.addEventListener('click', () => act(g, 'add', { intent: c.intent }, `Đã thêm vào “${c.title}”`));
        actions.append(b);
      }
      const pick = document.createElement('div');
      pick.className = 'pick';
      const input = document.createElement('input');
      input.setAttribute('list', 'intent-options');
      input.setAttribute('aria-label', 'Tìm ý định khác');
      input.placeholder = 'Tìm ý định khác (mã hoặc tên)…';
      input.addEventListener('input', () => fillIntentOptions(input.value));
      const addOther = document.createElement('button');
      addOther.type = 'button';
      addOther.className = 'secondary';
      addOther.textContent = 'Thêm vào ý định này';
      addOther.addEventListener('click', () => input.value.trim() && act(g, 'add', { intent: input.value.trim().split(' ')[0] }, `Đã thêm vào ${input.value.trim()}`));
      pick.append(input, addOther);
      const ignore = document.createElement('button');
      ignore.type = 'button';
      ignore.className = 'secondary';
      ignore.textContent = 'Bỏ qua';
      ignore.addEventListener('click', () => act(g, 'ignore', undefined, 'Đã bỏ qua'));
      const create = document.createElement('button');
      create.type = 'button';
      create.className = 'secondary';
      create.textContent = 'Tạo ý định mới…';
      create.addEventListener('click', () => li.append(newIntentForm(g)));
      actions.append(create, ignore);
      li.append(q, meta, actions, pick);
      list.append(li);
    }
  }

  async function fillIntentOptions(query) {
    try {
      const { intents } = await api(`/admin/api/intents?q=${encodeURIComponent(query)}`);
      const options = $('intent-options');
      options.replaceChildren(...intents.map((i) => { const o = document.createElement('option'); o.value = `${i.id} ${i.title}`; return o; }));
    } catch { /* keep old options */ }
  }

  function newIntentForm(g) {
    const form = document.createElement('form');
    form.className = 'new-intent';
    const field = (name, label, tag = 'input') => {
      const l = document.createElement('label');
      l.textContent = label;
      const input = document.createElement(tag);
      input.name = name;
      input.required = name !== 'tip';
      l.append(input);
      form.append(l);
      return input;
    };
    const id = field('id', 'Mã ý định (chữ thường, gạch nối, ví dụ: doi-bang-lai)');
    const answer = field('answer', 'Câu trả lời (dưới 700 ký tự, đúng với nguồn)', 'textarea');
    const source = field('source', 'Nguồn (trang chính thức hoặc văn bản)');
    const submit = document.createElement('button');
    submit.type = 'submit';
    submit.textContent = 'Tạo và dạy trợ lý';
    form.append(submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(g, 'new', { id: id.value.trim(), answer: answer.value.trim(), source: source.value.trim() }, `Đã tạo ý định ${id.value.trim()}`);
    });
    return form;
  }

  async function act(group, action, body, done) {
    $('inbox-message').textContent = '';
    let message;
    try {
      const result = await api(`/admin/api/inbox/${group.id}/${action}`, { method: 'POST', body: body ?? {} });
      message = result.reload && !result.ok ? `${done}, nhưng tệp kiến thức có lỗi (xem thông báo đỏ).` : `${done}.${result.file ? ` Tệp đã sửa: intents/${result.file}. Trợ lý đã học lại.` : ''}`;
    } catch (error) {
      message = [error.message, ...(error.details || [])].join(' ');
    }
    // The list is refreshed before the message is shown, so what the message says is already on screen.
    await refreshInbox();
    $('inbox-message').textContent = message;
    refreshKnowledge();
  }

  // ---- Dashboard: SVG charts drawn here, no library ----
  const SVG = 'http://www.w3.org/2000/svg';
  const COLORS = { web: '#0b5cab', telegram: '#29a9eb', zalo: '#0068ff', fallback: '#d9822b', answered: '#2e7d32' };
  const el = (name, attrs = {}, text) => {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  };

  function stackedBars(container, days, channels) {
    const width = 640, height = 220, pad = 30;
    const totals = days.map((d) => channels.reduce((s, c) => s + (d.channels[c]?.messages || 0), 0));
    const max = Math.max(1, ...totals);
    const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `Tin nhắn mỗi ngày: ${days.map((d, i) => `${d.day} ${totals[i]}`).join(', ')}` });
    const bw = (width - pad * 2) / days.length;
    svg.append(el('line', { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, stroke: '#999' }));
    svg.append(el('text', { x: 2, y: pad }, String(max)));
    days.forEach((d, i) => {
      let y = height - pad;
      for (const c of channels) {
        const n = d.channels[c]?.messages || 0;
        const h = (n / max) * (height - pad * 2);
        if (h > 0) svg.append(el('rect', { x: pad + i * bw + 2, y: y - h, width: Math.max(1, bw - 4), height: h, fill: COLORS[c] || '#888' }, undefined));
        y -= h;
      }
      if (days.length <= 31 && (i % Math.ceil(days.length / 10) === 0)) svg.append(el('text', { x: pad + i * bw, y: height - pad + 14 }, d.day.slice(5)));
    });
    const legend = document.createElement('div');
    legend.className = 'legend';
    for (const c of channels) { const s = document.createElement('span'); s.style.setProperty('--c', COLORS[c] || '#888'); s.textContent = c; legend.append(s); }
    container.replaceChildren(svg, legend);
  }

  function horizontalBars(container, rows, color = '#0b5cab', label = (r) => r.label) {
    const width = 640, row = 24, left = 220;
    const height = Math.max(row, rows.length * row);
    const max = Math.max(1, ...rows.map((r) => r.value));
    const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': rows.map((r) => `${label(r)}: ${r.value}`).join(', ') || 'Chưa có dữ liệu' });
    if (!rows.length) svg.append(el('text', { x: 0, y: 16 }, 'Chưa có dữ liệu'));
    rows.forEach((r, i) => {
      svg.append(el('text', { x: 0, y: i * row + 16 }, label(r).slice(0, 34)));
      svg.append(el('rect', { x: left, y: i * row + 4, width: Math.max(1, ((width - left - 40) * r.value) / max), height: row - 8, fill: r.color || color }));
      svg.append(el('text', { x: left + ((width - left - 40) * r.value) / max + 4, y: i * row + 16 }, String(r.display ?? r.value)));
    });
    container.replaceChildren(svg);
  }

  async function refreshStats() {
    const days = Number($('period').value);
    const to = new Date();
    const from = new Date(to.getTime() - (days - 1) * 86400000);
    let stats;
    try {
      stats = await api(`/admin/api/stats?from=${from.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}`);
    } catch { return; }
    const t = stats.totals;
    const summary = $('stats-summary');
    summary.replaceChildren(...[['Tin nhắn', t.messages], ['Trả lời được', `${Math.round(t.answeredRate * 100)}%`], ['Không hiểu', `${Math.round(t.fallbackRate * 100)}%`], ['Hỏi lại để chọn', t.clarify]].map(([k, v]) => {
      const d = document.createElement('div');
      const strong = document.createElement('strong');
      strong.textContent = String(v);
      d.append(strong, document.createTextNode(k));
      return d;
    }));
    const channels = [...new Set(stats.days.flatMap((d) => Object.keys(d.channels)))];
    stackedBars($('chart-days'), stats.days, channels.length ? channels : ['web']);
    horizontalBars($('chart-intents'), stats.topIntents.map((r) => ({ label: r.intent, value: r.count })));
    horizontalBars($('chart-topics'), Object.entries(stats.subscribersByTopic).map(([topic, n]) => ({ label: topic, value: n })), '#2e7d32');
    horizontalBars($('chart-feedback'), stats.feedback.map((f) => ({ label: f.intent, value: Math.round(f.helpfulRatio * 100), display: `${Math.round(f.helpfulRatio * 100)}% hữu ích (👍 ${f.up} / 👎 ${f.down})`, color: f.helpfulRatio < 0.5 ? '#d9822b' : '#2e7d32' })));
    const top = $('top-unanswered');
    top.replaceChildren(...(stats.topUnanswered.length ? stats.topUnanswered : [{ example: 'Không có', count: 0 }]).map((g) => { const li = document.createElement('li'); li.textContent = g.count ? `${g.example} (${g.count} lần)` : g.example; return li; }));
    const checks = stats.checks ?? {};
    horizontalBars($('chart-checks'), [['warning', 'Cảnh báo', '#c62828'], ['unknown', 'Chưa rõ', '#d9822b'], ['official', 'Chính thức', '#2e7d32']].map(([k, label, color]) => ({ label, value: checks[k] ?? 0, color })));
    const flagged = stats.topFlaggedDomains ?? [];
    $('top-flagged-domains').replaceChildren(...(flagged.length ? flagged : [{ domain: 'Không có', count: 0 }]).map((d) => { const li = document.createElement('li'); li.textContent = d.count ? `${d.domain} (${d.count} lần)` : d.domain; return li; }));
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
    const warn = $('quota-warnings').hidden ? '' : `\n${$('quota-warnings').textContent}`;
    $('confirm-text').textContent = `Gửi "${$('title').value.trim()}" tới ${$('audience-count').textContent} người?${warn}`;
    $('confirm').hidden = false;
    $('confirm-send').focus();
  });
  $('confirm-send').addEventListener('click', () => create(false));
  $('confirm-cancel').addEventListener('click', () => { $('confirm').hidden = true; });

  api('/admin/api/session').then((s) => { csrf = s.csrf; return showConsole(); }).catch(() => { $('signin').hidden = false; });
})();
