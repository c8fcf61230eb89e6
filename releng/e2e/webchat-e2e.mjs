// End-to-end driver for the embeddable web chat widget in headless Chromium (playwright-core).
//
// Usage: run.sh <demoPageUrl> <screenshotPath>   (run.sh installs playwright-core and sets HC_E2E_MODULES)
//
// Line protocol. stdout, one line each, written as soon as a step is done:
//   OPENED                 the launcher was clicked and the panel is visible
//   SENT                   "Hello from the browser" was typed, Enter pressed, and shows as a visitor message
//   SEEN <text>            after EXPECT <text>: a staff message with exactly that text, rendered as text (no elements)
//   UPLOADED               after UPLOAD <path>: a visitor message links the file (a.hc-file-link with its base name)
//   RELOADED               after RELOAD: reloaded, reopened, and the visitor's first message is shown again
//   CONSOLE <text>         a console message of type error (never fails the run)
//   PAGEERROR <text>       an uncaught page error (never fails the run)
//   FAIL <reason>          then exit 1; every wait gives up after 15 s
// stdin, read line by line as it arrives, after SENT: EXPECT <text> | UPLOAD <absolute path> | RELOAD | DONE.
// DONE takes a full-page screenshot to <screenshotPath>, closes the browser and exits 0.
//
// The widget's DOM contract: button .hc-launcher, panel .hc-panel, textarea.hc-input (Enter sends), button .hc-send,
// messages .hc-msg with .hc-visitor or .hc-staff, text in .hc-text, author in .hc-author, input.hc-file.
import { createRequire } from 'node:module';
import path from 'node:path';
import fs from 'node:fs';
import readline from 'node:readline';

const TIMEOUT = 15_000;
const GREETING = 'Hello from the browser';

function out(line) {
  // One protocol line; a message with line breaks must not break the protocol.
  process.stdout.write(String(line).replace(/\r?\n/g, '\\n') + '\n');
}

function loadPlaywright() {
  const modules = process.env.HC_E2E_MODULES;
  const require = createRequire(import.meta.url);
  if (modules) return require(path.join(modules, 'playwright-core'));
  return require('playwright-core');
}

const [url, screenshotPath] = process.argv.slice(2);
if (!url || !screenshotPath) {
  process.stderr.write('usage: run.sh <demoPageUrl> <screenshotPath>\n');
  process.exit(2);
}

let browser = null;
let finished = false;

async function closeBrowser() {
  if (!browser) return;
  const b = browser;
  browser = null;
  await Promise.race([b.close().catch(() => {}), new Promise((r) => setTimeout(r, 5_000))]);
}

async function fail(reason) {
  if (finished) return;
  finished = true;
  out(`FAIL ${reason}`);
  await closeBrowser();
  process.exit(1);
}

function describe(error) {
  return String(error && error.message ? error.message : error).split('\n')[0];
}

/** Runs one step; any error (a Playwright TimeoutError among them) ends the run with FAIL <what>: <cause>. */
async function step(what, action) {
  try {
    return await action();
  } catch (error) {
    await fail(`${what}: ${describe(error)}`);
    return undefined;
  }
}

/** What the panel shows, for a FAIL line: the last few messages with their kind and text. */
async function messagesSeen(page) {
  try {
    const seen = await page.$$eval('.hc-msg', (els) => els.slice(-6).map((el) => {
      const kind = el.classList.contains('hc-visitor') ? 'visitor' : el.classList.contains('hc-staff') ? 'staff' : '?';
      const text = el.querySelector('.hc-text');
      return `${kind}:${JSON.stringify(text ? text.innerHTML : el.innerHTML)}`;
    }));
    return seen.length ? ` (last messages: ${seen.join(', ')})` : ' (no messages)';
  } catch {
    return '';
  }
}

/** Waits until a message of the given selector has a .hc-text whose textContent is exactly text. */
async function waitForText(page, messageSelector, text) {
  await page.waitForFunction(
    ([selector, wanted]) => [...document.querySelectorAll(`${selector} .hc-text`)].some((el) => el.textContent === wanted),
    [messageSelector, text],
    { timeout: TIMEOUT, polling: 100 },
  );
}

async function openPanel(page) {
  await page.locator('.hc-launcher').first().click({ timeout: TIMEOUT });
  await page.locator('.hc-panel').first().waitFor({ state: 'visible', timeout: TIMEOUT });
}

