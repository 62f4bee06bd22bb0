// @ts-check
// Admin console. Everything from the server is inserted as text (textContent), never as HTML. Words come from
// /admin/i18n.json (locales/console), numbers are formatted for the reader's language.
/* global Chart */

/**
 * @typedef {{ id: string, label: string }} Option
 * @typedef {{ text: string, buttons: string[] }} Bubble
 * @typedef {{ id: string, title: string, status: string, total: number, sent: number, failed: number, blocked: number, skipped?: number, pending: number }} CampaignSummary
 * @typedef {{ intent: string, score: number, title: string }} Candidate
 * @typedef {{ id: string, examples: string[], normalized: string, count: number, askers: number, reasons: Record<string, number>, candidates: Candidate[], members: string[], similar: string[], lastAt: number }} InboxGroup
 * @typedef {{ normalized: string, top: { intent: string, title: string, score: number }[], decision: 'answer' | 'clarify' | 'fallback' | 'check', intent: string | null, replies: { channel: string, bubbles: Bubble[] }[] }} TryResult
 * @typedef {{ messages: number, answered: number, fallback: number, clarify: number }} ChannelDay
 * @typedef {{ day: string, channels: Record<string, ChannelDay> }} StatsDay
 * @typedef {{ from: string, to: string, days: StatsDay[], totals: ChannelDay & { answeredRate: number, fallbackRate: number }, topIntents: { intent: string, title: string, count: number }[], feedback: { intent: string, title: string, up: number, down: number }[], topics: { id: string, label: string, count: number }[], checks: Record<string, number>, topFlaggedDomains: { domain: string, count: number }[], topUnanswered: { example?: string, count: number }[] }} Stats
 * @typedef {{ label: string, values: number[], color: string }} Series
 * @typedef {{ id: string, title: string, labels: string[], series: Series[], horizontal?: boolean, stacked?: boolean, xTitle: string, yTitle: string }} ChartSpec
 * @typedef {Error & { status?: number, code?: string, details?: string[] }} ApiError
 */

