// @ts-check
// Web chat client. Everything a user or the server says is inserted as text (textContent), never as HTML.

/**
 * The reply shape of POST /api/chat (src/conversation/types.ts, Reply).
 * @typedef {{ id: string, label: string }} Suggestion
 * @typedef {{ kind: string, text: string, tip?: string, source?: string, links?: { label: string, url: string }[], suggestions?: Suggestion[], feedback?: { up: string, down: string } }} ChatReply
 * @typedef {{ text?: string, choice?: string }} ChatRequest
 */
(() => {
  const log = /** @type {HTMLElement} */ (document.getElementById('log'));
  const chips = /** @type {HTMLElement} */ (document.getElementById('suggestions'));
  const form = /** @type {HTMLFormElement} */ (document.getElementById('ask'));
  const input = /** @type {HTMLInputElement} */ (document.getElementById('question'));
  /** Words of the page in its language (data-* attributes written by the server). */
  const labels = /** @type {Record<string, string>} */ (/** @type {unknown} */ (log.dataset));

  const sessionId = (() => {
    try {
      const saved = localStorage.getItem('tro-ly-so-session');
      if (saved && /^[A-Za-z0-9_-]{8,64}$/.test(saved)) return saved;
      const fresh = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now()).replace(/[^A-Za-z0-9_-]/g, '');
      localStorage.setItem('tro-ly-so-session', fresh);
      return fresh;
    } catch {
      return 'anon' + Date.now();
    }
  })();

  /** @param {string} kind @param {string} who */
  function bubble(kind, who) {
    const item = document.createElement('li');
    item.className = `msg ${kind}`;
    const label = document.createElement('span');
    label.className = 'who';
    label.textContent = who;
    item.append(label);
    log.append(item);
    return item;
  }

  /** @param {HTMLElement} parent @param {string} text @param {string} [className] */
  function addText(parent, text, className) {
    const node = document.createElement('div');
    if (className) node.className = className;
    node.textContent = text;
    parent.append(node);
    return node;
  }

  /** @param {ChatReply} reply */
  function showReply(reply) {
    const item = bubble('bot', labels.botLabel);
    const lines = [reply.text];
    if (reply.kind === 'clarify') (reply.suggestions || []).forEach((s, i) => lines.push(`${i + 1}. ${s.label}`));
    addText(item, lines.join('\n'));
    if (reply.tip) addText(item, `${labels.tipLabel} ${reply.tip}`, 'tip');
    const safeLinks = (reply.links || []).filter((l) => /^https:\/\//.test(l.url));
    if (safeLinks.length) {
      const list = document.createElement('ul');
      list.className = 'links';
      list.setAttribute('aria-label', labels.linksLabel);
      for (const link of safeLinks) {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = link.url;
        a.textContent = `${link.label}: ${link.url}`;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        li.append(a);
        list.append(li);
      }
      item.append(list);
    }
    if (reply.source) addText(item, `${labels.sourceLabel} ${reply.source}`, 'source');
    if (reply.feedback) {
      const row = document.createElement('div');
      row.className = 'feedback';
      row.setAttribute('role', 'group');
      row.setAttribute('aria-label', labels.feedbackLabel);
      // The choices name this answer, so 👍/👎 on an earlier answer rates that answer.
      for (const [choice, label] of [[reply.feedback.up, labels.helpful], [reply.feedback.down, labels.unhelpful]]) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = label;
        button.addEventListener('click', () => {
          row.querySelectorAll('button').forEach((b) => (b.disabled = true));
          void send({ choice }, label);
        });
        row.append(button);
      }
      item.append(row);
    }
    showChips(reply.suggestions || []);
  }

  /** @param {Suggestion[]} suggestions */
  function showChips(suggestions) {
    chips.replaceChildren();
    for (const s of suggestions) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = s.label;
      button.dataset.intent = s.id;
      button.addEventListener('click', () => void send({ choice: s.id }, s.label));
      chips.append(button);
    }
  }

  /** @param {ChatRequest} body @param {string} [shownText] */
  async function send(body, shownText) {
    if (shownText !== undefined) addText(bubble('user', labels.userLabel), shownText);
    chips.replaceChildren();
    try {
      const response = await fetch('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId, ...body }),
      });
      const data = await response.json();
      if (!response.ok) throw new Error(data && data.error ? data.error.code : String(response.status));
      /** @type {ChatReply[]} */ (data.replies).forEach(showReply);
    } catch {
      addText(bubble('bot error', labels.botLabel), labels.error);
    }
    window.scrollTo({ top: document.body.scrollHeight });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    void send({ text }, text);
    input.focus();
  });

  void send({ text: '/start' });
})();
