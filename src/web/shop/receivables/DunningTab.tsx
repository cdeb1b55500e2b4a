// Built in issue #15; replaced by the tab's own screen.
export function DunningTab() {
  return null;
}
