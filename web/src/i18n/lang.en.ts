/** English strings for what is only in Chinese (names, quotes, reasons) and for errors' structured details; spread into en.ts. */
import type { langZh } from './lang.zh.js';

export const langEn: Record<keyof typeof langZh, string> = {
  'lang.zhOnlyChip': '中',
  'lang.noEnglishName': 'No English name recorded',
  'lang.nameZhOnly': 'Name in Chinese only',
  'lang.quoteFromZh': 'Quote from the Chinese source',
  'lang.reasonZhOnly': 'Reason (Chinese only):',
  'lang.reasonInline': 'reason in Chinese only — {text}',
  'lang.descriptionZhOnly': 'Description (Chinese only)',
  // A refusal's reason (extensions.reason), for the reasons shared by many forms.
  'lang.reason.PASSWORD_TOO_SHORT': 'The password needs at least {minLength} characters',
  'lang.reason.PASSWORD_TOO_LONG': 'The password may have at most {maxLength} characters',
  'lang.reason.PASSWORD_IS_USERNAME': 'The password must not be the username',
  'lang.reason.USERNAME_INVALID': 'A username has 2 to 64 letters, digits or . _ @ -, starting with a letter or digit',
  'lang.reason.USERNAME_TAKEN': 'This username is taken',
  'lang.reason.UNKNOWN_REGION': 'No such region',
  'lang.reason.FIRST_USER_ADMIN': 'The first account must be an administrator',
  'lang.reason.LAST_ADMIN': 'This is the last enabled administrator; make another one first',
  'lang.reason.OWN_ACCOUNT': 'Change your own password from the account menu, with your current one',
  'lang.reason.WRONG_PASSWORD': 'The current password is wrong',
  'lang.reason.PASSWORD_UNCHANGED': 'The new password is the current one',
  'lang.reason.OUT_OF_SCOPE': 'This is outside the region you edit',
  'lang.reason.DUPLICATE': 'This relation is already in the graph',
  'lang.error.field': 'Field: {field}',
};
