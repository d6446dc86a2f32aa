import { escape } from 'html-escaper';

/** Markup that is safe to insert as is: made by `html` below, or from one of our own constants. */
export class SafeHtml {
  constructor(readonly markup: string) {}
}

export type Interpolation = SafeHtml | string | number | null | undefined | readonly Interpolation[];

const render = (value: Interpolation): string => {
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined) return '';
  return escape(String(value));
};

/**
 * The only way markup is built: every interpolated value is escaped (`& < > " '`) unless it is
 * SafeHtml, so text from a profile (user data) can never become markup. Attribute values are
 * always written in double quotes.
 */
export const html = (strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml =>
  new SafeHtml(strings.reduce((out, piece, i) => out + piece + (i < values.length ? render(values[i]) : ''), ''));
