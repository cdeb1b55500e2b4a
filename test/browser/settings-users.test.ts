// Staff user management in Settings: an admin adds a technician, moves her to parts and
// deactivates her; the admin's own row cannot be changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserRig, desktop, expectAccessible, screenshot, startBrowserRig } from "../support/browser";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("Staff shop");
});
afterAll(() => rig?.close());

describe("staff users in settings", () => {
  it("an admin adds, re-roles and deactivates a staff user", async () => {
    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(page, "/login", rig.shop.staff.admin.email);
    await page.getByRole("link", { name: "Settings" }).click();
    const table = page.getByRole("table", { name: "Staff users" });
    await table.waitFor();

    // The admin's own row is locked.
    const ownRow = table.getByRole("row").filter({ hasText: rig.shop.staff.admin.email });
    await expect.poll(() => ownRow.getByRole("button", { name: /^Deactivate / }).isDisabled()).toBe(true);

    // Add Nora; a too-short password is caught first.
    await page.getByRole("button", { name: "Add staff user" }).click();
    // Only one modal is open at a time.
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Add a staff user").waitFor();
    await dialog.getByLabel("Name").fill("Nora Neu");
    await dialog.getByLabel("Email").fill("nora@shop.test");
    await dialog.getByLabel("Role").click();
    await page.getByRole("option", { name: "Technician" }).click();
    await dialog.getByRole("textbox", { name: "Password" }).fill("short");
    await dialog.getByRole("button", { name: "Add user" }).click();
    await dialog.getByText("The password needs at least 12 characters").waitFor();
    await dialog.getByRole("textbox", { name: "Password" }).fill("a-long-enough-secret");
    await expectAccessible(page, "settings with the add-user modal");
    await dialog.getByRole("button", { name: "Add user" }).click();
    await page.getByText("Nora Neu was added").waitFor();
    await dialog.waitFor({ state: "hidden" });

    const noraRow = table.getByRole("row").filter({ hasText: "nora@shop.test" });
    await expect.poll(() => noraRow.count()).toBe(1);
    await expect.poll(() => noraRow.getByLabel("Role of Nora Neu").inputValue()).toBe("Technician");

    // Adding the same email again shows the server's error under the field.
    await page.getByRole("button", { name: "Add staff user" }).click();
    await dialog.getByLabel("Name").fill("Nora Again");
    await dialog.getByLabel("Email").fill("nora@shop.test");
    await dialog.getByRole("textbox", { name: "Password" }).fill("another-long-secret");
    await dialog.getByRole("button", { name: "Add user" }).click();
    await expect.poll(() => dialog.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });

    // Move her to parts.
    await noraRow.getByLabel("Role of Nora Neu").click();
    await page.getByRole("option", { name: "Parts" }).click();
    await page.getByText("Role of Nora Neu changed to Parts").waitFor();

    // Deactivate her, after confirming.
    await page.getByRole("button", { name: "Deactivate Nora Neu" }).click();
    const confirm = page.getByRole("dialog");
    await confirm.getByText("Deactivate Nora Neu?").waitFor();
    await confirm.getByRole("button", { name: "Deactivate", exact: true }).click();
    await page.getByText("Nora Neu was deactivated").waitFor();
    await page.getByRole("button", { name: "Reactivate Nora Neu" }).waitFor();
    await expect.poll(() => noraRow.getByText("Inactive").count()).toBe(1);
    await expectAccessible(page, "settings with staff users");
    await screenshot(page, "shop-settings-users");

    const nora = await rig.t.database.db.query.staffUsers.findFirst({
      where: (u, { eq }) => eq(u.email, "nora@shop.test"),
    });
    expect(nora?.name).toBe("Nora Neu");
    expect(nora?.role).toBe("parts");
    expect(nora?.active).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
