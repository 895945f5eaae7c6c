// The console works without this script; it only adds confirmation to forms that do something hard to undo
// (data-confirm="…") and submits a filter form when one of its selects changes.
document.addEventListener('submit', (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) event.preventDefault();
});
document.addEventListener('change', (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.form && field.form.classList.contains('filters')) field.form.requestSubmit();
});
