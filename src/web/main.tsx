import "./shared/baseStyles";
import "./app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { i18nReady } from "./i18n";

const root = document.getElementById("root");
if (!root) throw new Error("Missing #root element");

// In English at once; a German reader waits for the German text rather than seeing English first
// (and gets English if it cannot be loaded).
void i18nReady
  .catch(() => undefined)
  .then(() => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
