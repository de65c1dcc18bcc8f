// Behaviour shared by every page. The CSP forbids inline handlers, so forms ask for confirmation here:
// <form data-confirm="question"> submits only when the user agrees.
document.addEventListener('submit', function (event) {
  var form = event.target;
  var question = form && form.getAttribute && form.getAttribute('data-confirm');
  if (question && !window.confirm(question)) event.preventDefault();
}, true);
