// Laying text out as the CLIs do: Go's tabwriter (kubectl's columns) and the
// width of text, in terminal columns or in runes.

export { TabWriter, type TabWriterSettings } from './tabwriter';
export { charWidth, isPrintable, runeCount, stringWidth } from './width';
