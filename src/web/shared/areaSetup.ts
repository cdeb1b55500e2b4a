// What the shop, the portal and the link pages need beyond the first screen, imported by their lazy
// chunks so the sign-in page does not carry it: the rest of the English text, and all of Mantine's
// styles. The style rules shared/baseStyles.ts loaded come again here, in the same layer and in
// Mantine's own order, so the cascade is exactly that of the whole file.
import "@mantine/core/styles.layer.css";
import "@mantine/notifications/styles.layer.css";
import { i18n } from "../i18n";
import { enAreas } from "../i18n/en";

i18n.addResourceBundle("en", "translation", enAreas, true, false);
