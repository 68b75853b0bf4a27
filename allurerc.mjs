// The Allure 3 report: `npm run report` (a folder to serve) or `npm run report:single`
// (one index.html that opens straight from disk). Grouped by workflow (epic), then feature.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { defineConfig } from "allure";

// Environment problem / product defect / test defect: one file, shared with the Python side.
const categories = JSON.parse(readFileSync(new URL("./config/allure-categories.json", import.meta.url)));

const output = "./allure-report";

// The rulebook travels with the report: each @rule.X tag is a link to
// rulebook/index.html#rule-…, relative to the report (behave.ini: rulebook.link_pattern), so it
// opens whether the report is served (`npm run report:open`) or opened from disk (single file).
// Allure does not empty its output folder, so the page copied here stays beside index.html.
const rulebook = new URL("./docs/rules/rulebook.html", import.meta.url);
if (existsSync(rulebook)) {
  mkdirSync(`${output}/rulebook`, { recursive: true });
  copyFileSync(rulebook, `${output}/rulebook/index.html`);
}

export default defineConfig({
  name: "Campaign platform acceptance",
  output,
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
