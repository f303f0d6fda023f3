// Filters the exercise list by joint.
const form = document.querySelector('#finder');
form?.addEventListener('change', (event) => {
  const joint = event.target.value;
  for (const card of document.querySelectorAll('.exercise')) {
    card.hidden = joint !== 'all' && card.dataset.joint !== joint;
  }
  history.replaceState(null, '', `?joint=${encodeURIComponent(joint)}`);
});
