// Draws the extension's 128x128 icon, media/icon.png, from media/icon.svg in
// headless Chromium (the one the e2e tests use), with a transparent background.
//   node --import tsx scripts/draw-icon.ts [SVG PNG SIZE]   (default: the icon)

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../test/e2e/browser';
import { PROJECT_ROOT } from '../test/e2e/tools';

const [svg = join(PROJECT_ROOT, 'media', 'icon.svg'), png = join(PROJECT_ROOT, 'media', 'icon.png'), size = '128'] = process.argv.slice(2);

async function main(): Promise<void> {
  const side = Number(size);
  const source = `data:image/svg+xml;base64,${readFileSync(svg).toString('base64')}`;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setViewportSize({ width: side, height: side });
    await page.setContent(`<body style="margin:0;background:transparent"><img src="${source}" width="${side}" height="${side}" style="display:block"></body>`);
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    writeFileSync(png, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: side, height: side } }));
    console.log(`${png}: ${side}x${side}`);
  } finally {
    await browser.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
