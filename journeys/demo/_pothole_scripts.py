"""Scripts the potholed shop plants in its pages (each a `# Pothole:` of
potholes.toml).
"""

# Pothole (dead_end): the details step's Continue swallows its first click. No DOM
# change, no request, no navigation: a customer sees nothing happen and clicks again.
SWALLOW_FIRST_CLICK = """
(() => {
  const button = document.getElementById('form-submit');
  let clickedBefore = false;
  button.addEventListener('click', (event) => {
    if (!clickedBefore) { clickedBefore = true; event.preventDefault(); }
  });
})();
"""
# Pothole (error_seen): the sign-up page's validation script breaks as the page loads.
BROKEN_SIGNUP_SCRIPT = (
    "const signupForm = window.strideForms.signup;  // strideForms was never defined\n"
    "signupForm.validate();"
)
