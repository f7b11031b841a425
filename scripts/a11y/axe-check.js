// Opens each HTML file given in Debian's Chromium (headless, through puppeteer-core, which
// downloads no browser of its own), runs axe-core with the WCAG 2.0/2.1 A and AA rules, prints
// every violation and exits 1 if there is any. With --screenshots DIR it also saves the top of
// each page at 1280 and 360 CSS pixels wide, and checks that at 320 px the page itself does not
// scroll sideways (wide tables scroll inside their own region).
//
//   node axe-check.js [--screenshots DIR] FILE.html...

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const args = process.argv.slice(2);
let shots = null;
if (args[0] === "--screenshots") {
  shots = args[1];
  args.splice(0, 2);
  fs.mkdirSync(shots, { recursive: true });
}
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
let failed = 0;
for (const file of args) {
  const page = await browser.newPage();
  // The report asks for nothing from elsewhere: any request that is not the file itself fails.
  const requests = [];
  page.on("request", (r) => {
    if (!r.url().startsWith("file://")) requests.push(r.url());
  });
  const url = "file://" + path.resolve(file);
  for (const scheme of ["light", "dark"]) {
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      }),
    );
    for (const v of result.violations) {
      failed += 1;
      console.log(`${file} (${scheme}): ${v.id} (${v.impact}): ${v.help}`);
      for (const node of v.nodes.slice(0, 5)) {
        console.log(`    ${node.target.join(" ")}: ${node.failureSummary.replace(/\n/g, " ")}`);
      }
    }
    console.log(
      `${file} (${scheme}): ${result.violations.length} violations, ${result.passes.length} rules passed`,
    );
  }
  // Reflow: at 320 CSS px the page does not scroll sideways.
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
  await page.setViewport({ width: 320, height: 640 });
  await page.goto(url, { waitUntil: "load" });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  if (overflow > 0) {
    failed += 1;
    console.log(`${file}: at 320 px the page scrolls sideways by ${overflow} px`);
  }
  if (requests.length > 0) {
    failed += 1;
    console.log(`${file}: requested ${requests.join(", ")}`);
  }
  if (shots) {
    const base = path.join(shots, path.basename(file, ".html"));
    for (const width of [1280, 360]) {
      await page.setViewport({ width, height: 900 });
      await page.goto(url, { waitUntil: "load" });
      await page.screenshot({ path: `${base}-${width}.png` });
    }
  }
  await page.close();
}
await browser.close();
process.exit(failed > 0 ? 1 : 0);