(() => {
  /** @param {string} id @returns {HTMLElement} */
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  /** @param {string} id @returns {HTMLInputElement} */
  const field = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
  /** @type {string | null} */
  let csrf = null;
  /** @type {Record<string, string>} */
  let S = {};
  let locale = document.documentElement.lang === 'en' ? 'en' : 'vi';
  const number = () => new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'vi-VN');

  /** A message with its {values} filled in (numbers formatted for the reader). @param {string} id @param {Record<string, string | number>} [args] */
  function tr(id, args = {}) {
    const pattern = S[id] ?? id;
    return pattern.replace(/\{(\w+)\}/g, (whole, name) => {
      const value = args[name];
      return value === undefined ? whole : typeof value === 'number' ? number().format(value) : value;
    });
  }

  /** @param {string} tag @param {string} [className] @param {string} [text] @returns {HTMLElement} */
  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** @param {string} text @param {string} [className] @returns {HTMLButtonElement} */
  function button(text, className = 'secondary') {
    const b = /** @type {HTMLButtonElement} */ (make('button', className, text));
    b.type = 'button';
    return b;
  }

  /**
   * Runs a task with the button busy (disabled, "Đang xử lý…"), so nothing is sent twice and staff see it working.
   * @template T @param {HTMLButtonElement} target @param {() => Promise<T>} task @returns {Promise<T>}
   */
  async function busy(target, task) {
    const label = target.textContent;
    target.disabled = true;
    target.setAttribute('aria-busy', 'true');
    target.textContent = tr('busy');
    try {
      return await task();
    } finally {
      target.disabled = false;
      target.removeAttribute('aria-busy');
      target.textContent = label;
    }
  }

  /** @param {string} path @param {{ method?: string, body?: unknown }} [options] @returns {Promise<any>} */
  async function api(path, options = {}) {
    /** @type {Record<string, string>} */
    const headers = { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) };
    let response;
    try {
      response = await fetch(path, { method: options.method || 'GET', headers, body: options.body !== undefined ? JSON.stringify(options.body) : undefined, credentials: 'same-origin' });
    } catch {
      throw Object.assign(new Error(tr('err-network')), { status: 0 });
    }
    const data = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
    if (!response.ok) {
      /** @type {ApiError} */
      const error = new Error(data?.error?.message || tr(`err-${data?.error?.code || 'internal'}`));
      error.status = response.status;
      error.code = data?.error?.code;
      error.details = data?.error?.details || [];
      throw error;
    }
    return data;
  }

  /** @param {unknown} error */
  const messageOf = (error) => {
    const e = /** @type {ApiError} */ (error);
    return [e.message, ...(e.details || []).filter((d) => d !== e.message)].join(' ');
  };

  // ---- Start ----
  async function showConsole() {
    $('signin').hidden = true;
    $('console').hidden = false;
    $('logout').hidden = false;
    for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => showTab(/** @type {HTMLElement} */ (tab).dataset.tab || ''));
    const period = /** @type {HTMLSelectElement} */ ($('period'));
    period.replaceChildren(...[7, 14, 30, 90].map((days) => { const o = new Option(tr('period-days', { days }), String(days)); o.selected = days === 14; return o; }));
    period.addEventListener('change', refreshStats);
    void refreshKnowledge();
    void refreshInbox();
    setInterval(refreshKnowledge, 3000);
    void refreshChannels();
    setInterval(refreshChannels, 5000);
    const options = await api('/admin/api/options');
    fillChecks('channels', options.channels, true);
    $('no-channel').hidden = options.channels.length > 0;
    fillChecks('topics', options.topics, false);
    updatePreview();
    await updateAudience();
    void refreshCampaigns();
    setInterval(refreshCampaigns, 1000);
  }

  /** @param {string} containerId @param {Option[]} items @param {boolean} checked */
  function fillChecks(containerId, items, checked) {
    const box = $(containerId);
    box.replaceChildren();
    for (const item of items) {
      const label = make('label');
      const input = /** @type {HTMLInputElement} */ (make('input'));
      input.type = 'checkbox';
      input.value = item.id;
      input.checked = checked;
      input.name = containerId;
      input.addEventListener('change', scheduleAudience);
      label.append(input, document.createTextNode(item.label));
      box.append(label);
    }
  }

  /** @param {string} name */
  const checked = (name) => [...document.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => /** @type {HTMLInputElement} */ (i).value);

  function audience() {
    /** @type {{ channels?: string[], topics?: string[], locale?: string }} */
    const a = {};
    const channels = checked('channels');
    const topics = checked('topics');
    if (channels.length) a.channels = channels;
    if (topics.length) a.topics = topics;
    const language = /** @type {HTMLSelectElement} */ ($('locale')).value;
    if (language) a.locale = language;
    return a;
  }

  function draft() {
    /** @type {{ title: string, text: { vi: string, en?: string }, audience: object, link?: { label: string, url: string }, sendAt?: string, draft?: boolean }} */
    const body = { title: field('title').value.trim(), text: { vi: field('text-vi').value.trim() }, audience: audience() };
    if (field('text-en').value.trim()) body.text.en = field('text-en').value.trim();
    if (field('link-label').value.trim() || field('link-url').value.trim()) body.link = { label: field('link-label').value.trim(), url: field('link-url').value.trim() };
    if (field('send-at').value) body.sendAt = new Date(field('send-at').value).toISOString();
    return body;
  }

  // ---- Audience: per channel, and why nobody ----
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let audienceTimer;
  function scheduleAudience() {
    clearTimeout(audienceTimer);
    audienceTimer = setTimeout(updateAudience, 250);
  }

  let audienceCount = 0;
  async function updateAudience() {
    const send = /** @type {HTMLButtonElement} */ ($('send'));
    try {
      const result = await api('/admin/api/audience', { method: 'POST', body: audience() });
      audienceCount = result.count;
      $('audience-count').textContent = number().format(result.count);
      $('audience-channels').replaceChildren(...result.channels.map((/** @type {Option & { count: number }} */ c) => make('li', '', tr('audience-channel', { channel: c.label, count: c.count }))));
      $('audience-refusal').textContent = result.refusal || '';
      $('quota-warnings').textContent = result.warnings.join('\n');
      $('quota-warnings').hidden = result.warnings.length === 0;
      send.disabled = result.count === 0;
    } catch (error) {
      $('audience-count').textContent = '?';
      $('audience-refusal').textContent = messageOf(error);
    }
  }

  // ---- Preview per channel, from each channel's own render ----
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let previewTimer;
  function updatePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(async () => {
      /** @type {{ text: { vi: string }, link?: { label: string, url: string } }} */
      const body = { text: { vi: field('text-vi').value || ' ' } };
      const label = field('link-label').value.trim();
      const url = field('link-url').value.trim();
      if (label && /^https:\/\/\S+$/.test(url)) body.link = { label, url };
      try {
        const preview = await api('/admin/api/preview', { method: 'POST', body });
        $('previews').replaceChildren(...preview.channels.map((/** @type {Option & { bubbles: Bubble[] }} */ c) => bubbles(c.id, tr('preview-on', { channel: c.label }), c.bubbles)));
      } catch {
        /* preview is best effort while typing */
      }
    }, 200);
  }

  /** @param {string} channel @param {string} caption @param {Bubble[]} list */
  function bubbles(channel, caption, list) {
    const figure = make('figure', 'preview');
    figure.dataset.channel = channel;
    const box = make('div', `bubble ${channel}`);
    box.id = `preview-${channel}`;
    box.append(document.createTextNode(list.map((b) => b.text).join('\n\n')));
    for (const b of list.flatMap((x) => x.buttons)) box.append(make('span', 'tg-button', b));
    figure.append(make('figcaption', '', caption), box);
    return figure;
  }

  async function create(/** @type {boolean} */ asDraft, /** @type {HTMLButtonElement} */ target) {
    $('compose-error').textContent = '';
    $('compose-message').textContent = '';
    const body = draft();
    if (asDraft) body.draft = true;
    await busy(target, async () => {
      try {
        await api('/admin/api/campaigns', { method: 'POST', body });
        /** @type {HTMLFormElement} */ ($('compose')).reset();
        for (const input of document.querySelectorAll('input[name="channels"]')) /** @type {HTMLInputElement} */ (input).checked = true;
        $('confirm').hidden = true;
        $('compose-message').textContent = tr('created');
        updatePreview();
        void updateAudience();
        void refreshCampaigns();
      } catch (error) {
        $('confirm').hidden = true;
        $('compose-error').textContent = messageOf(error);
      }
    });
  }

  // ---- Campaigns ----
  let lastCampaigns = '';
  /** Why the last action on a campaign was refused, shown under it until another action succeeds. @type {Map<string, string>} */
  const campaignErrors = new Map();
  async function refreshCampaigns() {
    /** @type {CampaignSummary[]} */
    let list;
    try {
      ({ campaigns: list } = await api('/admin/api/campaigns'));
    } catch (error) {
      if (/** @type {ApiError} */ (error).status === 401) location.reload();
      return;
    }
    // Redrawn only when something changed, so a button is never replaced under the pointer.
    const snapshot = JSON.stringify(list);
    if (snapshot === lastCampaigns) return;
    lastCampaigns = snapshot;
    $('campaigns').replaceChildren(...list.map(campaignItem));
  }

  /** @param {CampaignSummary} c */
  function campaignItem(c) {
    const li = make('li', 'campaign');
    li.dataset.id = c.id;
    li.dataset.status = c.status;
    const title = make('div');
    title.append(make('strong', '', c.title), make('span', 'status', ` · ${tr(`status-${c.status}`)}`));
    const skipped = c.skipped || 0;
    const done = c.sent + c.failed + c.blocked + skipped;
    const progress = /** @type {HTMLProgressElement} */ (make('progress'));
    progress.max = Math.max(1, c.total);
    progress.value = done;
    progress.setAttribute('aria-label', tr('campaign-progress-label', { done, total: c.total }));
    const counts = c.status === 'done'
      ? tr('campaign-finished', { sent: c.sent, blocked: c.blocked, failed: c.failed }) + (skipped ? tr('campaign-skipped', { skipped }) : '')
      : tr('campaign-progress', { sent: c.sent, total: c.total, blocked: c.blocked, failed: c.failed, skipped, pending: c.pending });
    const buttons = make('div', 'buttons');
    /** @param {string} action */
    const act = (action) => {
      const b = button(tr(`action-${action}`));
      b.addEventListener('click', () => busy(b, async () => {
        try {
          await api(`/admin/api/campaigns/${c.id}/${action}`, { method: 'POST' });
          campaignErrors.delete(c.id);
        } catch (error) {
          campaignErrors.set(c.id, messageOf(error));
        }
        lastCampaigns = '';
        await refreshCampaigns();
      }));
      buttons.append(b);
    };
    if (c.status === 'draft') act('start');
    if (c.status === 'sending' || c.status === 'scheduled') act('pause');
    if (c.status === 'paused') act('resume');
    if (!['done', 'cancelled'].includes(c.status)) act('cancel');
    const csv = /** @type {HTMLAnchorElement} */ (make('a', '', tr('report-csv')));
    csv.href = `/admin/api/campaigns/${c.id}/report.csv`;
    csv.setAttribute('download', '');
    buttons.append(csv);
    li.append(title, progress, make('div', 'counts', counts), buttons);
    const refused = campaignErrors.get(c.id);
    if (refused) {
      const error = make('p', 'error', refused);
      error.setAttribute('role', 'alert');
      li.append(error);
    }
    return li;
  }

  // ---- Tabs ----
  /** @param {string} id */
  function showTab(id) {
    for (const tab of document.querySelectorAll('.tab')) {
      if (/** @type {HTMLElement} */ (tab).dataset.tab === id) tab.setAttribute('aria-current', 'page');
      else tab.removeAttribute('aria-current');
    }
    for (const panel of document.querySelectorAll('.tab-panel')) /** @type {HTMLElement} */ (panel).hidden = panel.id !== id;
    if (id === 'inbox-tab') void refreshInbox();
    if (id === 'stats-tab') void refreshStats();
    if (id === 'health-tab') void refreshHealth();
  }

  // ---- Knowledge and channel alerts ----
  async function refreshKnowledge() {
    try {
      const status = await api('/admin/api/knowledge');
      const banner = $('knowledge-error');
      if (status.error) {
        banner.textContent = [tr('knowledge-error'), ...status.error.issues.map((/** @type {{ file: string, line?: number, message: string }} */ i) => `${i.file}${i.line ? `:${i.line}` : ''}: ${i.message}`)].join('\n');
        banner.hidden = false;
      } else banner.hidden = true;
    } catch { /* next time */ }
  }

  async function refreshChannels() {
    try {
      const health = await (await fetch('/healthz')).json();
      /** @type {{ channel: string, code: string, since: number }[]} */
      const alerts = health.alerts || [];
      const banner = $('channel-alerts');
      const when = (/** @type {number} */ ms) => new Date(ms).toLocaleString(locale === 'en' ? 'en-GB' : 'vi-VN');
      banner.textContent = alerts.map((a) => tr(a.code === 'reconsent-needed' ? 'alert-reconsent' : 'alert-quota', { channel: tr(`channel-${a.channel}`), since: when(a.since) })).join('\n');
      banner.hidden = alerts.length === 0;
    } catch { /* next time */ }
  }

  // ---- Inbox ----
  async function refreshInbox() {
    /** @type {InboxGroup[]} */
    let groups;
    try {
      ({ groups } = await api('/admin/api/inbox'));
    } catch { return; }
    $('inbox-count').textContent = groups.length ? number().format(groups.length) : '';
    const list = $('inbox');
    list.replaceChildren(...(groups.length ? groups.map(inboxItem) : [make('li', '', tr('inbox-empty'))]));
  }

  /** @param {InboxGroup} g */
  function inboxItem(g) {
    const li = make('li');
    li.dataset.id = g.id;
    const reasons = Object.entries(g.reasons).map(([r, n]) => `${tr(`reason-${r}`)}: ${number().format(n)}`).join(', ');
    li.append(make('div', 'question', `“${g.examples[0]}”`), make('div', 'meta', tr('inbox-meta', { count: g.count, askers: g.askers, reasons })));
    const others = [...g.examples.slice(1), ...g.similar];
    if (others.length) li.append(make('div', 'meta', tr('inbox-similar', { examples: others.slice(0, 5).join(' | ') })));
    const actions = make('div', 'actions');
    for (const c of g.candidates) {
      const b = button(tr('add-to', { title: c.title, percent: `${Math.round(c.score * 100)}%` }));
      b.classList.add('add-candidate');
      b.addEventListener('click', () => act(b, g, 'add', { intent: c.intent }, tr('done-added', { intent: c.title })));
      actions.append(b);
    }
    const top = g.candidates[0];
    if (top) {
      const edit = button(tr('edit-answer', { title: top.title }));
      edit.classList.add('edit-answer');
      edit.addEventListener('click', () => busy(edit, () => openAnswerEditor(li, g, top)));
      actions.append(edit);
    }
    const create = button(tr('new-intent'));
    create.addEventListener('click', () => { if (!li.querySelector('form.new-intent')) li.append(newIntentForm(g)); });
    const outOfScope = button(tr('out-of-scope'));
    outOfScope.addEventListener('click', () => act(outOfScope, g, 'out-of-scope', {}, tr('done-out-of-scope')));
    const ignore = button(tr('ignore'));
    ignore.addEventListener('click', () => act(ignore, g, 'ignore', {}, tr('done-ignored')));
    actions.append(create, outOfScope, ignore);

    const pick = make('div', 'pick');
    const input = /** @type {HTMLInputElement} */ (make('input'));
    input.setAttribute('list', 'intent-options');
    input.setAttribute('aria-label', tr('search-intent'));
    input.placeholder = tr('search-intent');
    input.addEventListener('input', () => fillIntentOptions(input.value));
    const addOther = button(tr('add-other'));
    addOther.addEventListener('click', () => {
      const chosen = input.value.trim();
      if (chosen) void act(addOther, g, 'add', { intent: chosen.split(' ')[0] }, tr('done-added', { intent: chosen }));
    });
    pick.append(input, addOther);
    li.append(actions, pick);
    return li;
  }

  /** @param {string} query */
  async function fillIntentOptions(query) {
    try {
      const { intents } = await api(`/admin/api/intents?q=${encodeURIComponent(query)}`);
      $('intent-options').replaceChildren(...intents.map((/** @type {{ id: string, title: string }} */ i) => new Option(`${i.id} ${i.title}`)));
    } catch { /* keep old options */ }
  }

  /** @param {InboxGroup} g */
  function newIntentForm(g) {
    const form = /** @type {HTMLFormElement} */ (make('form', 'new-intent'));
    /** @param {string} name @param {string} label @param {string} [tag] */
    const input = (name, label, tag = 'input') => {
      const l = make('label', '', label);
      const control = /** @type {HTMLInputElement} */ (make(tag));
      control.name = name;
      control.required = true;
      l.append(control);
      form.append(l);
      return control;
    };
    const id = input('id', tr('new-id-label'));
    const answer = input('answer', tr('new-answer-label'), 'textarea');
    const source = input('source', tr('new-source-label'));
    const submit = /** @type {HTMLButtonElement} */ (make('button', '', tr('new-submit')));
    submit.type = 'submit';
    form.append(submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void act(submit, g, 'new', { id: id.value.trim(), answer: answer.value.trim(), source: source.value.trim() }, tr('done-created', { intent: id.value.trim() }));
    });
    return form;
  }

  /**
   * Edits the answer of the intent a question reached (typically after a 👎): the text as written in the file,
   * a preview of the reply per channel without saving, then a save that sets `reviewed` to today.
   * @param {HTMLElement} li @param {InboxGroup} g @param {Candidate} candidate
   */
  async function openAnswerEditor(li, g, candidate) {
    li.querySelector('form.edit-answer-form')?.remove();
    let current;
    try {
      current = await api(`/admin/api/intents/${encodeURIComponent(candidate.intent)}/answer`);
    } catch (error) {
      $('inbox-message').textContent = messageOf(error);
      return;
    }
    const form = /** @type {HTMLFormElement} */ (make('form', 'edit-answer-form'));
    const label = make('label', '', tr('edit-label'));
    const text = /** @type {HTMLTextAreaElement} */ (make('textarea'));
    text.name = 'answer';
    text.rows = 6;
    text.value = current.answer;
    label.append(text);
    const count = make('p', 'hint', tr('edit-count', { count: text.value.length }));
    text.addEventListener('input', () => { count.textContent = tr('edit-count', { count: text.value.length }); });
    const preview = make('div', 'try-result');
    const error = make('p', 'error');
    error.setAttribute('role', 'alert');
    const showPreview = button(tr('edit-preview'));
    showPreview.addEventListener('click', () => busy(showPreview, async () => {
      error.textContent = '';
      try {
        const result = await api('/admin/api/try', { method: 'POST', body: { q: g.examples[0], edit: { intent: candidate.intent, answer: text.value } } });
        preview.replaceChildren(make('p', 'hint', tr('try-unsaved')), ...tryView(result));
      } catch (e) { error.textContent = messageOf(e); }
    }));
    const save = /** @type {HTMLButtonElement} */ (make('button', '', tr('edit-save')));
    save.type = 'submit';
    const cancel = button(tr('edit-cancel'));
    cancel.addEventListener('click', () => form.remove());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void busy(save, async () => {
        error.textContent = '';
        try {
          const result = await api(`/admin/api/intents/${encodeURIComponent(candidate.intent)}/answer`, { method: 'PUT', body: { answer: text.value } });
          // The 👎 was about this answer: with the answer fixed, the question leaves the inbox.
          await api(`/admin/api/inbox/${g.id}/ignore`, { method: 'POST', body: { members: g.members } }).catch(() => {});
          await refreshInbox();
          $('inbox-message').textContent = doneMessage(tr('done-answer', { intent: candidate.title }), result);
          void refreshKnowledge();
        } catch (e) { error.textContent = messageOf(e); }
      });
    });
    const buttons = make('div', 'actions');
    buttons.append(showPreview, save, cancel);
    form.append(label, count, make('p', 'hint', tr('edit-note')), buttons, error, preview);
    li.append(form);
    text.focus();
  }

  /** @param {string} done @param {{ ok?: boolean, file?: string, reload?: unknown }} result */
  function doneMessage(done, result) {
    if (result.reload && !result.ok) return tr('done-but-broken', { done });
    return result.file ? `${done} ${tr('done-file', { file: result.file })}` : done;
  }

  /** @param {HTMLButtonElement} target @param {InboxGroup} group @param {string} action @param {object} body @param {string} done */
  async function act(target, group, action, body, done) {
    $('inbox-message').textContent = '';
    const message = await busy(target, async () => {
      try {
        return doneMessage(done, await api(`/admin/api/inbox/${group.id}/${action}`, { method: 'POST', body: { ...body, members: group.members } }));
      } catch (error) {
        return messageOf(error);
      }
    });
    // The list is refreshed before the message is shown, so what the message says is already on screen.
    await refreshInbox();
    $('inbox-message').textContent = message;
    void refreshKnowledge();
  }

  // ---- Thử câu hỏi ----
  /** @param {TryResult} result @returns {HTMLElement[]} */
  function tryView(result) {
    const normalized = make('p');
    normalized.append(make('strong', '', `${tr('try-normalized')}: `), make('code', 'normalized', result.normalized));
    const top = make('ol', 'top');
    for (const c of result.top) top.append(make('li', '', c.intent ? `${c.title} (${c.intent}): ${number().format(Math.round(c.score * 1000) / 10)}%` : `${tr('out-of-scope')}: ${number().format(Math.round(c.score * 1000) / 10)}%`));
    const decision = make('p', 'decision');
    const chosen = result.top.find((c) => c.intent === result.intent);
    decision.append(make('strong', '', `${tr('try-decision')}: `), document.createTextNode(tr(`decision-${result.decision}`, { title: chosen?.title ?? result.intent ?? '' })));
    decision.dataset.decision = result.decision;
    const replies = make('div', 'previews');
    for (const r of result.replies) replies.append(bubbles(r.channel, `${tr('try-reply')}: ${tr(`channel-${r.channel}`)}`, r.bubbles));
    return [normalized, make('h3', '', tr('try-top')), top, decision, replies];
  }

  async function runTry(/** @type {SubmitEvent} */ event) {
    event.preventDefault();
    $('try-error').textContent = '';
    await busy(/** @type {HTMLButtonElement} */ ($('try-button')), async () => {
      try {
        const result = await api('/admin/api/try', { method: 'POST', body: { q: field('try-q').value } });
        $('try-result').replaceChildren(...tryView(result));
      } catch (error) {
        $('try-error').textContent = messageOf(error);
      }
    });
  }

  // ---- Content health ----
  async function refreshHealth() {
    let health;
    try {
      health = await api('/admin/api/health');
    } catch { return; }
    /** @param {string} id @param {string[]} rows */
    const list = (id, rows) => $(id).replaceChildren(...(rows.length ? rows : [tr('none')]).map((r) => make('li', '', r)));
    list('health-stale', health.stale.map((/** @type {any} */ s) => tr('health-stale-row', s)));
    list('health-down', health.mostDown.map((/** @type {any} */ d) => tr('health-down-row', d)));
    list('health-low', health.lowScores.map((/** @type {any} */ l) => tr('health-low-row', { ...l, score: `${Math.round(l.score * 100)}%` })));
    if (health.confused) {
      list('health-confused', [tr('health-confused-at', { at: new Date(health.confused.at).toLocaleString(locale === 'en' ? 'en-GB' : 'vi-VN') }), ...health.confused.pairs.map((/** @type {any} */ p) => tr('health-confused-row', { expected: p.expectedTitle, predicted: p.predictedTitle, count: p.count }))]);
    } else list('health-confused', [tr('health-confused-missing')]);
  }

  // ---- Statistics: Chart.js from our own server, each chart with a table for screen readers ----
  const COLORS = { web: '#0b5cab', telegram: '#1c93d1', zalo: '#0050c8', 'zalo-oa': '#6a3fb5', up: '#2e7d32', down: '#c62828', warning: '#c62828', unknown: '#b0600f', official: '#2e7d32' };
  /** @type {Map<string, any>} */
  const charts = new Map();
  const short = (/** @type {string} */ text, /** @type {number} */ max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

  /** @param {ChartSpec} spec */
  function chartFigure(spec) {
    let figure = document.getElementById(`fig-${spec.id}`);
    if (!figure) {
      figure = make('figure', 'chart');
      figure.id = `fig-${spec.id}`;
      const box = make('div', 'canvas-box');
      const canvas = /** @type {HTMLCanvasElement} */ (make('canvas'));
      canvas.id = `chart-${spec.id}`;
      canvas.setAttribute('role', 'img');
      box.append(canvas);
      const toggle = button(tr('show-table'), 'secondary table-toggle');
      toggle.setAttribute('aria-expanded', 'false');
      const table = make('table', 'data');
      table.hidden = true;
      toggle.addEventListener('click', () => {
        table.hidden = !table.hidden;
        toggle.setAttribute('aria-expanded', String(!table.hidden));
        toggle.textContent = tr(table.hidden ? 'show-table' : 'hide-table');
      });
      figure.append(make('figcaption', '', spec.title), box, toggle, table);
      $('charts').append(figure);
    }
    return figure;
  }

  /** @param {ChartSpec} spec */
  function drawChart(spec) {
    const figure = chartFigure(spec);
    const canvas = /** @type {HTMLCanvasElement} */ (figure.querySelector('canvas'));
    const box = /** @type {HTMLElement} */ (figure.querySelector('.canvas-box'));
    const empty = spec.labels.length === 0;
    box.classList.toggle('tall', !!spec.horizontal && spec.labels.length > 5);
    canvas.setAttribute('aria-label', `${spec.title}: ${empty ? tr('no-data') : spec.labels.map((l, i) => `${l} ${spec.series.map((s) => number().format(s.values[i] ?? 0)).join('/')}`).join(', ')}`);
    const table = /** @type {HTMLElement} */ (figure.querySelector('table'));
    const head = make('tr');
    head.append(make('th', '', spec.horizontal ? tr('col-name') : spec.xTitle), ...spec.series.map((s) => make('th', '', s.label)));
    const rows = spec.labels.map((label, i) => {
      const row = make('tr');
      row.append(make('th', '', label), ...spec.series.map((s) => make('td', '', number().format(s.values[i] ?? 0))));
      return row;
    });
    table.replaceChildren(make('caption', '', spec.title), head, ...(empty ? [make('tr', '', tr('no-data'))] : rows));
    const data = { labels: empty ? [tr('no-data')] : spec.labels, datasets: spec.series.map((s) => ({ label: s.label, data: empty ? [0] : s.values, backgroundColor: s.color })) };
    const valueAxis = { beginAtZero: true, stacked: !!spec.stacked, ticks: { precision: 0 }, title: { display: true, text: spec.horizontal ? spec.xTitle : spec.yTitle } };
    const labelAxis = { stacked: !!spec.stacked, ticks: { autoSkip: !spec.horizontal, callback: /** @this {import('chart.js').Scale} @param {string | number} value */ function (value) { return short(String(this.getLabelForValue(Number(value))), spec.horizontal ? 22 : 10); } }, title: { display: !spec.horizontal, text: spec.horizontal ? spec.yTitle : spec.xTitle } };
    /** @type {import('chart.js').ChartOptions<'bar'>} */
    const options = {
      indexAxis: spec.horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: spec.series.length > 1, labels: { boxWidth: 12 } }, title: { display: false }, tooltip: { enabled: true } },
      scales: spec.horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
    };
    const existing = charts.get(spec.id);
    if (existing) existing.destroy();
    charts.set(spec.id, new Chart(canvas, { type: 'bar', data, options }));
  }

  async function refreshStats() {
    const days = Number(/** @type {HTMLSelectElement} */ ($('period')).value);
    const to = new Date();
    const from = new Date(to.getTime() - (days - 1) * 86400000);
    const query = `from=${from.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}`;
    /** @type {Stats} */
    let stats;
    try {
      stats = await api(`/admin/api/stats?${query}`);
    } catch { return; }
    /** @type {HTMLAnchorElement} */ ($('stats-csv')).href = `/admin/api/stats.csv?${query}`;
    const t = stats.totals;
    const percent = (/** @type {number} */ n) => `${number().format(Math.round(n * 100))}%`;
    $('stats-summary').replaceChildren(...[['summary-messages', number().format(t.messages)], ['summary-answered', percent(t.answeredRate)], ['summary-fallback', percent(t.fallbackRate)], ['summary-clarify', number().format(t.clarify)]].map(([k, v]) => {
      const d = make('div');
      d.append(make('strong', '', v), document.createTextNode(tr(/** @type {string} */ (k))));
      return d;
    }));
    const channels = [...new Set(stats.days.flatMap((d) => Object.keys(d.channels)))];
    const dayLabel = (/** @type {string} */ day) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;
    drawChart({ id: 'days', title: tr('chart-days'), labels: stats.days.map((d) => dayLabel(d.day)), stacked: true, xTitle: tr('axis-day'), yTitle: tr('axis-messages'),
      series: (channels.length ? channels : ['web']).map((c) => ({ label: tr(`channel-${c}`), color: /** @type {Record<string, string>} */ (COLORS)[c] || '#888', values: stats.days.map((d) => d.channels[c]?.messages || 0) })) });
    drawChart({ id: 'intents', title: tr('chart-intents'), horizontal: true, labels: stats.topIntents.map((r) => r.title), xTitle: tr('axis-questions'), yTitle: tr('col-name'), series: [{ label: tr('axis-questions'), color: COLORS.web, values: stats.topIntents.map((r) => r.count) }] });
    drawChart({ id: 'topics', title: tr('chart-topics'), horizontal: true, labels: stats.topics.map((r) => r.label), xTitle: tr('axis-people'), yTitle: tr('col-name'), series: [{ label: tr('axis-people'), color: COLORS.up, values: stats.topics.map((r) => r.count) }] });
    drawChart({ id: 'feedback', title: tr('chart-feedback'), horizontal: true, stacked: true, labels: stats.feedback.map((f) => f.title), xTitle: tr('axis-feedback'), yTitle: tr('col-name'),
      series: [{ label: tr('helpful'), color: COLORS.up, values: stats.feedback.map((f) => f.up) }, { label: tr('unhelpful'), color: COLORS.down, values: stats.feedback.map((f) => f.down) }] });
    drawChart({ id: 'unanswered', title: tr('chart-unanswered'), horizontal: true, labels: stats.topUnanswered.map((g) => g.example || ''), xTitle: tr('axis-questions'), yTitle: tr('col-name'), series: [{ label: tr('axis-questions'), color: COLORS.unknown, values: stats.topUnanswered.map((g) => g.count) }] });
    const verdicts = ['warning', 'unknown', 'official'];
    drawChart({ id: 'checks', title: tr('chart-checks'), horizontal: true, labels: verdicts.map((v) => tr(`verdict-${v}`)), xTitle: tr('axis-checks'), yTitle: tr('col-name'), series: [{ label: tr('axis-checks'), color: COLORS.warning, values: verdicts.map((v) => stats.checks[v] ?? 0) }] });
    drawChart({ id: 'domains', title: tr('chart-domains'), horizontal: true, labels: stats.topFlaggedDomains.map((d) => d.domain), xTitle: tr('axis-checks'), yTitle: tr('col-name'), series: [{ label: tr('axis-checks'), color: COLORS.warning, values: stats.topFlaggedDomains.map((d) => d.count) }] });
  }

  // ---- Wiring ----
  async function start() {
    try {
      ({ locale, strings: S } = await (await fetch('/admin/i18n.json', { credentials: 'same-origin' })).json());
    } catch { /* the page's own words stay */ }
    $('signin-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      $('signin-error').textContent = '';
      try {
        const result = await api('/admin/login', { method: 'POST', body: { token: field('token').value } });
        csrf = result.csrf;
        field('token').value = '';
        await showConsole();
      } catch (error) {
        $('signin-error').textContent = /** @type {ApiError} */ (error).status === 429 ? tr('signin-too-many') : tr('signin-wrong');
      }
    });
    $('logout').addEventListener('click', async () => {
      await api('/admin/logout', { method: 'POST' }).catch(() => {});
      location.reload();
    });
    for (const id of ['text-vi', 'link-label', 'link-url']) $(id).addEventListener('input', updatePreview);
    $('locale').addEventListener('change', scheduleAudience);
    $('save-draft').addEventListener('click', (event) => create(true, /** @type {HTMLButtonElement} */ (event.currentTarget)));
    $('compose').addEventListener('submit', (event) => {
      event.preventDefault();
      if (audienceCount === 0) return;
      const warn = $('quota-warnings').hidden ? '' : `\n${$('quota-warnings').textContent}`;
      $('confirm-text').textContent = `${tr('confirm-text', { title: field('title').value.trim(), count: audienceCount })}${warn}`;
      $('confirm').hidden = false;
      $('confirm-send').focus();
    });
    $('confirm-send').addEventListener('click', (event) => create(false, /** @type {HTMLButtonElement} */ (event.currentTarget)));
    $('confirm-cancel').addEventListener('click', () => { $('confirm').hidden = true; });
    $('try-form').addEventListener('submit', (event) => void runTry(/** @type {SubmitEvent} */ (event)));
    try {
      const session = await api('/admin/api/session');
      csrf = session.csrf;
      await showConsole();
    } catch {
      $('signin').hidden = false;
    }
  }
  void start();
})();
