// `npm run icons`: renders Bellhop's icons from their one source, app/icon.svg, with the same Chromium
// the end-to-end suite uses. Browsers take the SVG itself as the tab's icon; everything else wants
// PNGs of set sizes, committed beside it:
// - public/icons/icon-{192,512}.png: the installed app's icon (the web app manifest, app/manifest.ts);
// - public/icons/icon-maskable-512.png: the same on a full-bleed background with the mark inside the
//   middle 80 %, for Android's launchers, which cut icons to their own shape;
// - public/icons/badge-96.png: the mark alone, white on transparent, for Android's status bar, which
//   shows a notification's badge as a silhouette;
// - app/apple-icon.png (180): iOS's home screen, full-bleed (iOS rounds the corners itself and fills
//   transparency with black);
// - app/favicon.ico (16 and 32): for the clients that still ask for /favicon.ico by name.
// Run it again after changing app/icon.svg.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const ROOT = path.resolve(import.meta.dirname, "..");
const SOURCE = path.join(ROOT, "app/icon.svg");

type Variant = { file: string; size: number; svg: string };

function variants(source: string): Variant[] {
  const background = /<rect [^>]*fill="(#[0-9a-f]{6})"/i.exec(source)?.[1];
  const mark = /<g fill="#fff">[\s\S]*?<\/g>/.exec(source)?.[0];
  if (!background || !mark) throw new Error("app/icon.svg must have a background <rect fill=…> and the mark in <g fill=\"#fff\">");
  const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${body}</svg>`;
  const fullBleed = (scale: number) =>
    svg(`<rect width="512" height="512" fill="${background}"/><g transform="translate(${256 * (1 - scale)} ${256 * (1 - scale)}) scale(${scale})">${mark}</g>`);
  // The mark spans x 92–420 and y 128–392 of 512: scaled by 1.4 about the centre it fills the badge.
  const badge = svg(`<g transform="translate(-102.4 -102.4) scale(1.4)">${mark}</g>`);
  return [
    { file: "public/icons/icon-192.png", size: 192, svg: source },
    { file: "public/icons/icon-512.png", size: 512, svg: source },
    { file: "public/icons/icon-maskable-512.png", size: 512, svg: fullBleed(0.8) },
    { file: "public/icons/badge-96.png", size: 96, svg: badge },
    { file: "app/apple-icon.png", size: 180, svg: fullBleed(0.9) },
    { file: "favicon-16", size: 16, svg: source },
    { file: "favicon-32", size: 32, svg: source },
  ];
}

/** An ICO file holding PNG images (every browser since IE 11 reads those). */
function icoOf(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size, entry);
    header.writeUInt8(size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    const page = await browser.newPage();
    const favicon: { size: number; png: Buffer }[] = [];
    for (const { file, size, svg } of variants(fs.readFileSync(SOURCE, "utf8"))) {
      await page.setViewportSize({ width: size, height: size });
      const sized = svg.replace("<svg ", `<svg width="${size}" height="${size}" `);
      await page.setContent(`<html><body style="margin:0">${sized}</body></html>`);
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      if (file.startsWith("favicon-")) {
        favicon.push({ size, png });
        continue;
      }
      fs.mkdirSync(path.dirname(path.join(ROOT, file)), { recursive: true });
      fs.writeFileSync(path.join(ROOT, file), png);
      console.log(`${file} (${size}×${size}, ${png.length} bytes)`);
    }
    fs.writeFileSync(path.join(ROOT, "app/favicon.ico"), icoOf(favicon));
    console.log(`app/favicon.ico (${favicon.map((image) => image.size).join(" and ")})`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
