/**
 * The briefing as a Word file (A4, built in the browser with `docx`, loaded only when asked for):
 * a title page, then each section on a new page with its sentences, its tables and the chain picture
 * as an image sized to the page. Chinese text is set in a Chinese font by name (Microsoft YaHei, which
 * Word and WPS have; LibreOffice substitutes a CJK font such as Noto Sans CJK SC), and every run says it
 * is zh-CN, so no reader falls back to a Western font with empty boxes.
 */
import type { BriefingModel, BriefingTable, Cell } from './briefing-model.js';
import type { ChainPicture } from './chain-picture.js';

/** A4 in twentieths of a point (twips), with 2 cm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** docx sizes images in pixels at 96 dpi: the text block is this many pixels wide, and a page this high for a picture. */
const PX_PER_TWIP = 96 / 1440;
// The picture shares its page with the section's heading and two sentences (about 250 px with the footer).
const IMAGE_MAX = { width: Math.floor(TEXT_WIDTH * PX_PER_TWIP), height: Math.floor((PAGE.height - 2 * PAGE.margin) * PX_PER_TWIP) - 260 };

export const DOCX_FONT = { latin: 'Arial', eastAsia: 'Microsoft YaHei' } as const;

const cellText = (c: Cell): string => (typeof c === 'number' ? String(c) : c);

/** Fits a picture into the text block of a page, keeping its proportions. */
export function fitPicture(width: number, height: number, max = IMAGE_MAX): { width: number; height: number } {
  const k = Math.min(1, max.width / width, max.height / height);
  return { width: Math.round(width * k), height: Math.round(height * k) };
}

export async function briefingDocx(model: BriefingModel, picture: ChainPicture | null, lang: 'zh' | 'en'): Promise<Blob> {
  const d = await import('docx');
  const font = { ascii: DOCX_FONT.latin, hAnsi: DOCX_FONT.latin, cs: DOCX_FONT.latin, eastAsia: DOCX_FONT.eastAsia, hint: 'eastAsia' };
  const language = { value: lang === 'zh' ? 'zh-CN' : 'en-GB', eastAsia: 'zh-CN' };

  const text = (s: string, opts: { muted?: boolean; size?: number; bold?: boolean } = {}) =>
    new d.Paragraph({
      spacing: { after: 120, line: 320 },
      children: [new d.TextRun({ text: s, color: opts.muted ? '5A6570' : undefined, size: opts.size, bold: opts.bold })],
    });

  const table = (tb: BriefingTable) => {
    const total = tb.widths.reduce((a, b) => a + b, 0);
    const widths = tb.widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
    const cell = (value: Cell, header: boolean, width: number, shade?: string) =>
      new d.TableCell({
        width: { size: width, type: d.WidthType.DXA },
        shading: shade ? { type: d.ShadingType.CLEAR, color: 'auto', fill: shade } : undefined,
        margins: { top: 40, bottom: 40, left: 80, right: 80 },
        children: [
          new d.Paragraph({
            alignment: typeof value === 'number' ? d.AlignmentType.RIGHT : undefined,
            children: [new d.TextRun({ text: cellText(value), bold: header, size: 17 })],
          }),
        ],
      });
    const tone: Record<string, string> = { MISSING: 'FDF1F1', THIN: 'FDF6EC' };
    return [
      new d.Paragraph({ spacing: { before: 200, after: 80 }, children: [new d.TextRun({ text: tb.title, bold: true, size: 21 })] }),
      new d.Table({
        width: { size: TEXT_WIDTH, type: d.WidthType.DXA },
        columnWidths: widths,
        layout: d.TableLayoutType.FIXED,
        rows: [
          new d.TableRow({ tableHeader: true, children: tb.columns.map((c, i) => cell(c, true, widths[i], 'E8EDF2')) }),
          ...tb.rows.map(
            (r, ri) =>
              new d.TableRow({
                cantSplit: true,
                children: r.map((c, i) => cell(c, false, widths[i], tone[tb.tones?.[ri] ?? ''])),
              }),
          ),
        ],
      }),
    ];
  };

  const image = () => {
    if (!picture) return [];
    const size = fitPicture(picture.width, picture.height);
    return [
      new d.Paragraph({
        alignment: d.AlignmentType.CENTER,
        children: [
          new d.ImageRun({
            type: 'png',
            data: picture.bytes,
            transformation: size,
            altText: { name: 'chain', description: picture.alt, title: picture.alt },
          }),
        ],
      }),
    ];
  };

  const cover = [
    new d.Paragraph({ spacing: { before: 3600, after: 600 }, heading: d.HeadingLevel.TITLE, children: [new d.TextRun(model.title)] }),
    ...model.cover.map(
      (line) =>
        new d.Paragraph({
          spacing: { after: 160 },
          children: [new d.TextRun({ text: `${line.label}：`, color: '5A6570' }), new d.TextRun({ text: line.value, bold: true })],
        }),
    ),
    new d.Paragraph({ spacing: { before: 600, after: 120 }, children: [new d.TextRun({ text: model.contentsLabel, bold: true })] }),
    ...model.sections.map((s) => new d.Paragraph({ spacing: { after: 60 }, indent: { left: 360 }, children: [new d.TextRun(s.heading)] })),
  ];

  const body = model.sections.flatMap((s) => [
    new d.Paragraph({ heading: d.HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new d.TextRun(s.heading)] }),
    ...s.blocks.flatMap((b) => (b.kind === 'text' ? [text(b.text, { muted: b.muted })] : b.kind === 'table' ? table(b.table) : image())),
  ]);

  const doc = new d.Document({
    creator: model.creator,
    title: model.title,
    styles: {
      default: {
        document: { run: { font, size: 20, language } },
        title: { run: { font, size: 44, bold: true, color: '1D2935' } },
        heading1: { run: { font, size: 32, bold: true, color: '1D2935' }, paragraph: { spacing: { after: 240 } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        footers: {
          default: new d.Footer({
            children: [
              new d.Paragraph({
                alignment: d.AlignmentType.CENTER,
                children: [
                  new d.TextRun({ text: `${model.title} · `, size: 16, color: '5A6570' }),
                  new d.TextRun({ children: [d.PageNumber.CURRENT], size: 16, color: '5A6570' }),
                ],
              }),
            ],
          }),
        },
        children: [...cover, ...body],
      },
    ],
  });
  return d.Packer.toBlob(doc);
}
