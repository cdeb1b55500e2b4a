// The customer's payment page (built by the payment-page work; this placeholder only loads it).
const root = document.getElementById("pay");
if (root) root.textContent = "";
