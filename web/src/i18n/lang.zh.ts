/** Chinese strings for what is only in Chinese (names, quotes, reasons) and for errors' structured details; spread into zh.ts. */
export const langZh = {
  // Shown in English only; the Chinese UI needs no marker, but every key has its Chinese text.
  'lang.zhOnlyChip': '中',
  'lang.noEnglishName': '没有英文名称',
  'lang.nameZhOnly': '仅有中文名称',
  'lang.quoteFromZh': '引自中文来源',
  'lang.reasonZhOnly': '推断理由：',
  'lang.reasonInline': '{text}',
  'lang.descriptionZhOnly': '简介',
  // A refused request's structured details (extensions), never the server's English message.
  // A refusal's reason (extensions.reason), for the reasons shared by many forms.
  'lang.reason.PASSWORD_TOO_SHORT': '密码至少需要 {minLength} 个字符',
  'lang.reason.PASSWORD_TOO_LONG': '密码最多 {maxLength} 个字符',
  'lang.reason.PASSWORD_IS_USERNAME': '密码不能与用户名相同',
  'lang.reason.USERNAME_INVALID': '用户名须为 2–64 个字母、数字或 . _ @ -，并以字母或数字开头',
  'lang.reason.USERNAME_TAKEN': '该用户名已被使用',
  'lang.reason.UNKNOWN_REGION': '没有这个区域',
  'lang.reason.FIRST_USER_ADMIN': '第一个账号必须是管理员',
  'lang.reason.LAST_ADMIN': '这是最后一个启用的管理员；请先设置另一位管理员',
  'lang.reason.OWN_ACCOUNT': '自己的密码请在账号菜单中用当前密码修改',
  'lang.reason.WRONG_PASSWORD': '当前密码不正确',
  'lang.reason.PASSWORD_UNCHANGED': '新密码与当前密码相同',
  'lang.reason.OUT_OF_SCOPE': '这超出了您负责编辑的区域',
  'lang.reason.DUPLICATE': '这条关系已在图谱中',
  'lang.error.field': '涉及字段：{field}',
} as const;
