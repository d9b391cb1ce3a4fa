// Reads a GIFT file with gift-pegjs (an independent parser) and prints its questions as JSON.
// Usage: node gift_read.js quiz.gift   (gift-pegjs from tests/node_modules: npm ci --prefix tests)
"use strict";
const fs = require("fs");
const { parse } = require("gift-pegjs");

const text = fs.readFileSync(process.argv[2], "utf8");
try {
  process.stdout.write(JSON.stringify(parse(text)));
} catch (error) {
  const where = error.location ? ` at line ${error.location.start.line}` : "";
  process.stderr.write(`GIFT parse error${where}: ${error.message}\n`);
  process.exit(1);
}
