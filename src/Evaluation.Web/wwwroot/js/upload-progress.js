// Upload progress for large department files (issue 6: 100,000 rows "with a progress bar").
// Without JavaScript the form posts normally; with it, the same POST goes through XMLHttpRequest so the
// bar can follow the bytes, then shows "checking" while the server validates every row.
document.querySelectorAll('form[data-progress]').forEach(form => {
  form.addEventListener('submit', event => {
    event.preventDefault();
    const bar = form.querySelector('progress');
    const status = form.querySelector('[data-progress-status]');
    bar.hidden = false;
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.onprogress = p => { if (p.lengthComputable) bar.value = p.loaded / p.total; };
    request.upload.onload = () => { bar.removeAttribute('value'); status.hidden = false; };
    request.onload = () => {
      const page = new DOMParser().parseFromString(request.responseText, 'text/html');
      document.body.replaceWith(page.body);
    };
    request.send(new FormData(form));
  });
});
