// The Allure 3 report: `npm run report` (a folder to serve) or `npm run report:single`
// (one index.html that opens straight from disk). Grouped by workflow (epic), then feature.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { defineConfig } from "allure";

// Environment problem / product defect / test defect: one file, shared with the Python side.
const categories = JSON.parse(readFileSync(new URL("./config/allure-categories.json", import.meta.url)));

const output = "./allure-report";

// The rule links (behave.ini: rulebook.link_pattern) name the address `allure open` serves the
// report on; its port is read from that one line.
const linkPattern = readFileSync(new URL("./behave.ini", import.meta.url), "utf8")
  .match(/^rulebook\.link_pattern\s*=\s*(\S+)/m)?.[1];
const port = linkPattern?.match(/^https?:\/\/(?:localhost|127\.0\.0\.1):(\d+)\//)?.[1];

// The rulebook travels with the report: each @rule.X tag links to rulebook.html#rule-… beside
// index.html. Allure does not empty its output folder, so the page copied here stays; it is a
// file, not a folder, because Allure moves its plugin's folder up to the top only when it is the
// one folder there.
// A generation starts from an empty folder for the same reason: a previous report's folders
// would stop the move and leave the old index.html on top. (`allure open` reads this file too,
// and must find the report whole.)
if (process.argv.includes("generate")) {
  rmSync(output, { recursive: true, force: true });
  mkdirSync(output, { recursive: true });
  const rulebook = new URL("./docs/rules/rulebook.html", import.meta.url);
  if (existsSync(rulebook)) {
    copyFileSync(rulebook, `${output}/rulebook.html`);
  }
}

export default defineConfig({
  name: "Campaign platform acceptance",
  output,
  ...(port ? { port } : {}),
  categories,
  // Trends and flaky/new/fixed markers across runs: every `allure generate` appends one point to
  // this file, kept outside allure-results (which every run clears) and out of git (.gitignore).
  historyPath: "./.allure-history/history.jsonl",
  historyLimit: 50,
  // The traceability table (rule -> scenarios -> last result) of the results being reported,
  // written by the runner beside them; shown among the report's global attachments.
  globalAttachments: ["./reports/traceability.html"],
  plugins: {
    awesome: {
      options: {
        reportName: "Campaign platform acceptance",
        groupBy: ["epic", "feature"],
        singleFile: process.env.ALLURE_SINGLE_FILE === "1",
      },
    },
  },
});
