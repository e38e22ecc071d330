// The online application: a file over the size limit is flagged as soon as it is chosen, and the form is sent with a
// progress bar. Without JavaScript the form posts as usual; the server checks everything again.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('apply-form');
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  const max = Number(form.dataset.maxBytes || 0);
  form.querySelectorAll('input[type=file]').forEach(input => input.addEventListener('change', () => {
    const file = input.files[0];
    input.setCustomValidity(file && max && file.size > max ? form.dataset.tooLarge : '');
    input.reportValidity();
  }));
  const bar = document.getElementById('upload-progress');
  form.addEventListener('submit', event => {
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', e => {
      if (!e.lengthComputable) return;
      bar.hidden = false;
      bar.value = Math.round(e.loaded * 100 / e.total);
    });
    request.addEventListener('load', () => {
      if (request.status < 400 && request.responseURL && request.responseURL !== form.action) {
        window.location.assign(request.responseURL);
        return;
      }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener('error', () => form.submit());
    request.send(new FormData(form));
  });
});
