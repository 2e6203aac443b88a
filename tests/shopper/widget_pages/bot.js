// A scripted bot for the widget test pages: answers a little later, as a real one does.
// Each page says how a message looks (`show(role, name, text)`); the script decides what is said.
window.startBot = (show) => {
  const input = document.getElementById('message');
  const answer = (text) => {
    if (/transfer/i.test(text)) return [['agent', 'Sam', 'Let me pass you to billing.'], ['agent', 'Alex', 'Alex from billing here.']];
    if (/human/i.test(text)) return [['bot', 'Bot', 'Connecting you.'], ['agent', 'Sam', 'Sam here.']];
    if (text === 'silence') return [];
    return [['bot', 'Bot', 'You said: ' + text]];
  };
  document.getElementById('send').addEventListener('click', () => {
    const text = input.value;
    input.value = '';
    show('customer', 'You', text);
    setTimeout(() => answer(text).forEach(([role, name, said]) => show(role, name, said)), 30);
  });
};
