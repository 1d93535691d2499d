#!/usr/bin/env node
/**
 * Run first by `npm test`: makes sure the end-to-end tests have what they drive — Chromium, the
 * Noto CJK fonts (Japanese screenshots and PDFs) and Poppler's pdftotext (printed PDFs read back).
 * On Debian as root it installs the missing ones with apt-get, as `.ci/run` does; anywhere else it
 * stops in its first seconds with the exact command to run. Set CHROMIUM_PATH to use another
 * Chromium; set HINAN_SKIP_TOOL_CHECK=1 to skip this check (e.g. only unit tests on another OS).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const APT_PACKAGES = ['chromium', 'fonts-noto-cjk', 'poppler-utils'];
const INSTALL_COMMAND = `apt-get update && apt-get install -y --no-install-recommends ${APT_PACKAGES.join(' ')}`;

/** True when `command` runs and exits 0 (its output discarded). */
function runs(command, args) {
  const r = spawnSync(command, args, { stdio: 'ignore' });
  return r.status === 0;
}

/** What is missing, by the Debian package that brings it. */
function missingPackages() {
  const missing = [];
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) missing.push(process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${chromium}` : 'chromium');
  const fonts = spawnSync('fc-list', [':lang=ja'], { encoding: 'utf8' });
  if (fonts.status !== 0 || !/Noto Sans CJK/i.test(fonts.stdout)) missing.push('fonts-noto-cjk');
  if (!runs('pdftotext', ['-v'])) missing.push('poppler-utils');
  return missing;
}

if (process.env.HINAN_SKIP_TOOL_CHECK === '1') process.exit(0);
const missing = missingPackages();
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = runs('apt-get', ['--version']);
if (missing.some((m) => m.startsWith('CHROMIUM_PATH='))) {
  console.error(`テストに使う Chromium が見つかりません: ${missing.find((m) => m.startsWith('CHROMIUM_PATH='))}`);
  process.exit(1);
}
if (!isRoot || !hasApt) {
  console.error(`end-to-end テストに必要なものがありません: ${missing.join(', ')}`);
  console.error(hasApt ? `次のコマンドを実行してから、もう一度 npm test を実行してください:\n  sudo sh -c '${INSTALL_COMMAND}'` : `Debian 以外では Chromium、Noto Sans CJK フォント、Poppler (pdftotext) を入れ、CHROMIUM_PATH に Chromium の場所を設定してください。`);
  process.exit(1);
}
console.log(`end-to-end テストに必要な ${missing.join(', ')} を apt-get で入れます…`);
try {
  execFileSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${INSTALL_COMMAND}`], { stdio: 'inherit' });
} catch {
  console.error(`インストールに失敗しました。次のコマンドを手で実行してください:\n  ${INSTALL_COMMAND}`);
  process.exit(1);
}
const still = missingPackages();
if (still.length) {
  console.error(`インストール後もまだ足りません: ${still.join(', ')}`);
  process.exit(1);
}
