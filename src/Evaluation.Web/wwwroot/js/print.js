// The certificate's print button (the CSP forbids inline handlers).
document.getElementById('print')?.addEventListener('click', () => window.print());
