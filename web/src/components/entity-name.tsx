/**
 * Names and text that may exist only in Chinese, shown the one way everywhere: in English an entity's
 * English name where one is recorded; else its Chinese name tagged lang="zh-CN" (fonts, screen readers)
 * with a small "中" marker saying no English name is recorded — never a made-up translation. The
 * Chinese UI shows the Chinese name and nothing more.
 */
import { Fragment } from 'react';
import { chineseRuns, entityName, onlyInChinese, useI18n } from '../i18n/i18n.js';
import './entity-name.css';

export interface Named {
  name: string;
  nameEn?: string | null;
}

/** The marker after a Chinese name in an English page. */
export function ZhOnlyMarker() {
  const { t } = useI18n();
  const title = t('lang.noEnglishName');
  return (
    <span className="zh-only-chip" role="img" aria-label={title} title={title} data-testid="zh-only">
      {t('lang.zhOnlyChip')}
    </span>
  );
}

/** An entity's name in the reader's language; `marker={false}` where the place says "Chinese only" in words. */
export function EntityName({ entity, marker = true }: { entity: Named; marker?: boolean }) {
  const { lang } = useI18n();
  const { text, zhOnly } = entityName(entity, lang);
  if (!zhOnly) return <>{text}</>;
  return (
    <>
      <span lang="zh-CN" className="zh-text">
        {text}
      </span>
      {marker && (
        <>
          {' '}
          <ZhOnlyMarker />
        </>
      )}
    </>
  );
}

/**
 * Text from the sources (a quote, a description, a reason), or an English sentence naming Chinese-only
 * organisations: on an English page its Chinese is tagged as such.
 */
export function ZhText({ text, className }: { text: string; className?: string }) {
  const { lang } = useI18n();
  if (!onlyInChinese(text, lang)) return className ? <span className={className}>{text}</span> : <>{text}</>;
  if (!/[A-Za-z]/.test(text)) {
    return (
      <span lang="zh-CN" className={className}>
        {text}
      </span>
    );
  }
  const runs = chineseRuns(text).map((r, i) =>
    r.zh ? (
      <span key={i} lang="zh-CN">
        {r.text}
      </span>
    ) : (
      <Fragment key={i}>{r.text}</Fragment>
    ),
  );
  return className ? <span className={className}>{runs}</span> : <>{runs}</>;
}

/** An inferred fact's reason: in English, said to be in Chinese only. */
export function InferredReason({ reason }: { reason: string }) {
  const { t, lang } = useI18n();
  return (
    <div className="relation-reason" data-testid="inferred-reason">
      {onlyInChinese(reason, lang) ? `${t('lang.reasonZhOnly')} ` : t('details.reason') + (lang === 'zh' ? '：' : ': ')}
      <ZhText text={reason} />
    </div>
  );
}
