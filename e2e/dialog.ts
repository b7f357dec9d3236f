// Works a dialog's entity fields (see renderer/src/components/EntityCombobox.tsx) as an analyst
// does: by typing part of a name and choosing from the list it offers.
import type { Locator } from '@playwright/test';

/** Types `typed` into the field and picks the option reading `option` (“Vladimir Putin (person)”). */
export async function chooseEntity(dialog: Locator, field: string | RegExp, typed: string, option: string): Promise<void> {
  await dialog.getByRole('combobox', { name: field }).fill(typed);
  await dialog.getByRole('listbox', { name: field }).getByRole('option', { name: option, exact: true }).click();
}

/** What the field offers before anything is typed, as listed. */
export async function entityOptions(dialog: Locator, field: string | RegExp): Promise<string[]> {
  const box = dialog.getByRole('combobox', { name: field });
  await box.click();
  const texts = await dialog.getByRole('listbox', { name: field }).getByRole('option').allTextContents();
  await box.press('Escape');
  return texts;
}
