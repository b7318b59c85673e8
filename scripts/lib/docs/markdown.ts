// The small CommonMark subset the specs' descriptions use: paragraphs,
// `code`, **strong**, _emphasis_ / *emphasis* and [links](url). Text is
// escaped first, so the markup added here is the only markup.
import { escapeHtml, SafeHtml } from './html.ts';

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])[_*]([^_*]+)[_*](?=[\s).,:;!?]|$)/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2">$1</a>');
}

export function markdown(text: string | undefined): SafeHtml {
  if (!text) return new SafeHtml('');
  const paragraphs = text.trim().split(/\n\s*\n/);
  return new SafeHtml(paragraphs.map((p) => `<p>${inline(p.replace(/\s*\n\s*/g, ' '))}</p>`).join(''));
}
