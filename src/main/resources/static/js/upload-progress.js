// The online application: a file over the size limit is flagged as soon as it is chosen, and the form is sent with a
// progress bar — to the address of the button pressed (submit, save the draft, remove a saved scan), with that button's
// name and value. Without JavaScript the form posts as usual; the server checks everything again.
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
    const submitter = event.submitter;
    const action = submitter && submitter.hasAttribute('formaction') ? submitter.formAction : form.action;
    const data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open('POST', action);
    request.upload.addEventListener('progress', e => {
      if (!e.lengthComputable) return;
      bar.hidden = false;
      bar.value = Math.round(e.loaded * 100 / e.total);
    });
    request.addEventListener('load', () => {
      if (request.status < 400 && request.responseURL && request.responseURL !== action) {
        window.location.assign(request.responseURL);
        return;
      }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener('error', () => {
      // the network failed: send it the plain way, through the same button
      if (submitter && submitter.hasAttribute('formaction')) form.action = submitter.formAction;
      if (submitter && submitter.name) {
        const pressed = document.createElement('input');
        pressed.type = 'hidden';
        pressed.name = submitter.name;
        pressed.value = submitter.value;
        form.appendChild(pressed);
      }
      form.submit();
    });
    request.send(data);
  });
});
