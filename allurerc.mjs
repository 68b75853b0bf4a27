// The Allure 3 report: `npm run report` (a folder to serve) or `npm run report:single`
// (one index.html that opens straight from disk). Grouped by workflow (epic), then feature.
import { readFileSync } from "node:fs";
import { defineConfig } from "allure";

// Environment problem / product defect / test defect: one file, shared with the Python side.
const categories = JSON.parse(readFileSync(new URL("./config/allure-categories.json", import.meta.url)));

export default defineConfig({
  name: "Campaign platform acceptance",
  output: "./allure-report",
  categories,
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