async function main() {
  const { chromium } = loadPlaywright();
  browser = await step('launching Chromium', () => chromium.launch({
    executablePath: process.env.HC_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // --no-sandbox: we run as root in CI; --disable-dev-shm-usage: containers often have a 64 MB /dev/shm.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
    timeout: 30_000,
  }));
  browser.on('disconnected', () => { if (!finished) fail('the browser went away'); });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('console', (msg) => { if (msg.type() === 'error') out(`CONSOLE ${msg.text()}`); });
  page.on('pageerror', (error) => out(`PAGEERROR ${describe(error)}`));
  page.on('crash', () => fail('the page crashed'));

  await step(`opening ${url}`, () => page.goto(url, { waitUntil: 'load', timeout: TIMEOUT }));

  await step('opening the panel (.hc-launcher, then .hc-panel visible)', () => openPanel(page));
  out('OPENED');

  await step('sending a message', async () => {
    const input = page.locator('textarea.hc-input').first();
    await input.click({ timeout: TIMEOUT });
    await input.pressSequentially(GREETING, { timeout: TIMEOUT });
    await input.press('Enter', { timeout: TIMEOUT });
  });
  await step(`waiting for the visitor message "${GREETING}"`, async () => {
    try {
      await waitForText(page, '.hc-msg.hc-visitor', GREETING);
    } catch (error) {
      throw new Error(describe(error) + await messagesSeen(page));
    }
  });
  out('SENT');

  // Lines are handled one at a time in the order they arrive; the harness writes the next one only after our answer.
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  for await (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const space = line.indexOf(' ');
    const command = space < 0 ? line : line.slice(0, space);
    const arg = space < 0 ? '' : line.slice(space + 1);
    switch (command) {
      case 'EXPECT': {
        await step(`waiting for the staff message ${JSON.stringify(arg)}`, async () => {
          try {
            await waitForText(page, '.hc-msg.hc-staff', arg);
          } catch (error) {
            throw new Error(describe(error) + await messagesSeen(page));
          }
        });
        const asText = await step('checking how the staff message is rendered', () => page.$$eval(
          '.hc-msg.hc-staff .hc-text',
          (els, wanted) => els.some((el) => el.textContent === wanted && el.childElementCount === 0),
          arg,
        ));
        if (!asText) {
          await fail(`the staff message ${JSON.stringify(arg)} was rendered as HTML (element children in .hc-text)`
            + await messagesSeen(page));
        }
        out(`SEEN ${arg}`);
        break;
      }
      case 'UPLOAD': {
        const name = path.basename(arg);
        await step(`uploading ${arg}`, async () => {
          if (!path.isAbsolute(arg) || !fs.existsSync(arg)) throw new Error('no such file (an absolute path is needed)');
          await page.locator('input.hc-file').first().setInputFiles(arg, { timeout: TIMEOUT });
        });
        await step(`waiting for the visitor's file link "${name}"`, async () => {
          try {
            await page.waitForFunction(
              (wanted) => [...document.querySelectorAll('.hc-msg.hc-visitor a.hc-file-link')]
                .some((a) => a.textContent.includes(wanted)),
              name,
              { timeout: TIMEOUT, polling: 100 },
            );
          } catch (error) {
            throw new Error(describe(error) + await messagesSeen(page));
          }
        });
        out('UPLOADED');
        break;
      }
      case 'RELOAD': {
        await step('reloading the page', () => page.reload({ waitUntil: 'load', timeout: TIMEOUT }));
        await step('opening the panel after the reload', () => openPanel(page));
        await step(`waiting for the visitor message "${GREETING}" after the reload`, async () => {
          try {
            await waitForText(page, '.hc-msg.hc-visitor', GREETING);
          } catch (error) {
            throw new Error(describe(error) + await messagesSeen(page));
          }
        });
        out('RELOADED');
        break;
      }
      case 'DONE': {
        await step(`taking the screenshot ${screenshotPath}`, async () => {
          fs.mkdirSync(path.dirname(path.resolve(screenshotPath)), { recursive: true });
          await page.screenshot({ path: screenshotPath, fullPage: true, timeout: TIMEOUT });
        });
        finished = true;
        await closeBrowser();
        process.exit(0);
        break;
      }
      default:
        await fail(`unknown command ${JSON.stringify(line)}`);
    }
  }
  await fail('stdin closed before DONE');
}

main().catch((error) => fail(describe(error)));
