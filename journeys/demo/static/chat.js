// The Stride chat widget: talks to /api/chat and keeps the conversation across pages (sessionStorage).
// Replies are written with textContent, never innerHTML: what the bot says is never markup.
(() => {
  const panel = document.getElementById('chat-panel');
  const open = document.getElementById('chat-open');
  const close = document.getElementById('chat-close');
  const form = document.getElementById('chat-form');
  const input = document.getElementById('chat-message');
  const log = document.getElementById('chat-log');
  if (!panel) return;
  const store = window.sessionStorage;
  const saved = () => JSON.parse(store.getItem('stride-chat-log') || '[]');

  const show = (entry) => {
    const item = document.createElement('li');
    item.dataset.author = entry.from;
    if (entry.fallback) item.dataset.fallback = 'true';
    if (entry.handoff) item.dataset.handoff = 'true';
    item.textContent = entry.text;
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  };
  const remember = (entry) => {
    const entries = saved();
    entries.push(entry);
    store.setItem('stride-chat-log', JSON.stringify(entries));
    show(entry);
  };
  saved().forEach(show);

  const setOpen = (isOpen) => {
    panel.hidden = !isOpen;
    open.setAttribute('aria-expanded', String(isOpen));
    if (isOpen) input.focus();
  };
  open.addEventListener('click', () => setOpen(panel.hidden));
  close.addEventListener('click', () => { setOpen(false); open.focus(); });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = input.value.trim();
    if (!message) return;
    input.value = '';
    remember({ from: 'customer', text: message });
    try {
      const response = await fetch('/api/chat', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ session: store.getItem('stride-chat-session'), message }),
      });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const reply = await response.json();
      store.setItem('stride-chat-session', reply.session);
      reply.messages.forEach((m) => remember({ from: m.from, text: m.text, fallback: reply.fallback, handoff: reply.handoff }));
    } catch (error) {
      remember({ from: 'bot', text: 'Sorry, the chat is not available right now.' });
    }
  });
})();
