/**
 * The part of html-to-text (10.x, a dependency of mailparser) that email-html-to-text.ts uses. html-to-text ships no
 * types; with `@types/html-to-text` installed this file can be deleted.
 */
declare module 'html-to-text' {
  export interface HtmlToTextSelector {
    selector: string;
    format?: string;
    options?: Record<string, unknown>;
  }
  export interface HtmlToTextOptions {
    wordwrap?: number | false | null;
    limits?: { maxDepth?: number; maxChildNodes?: number; maxInputLength?: number };
    selectors?: HtmlToTextSelector[];
  }
  export function htmlToText(html: string, options?: HtmlToTextOptions): string;
}
