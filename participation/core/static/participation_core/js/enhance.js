/* Progressive enhancement of the support button: the form works without JS (POST + redirect);
   with JS the support is toggled in place and the count updated, announced to screen readers. */
(function () {
  "use strict";
  function enhance(form) {
    form.addEventListener("submit", function (event) {
      var button = form.querySelector("button[type=submit]");
      var want = form.querySelector("input[name=support]");
      if (!button || !want || !window.fetch) { return; }
      event.preventDefault();
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (result) {
        button.disabled = false;
        if (!result.ok || !result.data.ok) { form.submit(); return; }
        var box = form.closest(".support");
        var count = box && box.querySelector("[data-support-count]");
        if (count) { count.textContent = String(result.data.count); }
        var supported = result.data.supported;
        want.value = supported ? "0" : "1";
        button.setAttribute("aria-pressed", supported ? "true" : "false");
        var label = supported ? box.getAttribute("data-label-withdraw") : box.getAttribute("data-label-support");
        if (label) { button.textContent = label; }
        button.classList.toggle("button--secondary", supported);
        var live = box && box.querySelector("[data-support-live]");
        if (live) { live.textContent = box.getAttribute(supported ? "data-said-supported" : "data-said-withdrawn") || ""; }
      }).catch(function () { button.disabled = false; form.submit(); });
    });
  }
  document.querySelectorAll("form[data-enhance=support]").forEach(enhance);
})();
