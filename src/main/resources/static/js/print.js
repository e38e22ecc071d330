// The receipt's print button: the Content-Security-Policy bars inline handlers, so it is wired here.
document.getElementById('print')?.addEventListener('click', () => window.print());
